package dev.callsafe.plugins.media;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;

import dev.callsafe.permissions.MediaKind;
import dev.callsafe.permissions.Origin;
import dev.callsafe.plugins.spi.FrameRef;

class LiveTrackTest {
    private static FrameRef frame(int tab, String id, String url) {
        Origin o = Origin.of(url);
        return new FrameRef(tab, id, url, o, o, true);
    }

    @Test
    void onlyTheGrantedFrameMayOpenTheStreamAndOnlyOnce() {
        FrameRef owner = frame(1, "f1", "https://meet.example/");
        LiveTrack t = new LiveTrack("tok", owner, MediaKind.CAMERA, new JsonObject(), new FramedPipe(1, () -> { }),
                () -> { });
        assertTrue(t.isOwnedBy(frame(1, "f1", "https://meet.example/room")));
        assertFalse(t.isOwnedBy(frame(2, "f1", "https://meet.example/")), "another tab");
        assertFalse(t.isOwnedBy(frame(1, "f2", "https://meet.example/")), "another frame");
        assertFalse(t.isOwnedBy(frame(1, "f1", "https://evil.example/")), "same frame, navigated elsewhere");
        assertTrue(t.claimStream());
        assertFalse(t.claimStream(), "a replayed token");
    }

    @Test
    void aBlankFramesTrackOpensFromTheFrameItsOriginComesFrom() {
        Origin o = Origin.of("https://meet.example/");
        FrameRef blank = new FrameRef(1, "blank", "about:blank", o, o, false, "parent");
        LiveTrack t = new LiveTrack("tok", blank, MediaKind.CAMERA, new JsonObject(), new FramedPipe(1, () -> { }),
                () -> { });
        assertTrue(t.isOwnedBy(blank));
        assertTrue(t.isOwnedBy(frame(1, "parent", "https://meet.example/room")), "its origin's frame");
        assertFalse(t.isOwnedBy(frame(1, "parent", "https://evil.example/")), "that frame, navigated elsewhere");
        assertFalse(t.isOwnedBy(frame(1, "sibling", "https://meet.example/")), "another frame of the origin");
        assertFalse(t.isOwnedBy(frame(2, "parent", "https://meet.example/")), "another tab");
        FrameRef normal = frame(1, "f1", "https://meet.example/");
        LiveTrack n = new LiveTrack("tok2", normal, MediaKind.CAMERA, new JsonObject(), new FramedPipe(1, () -> { }),
                () -> { });
        assertFalse(n.isOwnedBy(frame(1, "f1-parent", "https://meet.example/")), "a real document's own frame only");
    }
}
