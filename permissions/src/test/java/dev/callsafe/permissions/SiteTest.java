package dev.callsafe.permissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class SiteTest {
    @Test
    void theRegistrableDomainFollowsThePublicSuffixList() {
        assertEquals("example.co.uk", Site.registrableDomain("averyveryvery.long.sub.example.co.uk"));
        assertEquals("example.com", Site.registrableDomain("www.example.com"));
        assertEquals("example.com", Site.registrableDomain("example.com"));
        // A private registry counts, as in Chromium's sites: two github.io users are two sites.
        assertEquals("alice.github.io", Site.registrableDomain("meet.alice.github.io"));
        assertEquals("xn--bcher-kva.de", Site.registrableDomain("shop.xn--bcher-kva.de"));
    }

    @Test
    void hostsWithoutARegistrableDomainAreTheirOwnSite() {
        assertEquals("127.0.0.1", Site.registrableDomain("127.0.0.1"));
        assertEquals("::1", Site.registrableDomain("::1"));
        assertEquals("localhost", Site.registrableDomain("localhost"));
        assertEquals("co.uk", Site.registrableDomain("co.uk"));
        assertEquals("github.io", Site.registrableDomain("github.io"));
        // An unknown top-level domain is no registry (Chromium's default): the whole host.
        assertEquals("a.b.example", Site.registrableDomain("a.b.example"));
    }

    @Test
    void aSiteIsSchemeAndRegistrableDomainWithoutPort() {
        assertEquals("https://example.co.uk", Site.of(Origin.of("https://a.b.example.co.uk:8443/x")).serialize());
        assertEquals(Site.of(Origin.of("https://a.example.com")), Site.of(Origin.of("https://b.example.com:444")));
        assertNotEquals(Site.of(Origin.of("https://a.example.com")), Site.of(Origin.of("http://a.example.com")));
        assertNotEquals(Site.of(Origin.of("https://a.example.com")), Site.of(Origin.of("https://a.example.org")));
        Site opaque = Site.of(Origin.opaque());
        assertNotEquals(opaque, Site.of(Origin.opaque()));
        assertEquals(opaque, opaque);
    }
}
