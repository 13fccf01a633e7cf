package dev.callsafe.plugins.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.callsafe.permissions.FramePolicy;
import dev.callsafe.permissions.MediaKind;
import dev.callsafe.permissions.Origin;
import dev.callsafe.plugins.spi.EngineFrame;
import dev.callsafe.plugins.spi.FrameRef;

/** The engine's word on a frame, or its silence, never grants more than the engine confirmed. */
class FrameCheckTest {
    private static final Origin MEET = Origin.of("https://meet.example");
    private static final Origin WIDGET = Origin.of("https://widget.example");
    private static final Set<MediaKind> BOTH = EnumSet.of(MediaKind.CAMERA, MediaKind.MICROPHONE);
    private static final FrameRef MAIN = new FrameRef(1, "f1", "https://meet.example/call", MEET, MEET, true);
    private static final FrameRef CHILD = new FrameRef(1, "f2", "https://meet.example/child", MEET, MEET, false);

    @Test
    void anEngineThatCannotAnswerRefusesEvenASameOriginFrame() {
        for (FrameRef frame : new FrameRef[] {MAIN, CHILD}) {
            FrameCheck check = FrameCheck.unverified(frame);
            assertFalse(check.verified());
            assertEquals(FramePolicy.UNVERIFIED, check.policy(BOTH), "unknown is never read as same-origin");
            assertEquals(Set.of(), check.usable(BOTH), "nothing enumerated");
        }
    }

    @Test
    void anOpaqueOriginFromTheEngineMakesTheRequesterOpaque() {
        FrameCheck sandboxed = FrameCheck.of(CHILD, new EngineFrame(Origin.opaque(), Set.of("camera", "microphone")));
        assertTrue(sandboxed.requester().isOpaque(), "not the URL's origin");
        assertEquals(FramePolicy.UNVERIFIED, sandboxed.policy(BOTH));
        assertEquals(Set.of(), sandboxed.usable(BOTH));
        assertTrue(sandboxed.request(BOTH, "1/f2").requester().isOpaque());
    }

    @Test
    void anotherOriginThanTheBrowserDerivedIsUnverified() {
        // An about:blank document another origin navigated: derived from its parent, created by another.
        FrameCheck check = FrameCheck.of(CHILD, new EngineFrame(WIDGET, Set.of("camera", "microphone")));
        assertFalse(check.verified());
        assertEquals(FramePolicy.UNVERIFIED, check.policy(BOTH));
        assertEquals(Set.of(), check.usable(BOTH));
    }

    @Test
    void aConfirmedOriginTakesThePolicyFromTheEngine() {
        FrameCheck check = FrameCheck.of(CHILD, new EngineFrame(MEET, Set.of("camera")));
        assertTrue(check.verified());
        assertEquals(MEET, check.requester());
        assertEquals(FramePolicy.ALLOWS, check.policy(EnumSet.of(MediaKind.CAMERA)));
        assertEquals(FramePolicy.REFUSES, check.policy(BOTH));
        assertEquals(EnumSet.of(MediaKind.CAMERA), check.usable(BOTH));
    }
}
