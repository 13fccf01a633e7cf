package dev.callsafe.plugins.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;

import dev.callsafe.permissions.ConsentAnswer;
import dev.callsafe.permissions.MediaKind;
import dev.callsafe.permissions.MediaRequest;
import dev.callsafe.permissions.Origin;
import dev.callsafe.permissions.PeerFingerprint;
import dev.callsafe.permissions.SitePermissions;
import dev.callsafe.plugins.spi.FrameRef;

/** Where a call's captured media goes, checked against the site's pinned peers. */
class PinnedPeerGuardTest {
    private static final Origin SITE = PeerChannel.SITE;
    private static final FrameRef FRAME = PeerChannel.FRAME;
    private static final String CALL = "1/F1";
    private static final String ALICE = "AA:".repeat(31) + "AA";
    private static final String MALLORY = "BB:".repeat(31) + "BB";

    private final PeerChannel.HandClock clock = new PeerChannel.HandClock();
    private final LiveTracks tracks = new LiveTracks();
    private final SitePermissions permissions = new SitePermissions(Clock.systemUTC(), SitePermissions.DEFAULT_LAPSE, Set.of());
    private final PeerConnections peers = new PeerConnections(clock,
            (tab, token) -> tracks.get(token).filter(t -> t.owner().tabId() == tab).isPresent(), f -> false);
    private final List<String> ended = new ArrayList<>();
    private final PinnedPeerGuard guard = new PinnedPeerGuard(peers, tracks, permissions, (call, why) -> ended.add(call + ": " + why));
    private String key;

    PinnedPeerGuardTest() {
        tracks.add(new LiveTrack("cam", FRAME, MediaKind.CAMERA, new JsonObject(), new FramedPipe(1, () -> { }), () -> { }));
        permissions.pinPeer(SITE, "Alice", new PeerFingerprint("sha-256", ALICE));
        key = PeerChannel.listen(peers);
    }

    private void allow(ConsentAnswer answer) {
        permissions.record(new MediaRequest(SITE, SITE, Set.of(MediaKind.CAMERA), false, CALL), answer);
    }

    private void report(String remote) {
        clock.advance(Duration.ofSeconds(1));
        PeerChannel.report(peers, key, PeerChannel.connectedTo(remote, "cam"));
    }

    @Test
    void aPinnedPeerIsVerifiedAndNothingEnds() {
        allow(ConsentAnswer.ALLOW_ONCE_PINNED_PEERS);
        report(ALICE);
        assertEquals(Set.of("Alice"), guard.status(1).verified());
        assertFalse(guard.status(1).unpinned());
        assertTrue(ended.isEmpty());
    }

    @Test
    void anotherPeerWarnsAndEndsOnlyAPinnedOnlyCall() {
        allow(ConsentAnswer.ALLOW_ONCE);
        report(MALLORY);
        assertTrue(guard.status(1).unpinned());
        assertTrue(guard.status(1).text().contains("not pinned"));
        assertTrue(ended.isEmpty(), "a plain allow warns, it does not end");
        allow(ConsentAnswer.ALLOW_ONCE_PINNED_PEERS);
        report(MALLORY);
        assertEquals(1, ended.size());
        assertTrue(ended.get(0).startsWith(CALL + ": its media was being sent to a peer that is not pinned"), ended.get(0));
    }

    @Test
    void aContestedDocumentOrASilentPageEndsAPinnedOnlyCall() {
        allow(ConsentAnswer.ALLOW_ONCE_PINNED_PEERS);
        peers.onMessage(FRAME, "{\"op\":\"listen\"}", new PeerChannel.Recorded(false));
        assertTrue(ended.get(0).contains("interfered"), ended.toString());
        ended.clear();
        PeerChannel.poll(peers, key);
        guard.tick(); // asks for a report
        clock.advance(PinnedPeerGuard.SILENCE.plus(Duration.ofSeconds(1)));
        guard.tick();
        assertTrue(ended.get(0).contains("did not let the browser check"), ended.toString());
    }
}
