package dev.callsafe.permissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PinnedPeersTest {
    private static final Origin MEET = Origin.of("https://meet.example");
    private static final Origin OTHER = Origin.of("https://other.example");

    @TempDir
    Path profile;

    private static SitePermissions fresh() {
        return new SitePermissions(Clock.systemUTC(), SitePermissions.DEFAULT_LAPSE, Set.of());
    }

    @Test
    void aPinIsKeptPerSiteAndSurvivesARestart() throws IOException {
        Random r = new Random(7);
        PeerFingerprint alice = SafetyCodeTest.random(r);
        SitePermissions p = fresh();
        p.pinPeer(MEET, "  Alice ", alice);
        assertEquals("Alice", p.pinnedPeer(MEET, alice).orElseThrow().name());
        assertTrue(p.pinnedPeer(OTHER, alice).isEmpty(), "pins are per site");
        assertTrue(p.pinnedPeer(MEET, SafetyCodeTest.random(r)).isEmpty());
        try (PermissionStore store = PermissionStore.open(profile, Clock.systemUTC())) {
            store.save(p.snapshot());
        }
        try (PermissionStore store = PermissionStore.open(profile, Clock.systemUTC())) {
            SitePermissions back = fresh();
            back.restore(store.load().snapshot());
            assertEquals("Alice", back.pinnedPeer(MEET, alice).orElseThrow().name());
            assertEquals(p.snapshot(), back.snapshot());
        }
    }

    @Test
    void pinningAgainRenamesAndUnpinForgets() {
        PeerFingerprint alice = SafetyCodeTest.random(new Random(8));
        SitePermissions p = fresh();
        p.pinPeer(MEET, "Alice", alice);
        p.pinPeer(MEET, "Alice (laptop)", alice);
        assertEquals(1, p.pinnedPeers(MEET).size());
        assertEquals("Alice (laptop)", p.pinnedPeers(MEET).get(0).name());
        p.unpinPeer(MEET, alice);
        assertTrue(p.pinnedPeers(MEET).isEmpty());
    }

    @Test
    void clearingSiteDataForgetsPins() {
        SitePermissions p = fresh();
        p.pinPeer(MEET, "Alice", SafetyCodeTest.random(new Random(9)));
        p.clearSiteData(MEET);
        assertTrue(p.pinnedPeers(MEET).isEmpty());
    }

    @Test
    void namesAreBoundedAndPinsPerSiteToo() {
        Random r = new Random(10);
        SitePermissions p = fresh();
        assertThrows(IllegalArgumentException.class, () -> p.pinPeer(MEET, " ", SafetyCodeTest.random(r)));
        assertThrows(IllegalArgumentException.class, () -> p.pinPeer(MEET, "x".repeat(65), SafetyCodeTest.random(r)));
        PeerFingerprint first = SafetyCodeTest.random(r);
        p.pinPeer(MEET, "first", first);
        for (int i = 0; i < SitePermissions.MAX_PINS; i++) {
            p.pinPeer(MEET, "peer " + i, SafetyCodeTest.random(r));
        }
        assertEquals(SitePermissions.MAX_PINS, p.pinnedPeers(MEET).size());
        assertTrue(p.pinnedPeer(MEET, first).isEmpty(), "the oldest pin made room");
    }

    @Test
    void aDamagedPinInTheFileIsDroppedAndTheRestKept() throws IOException {
        PeerFingerprint alice = SafetyCodeTest.random(new Random(11));
        Files.writeString(profile.resolve(PermissionStore.FILE), "{\"schema\": 1, \"sites\": {\"https://meet.example\":"
                + " {\"permissions\": {}, \"everGranted\": false, \"dismissals\": 0, \"pinnedPeers\": ["
                + "{\"name\": \"Alice\", \"algorithm\": \"sha-256\", \"fingerprint\": \"" + alice.value()
                + "\", \"since\": \"2026-01-01T00:00:00Z\"},"
                + "{\"name\": \"Mallory\", \"algorithm\": \"md5\", \"fingerprint\": \"00\", \"since\": \"2026-01-01T00:00:00Z\"},"
                + "null]}}}");
        try (PermissionStore store = PermissionStore.open(profile, Clock.systemUTC())) {
            PermissionStore.LoadResult r = store.load();
            assertTrue(r.problem().isEmpty(), () -> r.problem().get());
            SitePermissions p = fresh();
            p.restore(r.snapshot());
            assertEquals(List.of("Alice"), p.pinnedPeers(MEET).stream().map(PinnedPeer::name).toList());
        }
    }

    @Test
    void aPinnedPeersOnlyAnswerMarksTheCallAndStaysStricter() {
        SitePermissions p = fresh();
        MediaRequest camera = new MediaRequest(MEET, MEET, Set.of(MediaKind.CAMERA), false, "1/A");
        MediaRequest mic = new MediaRequest(MEET, MEET, Set.of(MediaKind.MICROPHONE), false, "1/A");
        p.record(camera, ConsentAnswer.ALLOW_ONCE);
        assertFalse(p.callGrants("1/A"::equals).get(0).pinnedPeersOnly());
        p.record(mic, ConsentAnswer.ALLOW_ONCE_PINNED_PEERS);
        assertTrue(p.callGrants("1/A"::equals).get(0).pinnedPeersOnly());
        p.record(camera, ConsentAnswer.ALLOW_ONCE);
        assertTrue(p.callGrants("1/A"::equals).get(0).pinnedPeersOnly(), "a later plain allow does not loosen it");
        assertTrue(p.decide(mic).isGranted());
    }
}
