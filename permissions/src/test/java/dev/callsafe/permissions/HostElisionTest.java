package dev.callsafe.permissions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class HostElisionTest {
    private static String elide(String host, int chars) {
        return HostElision.of(host, chars, String::length);
    }

    @Test
    void longHostsLoseWholeLabelsFromTheLeftAndKeepTheRegistrableDomain() {
        String host = "averyveryveryveryverylonglabel.long.sub.example.co.uk";
        assertEquals(host, elide(host, 100), "fits: unchanged");
        assertEquals("\u2026long.sub.example.co.uk", elide(host, 24));
        assertEquals("\u2026sub.example.co.uk", elide(host, 20));
        assertEquals("\u2026example.co.uk", elide(host, 14));
        assertEquals("\u2026example.co.uk", elide(host, 5), "the registrable domain is never cut");
    }

    @Test
    void aLookAlikePrefixCannotPushTheRealDomainOut() {
        // What a person must see is the real site, not the label that imitates another one.
        assertEquals("\u2026com.evil.example.com",
                elide("accounts.google.com.login.secure.com.evil.example.com", 24));
        assertEquals("\u2026evil-example.github.io", elide("www.paypal.com.evil-example.github.io", 24),
                "a private registry's user is the registrable domain");
    }

    @Test
    void hostsThatAreTheirOwnDomainOrHaveNoneStayWhole() {
        assertEquals("averyveryverylongname.co.uk", elide("averyveryverylongname.co.uk", 5));
        assertEquals("127.0.0.1", elide("127.0.0.1", 3));
        assertEquals("a.very.long.name.test", elide("a.very.long.name.test", 3), "unknown TLD: the whole host is the site");
    }

    @Test
    void theDisplayFormIsElidedAndOriginsKeepSchemeAndPort() {
        assertEquals("https://\u2026b\u00fccher.de:8443",
                Origin.of("https://shop.sub.xn--bcher-kva.de:8443").display(12, String::length));
        assertEquals("https://shop.example.com", Origin.of("https://shop.example.com").display(100, String::length));
    }
}
