package dev.callsafe.permissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class DeviceIdScopeTest {
    private static final Origin A = Origin.of("https://a.example");
    private static final Origin B = Origin.of("https://b.example");
    private static final Site SHOP = Site.of(Origin.of("https://shop.example.co.uk"));

    private static byte[] secret(int fill) {
        byte[] b = new byte[32];
        Arrays.fill(b, (byte) fill);
        return b;
    }

    @Test
    void stableForOneOriginDifferentAcrossOriginsAndProfiles() {
        DeviceIdScope scope = new DeviceIdScope(secret(1));
        Site site = Site.of(A);
        assertEquals(scope.pageId(site, A, "cam-1"), new DeviceIdScope(secret(1)).pageId(site, A, "cam-1"));
        assertNotEquals(scope.pageId(site, A, "cam-1"), scope.pageId(site, B, "cam-1"));
        assertNotEquals(scope.pageId(site, A, "cam-1"), scope.pageId(site, A, "cam-2"));
        assertNotEquals(scope.pageId(site, A, "cam-1"), new DeviceIdScope(secret(2)).pageId(site, A, "cam-1"));
        assertEquals(32, scope.pageId(site, A, "cam-1").length());
    }

    @Test
    void aThirdPartyEmbeddedUnderTwoSitesSeesTwoIdsAndOneIdWithinASite() {
        DeviceIdScope scope = new DeviceIdScope(secret(1));
        Origin widget = Origin.of("https://widget.example");
        String underShop = scope.pageId(SHOP, widget, "cam-1");
        assertNotEquals(underShop, scope.pageId(Site.of(B), widget, "cam-1"), "two top-level sites, two ids");
        // Another origin of the same top-level site is the same partition (sites, not origins, partition).
        assertEquals(underShop, scope.pageId(Site.of(Origin.of("https://www.example.co.uk:8443")), widget, "cam-1"));
    }

    @Test
    void theSiteAndOriginCannotBeShiftedIntoEachOther() {
        DeviceIdScope scope = new DeviceIdScope(secret(1));
        // Separators keep ("https://a", "b...") and ("https://ab", "...") apart.
        assertNotEquals(scope.pageId(Site.of(A), B, "cam-1"), scope.pageId(Site.of(B), A, "cam-1"));
    }
}
