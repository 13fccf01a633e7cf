package dev.callsafe.plugins.media;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;

import dev.callsafe.permissions.MediaKind;
import dev.callsafe.permissions.Origin;
import dev.callsafe.plugins.spi.FrameRef;

class CaptureIndicatorTest {
    private static LiveTrack track(String token, MediaKind kind, String label, TrackPause pause) {
        Origin o = Origin.of("https://meet.example/");
        JsonObject d = new JsonObject();
        d.addProperty("label", label);
        return new LiveTrack(token, new FrameRef(1, "f", "https://meet.example/", o, o, true), kind, d,
                new FramedPipe(1, () -> { }), () -> { }, "device-" + token, pause);
    }

    @Test
    void aDeviceIsNamedPausedOnlyWhileEveryTrackOfItsKindIsPaused() {
        TrackPause camera = new TrackPause();
        TrackPause otherCamera = new TrackPause();
        TrackPause mic = new TrackPause();
        List<LiveTrack> live = List.of(track("a", MediaKind.CAMERA, "Cam", camera),
                track("b", MediaKind.CAMERA, "Cam", otherCamera), track("c", MediaKind.MICROPHONE, "Mic", mic));
        String prefix = "\u25CF ";
        String suffix = " in use by https://meet.example \u2014 Cam, Mic";
        assertEquals(prefix + "Camera and Microphone" + suffix, CaptureIndicator.capturing(live));
        camera.set(true);
        assertEquals(prefix + "Camera and Microphone" + suffix, CaptureIndicator.capturing(live), "one camera track live");
        otherCamera.set(true);
        mic.set(true);
        assertEquals(prefix + "Camera (paused) and Microphone (paused)" + suffix, CaptureIndicator.capturing(live));
    }
}
