package dev.callsafe.permissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

class SafetyCodeTest {
    static PeerFingerprint random(Random r) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 32; i++) {
            b.append(i == 0 ? "" : ":").append(String.format("%02X", r.nextInt(256)));
        }
        return new PeerFingerprint("sha-256", b.toString());
    }

    @Test
    void bothSidesSeeTheSameCode() {
        Random r = new Random(1);
        for (int i = 0; i < 100; i++) {
            PeerFingerprint a = random(r);
            PeerFingerprint b = random(r);
            assertEquals(SafetyCode.of(a, b), SafetyCode.of(b, a));
        }
    }

    @Test
    void isSixGroupsOfFourDigits() {
        String code = SafetyCode.of(random(new Random(2)), random(new Random(3)));
        assertTrue(code.matches("\\d{4}( \\d{4}){5}"), code);
    }

    @Test
    void aDifferentCertificateOnEitherSideGivesADifferentCode() {
        Random r = new Random(4);
        PeerFingerprint a = random(r);
        PeerFingerprint b = random(r);
        PeerFingerprint m = random(r);
        assertNotEquals(SafetyCode.of(a, b), SafetyCode.of(a, m));
        assertNotEquals(SafetyCode.of(a, b), SafetyCode.of(m, b));
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            codes.add(SafetyCode.of(a, random(r)));
        }
        assertEquals(2000, codes.size(), "no collisions among 2000 peers");
    }

    @Test
    void isStableAcrossVersions() {
        // Fixed vectors: two browsers (or two versions) must compute the same code from the same fingerprints.
        PeerFingerprint a = new PeerFingerprint("sha-256", String.join(":", java.util.Collections.nCopies(32, "AA")));
        PeerFingerprint b = new PeerFingerprint("SHA-256", String.join(":", java.util.Collections.nCopies(32, "bb")));
        assertEquals(SafetyCode.of(a, b), SafetyCode.of(b, a));
        assertEquals(SafetyCode.of(a, b), SafetyCode.of(new PeerFingerprint("sha-256", a.value()), b));
    }

    @Test
    void fingerprintsFromAPageAreParsedStrictly() {
        assertNull(PeerFingerprint.parseOrNull("sha-256", "AB:CD"), "too short");
        assertNull(PeerFingerprint.parseOrNull("md5", random(new Random(5)).value()), "unknown algorithm");
        assertNull(PeerFingerprint.parseOrNull("sha-256", random(new Random(5)).value() + ":<b>"), "markup");
        assertNull(PeerFingerprint.parseOrNull(null, null));
        assertThrows(IllegalArgumentException.class, () -> new PeerFingerprint("sha-256", "zz"));
        assertEquals("sha-256", PeerFingerprint.parseOrNull("SHA-256", random(new Random(5)).value()).algorithm());
    }
}
