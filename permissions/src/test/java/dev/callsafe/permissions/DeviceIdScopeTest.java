package dev.callsafe.permissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class DeviceIdScopeTest {
    private static byte[] secret(int fill) {
        byte[] b = new byte[32];
        Arrays.fill(b, (byte) fill);
        return b;
    }

    @Test
    void stableForOneOriginDifferentAcrossOriginsAndProfiles() {
        DeviceIdScope scope = new DeviceIdScope(secret(1));
        Origin a = Origin.of("https://a.example");
        Origin b = Origin.of("https://b.example");
        assertEquals(scope.pageId(a, "cam-1"), new DeviceIdScope(secret(1)).pageId(a, "cam-1"));
        assertNotEquals(scope.pageId(a, "cam-1"), scope.pageId(b, "cam-1"));
        assertNotEquals(scope.pageId(a, "cam-1"), scope.pageId(a, "cam-2"));
        assertNotEquals(scope.pageId(a, "cam-1"), new DeviceIdScope(secret(2)).pageId(a, "cam-1"));
        assertEquals(32, scope.pageId(a, "cam-1").length());
    }
}
