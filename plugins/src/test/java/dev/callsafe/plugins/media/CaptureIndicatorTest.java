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
        return track(Origin.of("https://meet.example/"), token, kind, label, pause);
    }

    static LiveTrack track(Origin o, String token, MediaKind kind, String label, TrackPause pause) {
        JsonObject d = new JsonObject();
        d.addProperty("label", label);
        return new LiveTrack(token, new FrameRef(1, "f", o.serialize() + "/", o, o, true), kind, d,
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
        assertEquals(prefix + "Camera and Microphone" + suffix, CaptureIndicator.capturing(live, String::length));
        camera.set(true);
        assertEquals(prefix + "Camera and Microphone" + suffix, CaptureIndicator.capturing(live, String::length), "one camera track live");
        otherCamera.set(true);
        mic.set(true);
        assertEquals(prefix + "Camera (paused) and Microphone (paused)" + suffix, CaptureIndicator.capturing(live, String::length));
    }

    @Test
    void aLongHostIsElidedFromTheLeftKeepingTheRegistrableDomain() {
        Origin o = Origin.of("https://accounts.google.com.secure-login.verify.evil.example.net/");
        List<LiveTrack> live = List.of(track(o, "a", MediaKind.CAMERA, "Cam", new TrackPause()));
        // 8 px a character: 40 characters of room for the host.
        assertEquals("\u25CF Camera in use by https://\u2026secure-login.verify.evil.example.net \u2014 Cam",
                CaptureIndicator.capturing(live, s -> s.length() * HostRoom.PX / 40));
    }

    @Test
    void theSharingBarElidesALongHostToo() {
        Origin o = Origin.of("https://accounts.google.com.secure-login.verify.evil.example.net/");
        List<LiveTrack> shared = List.of(track(o, "s", MediaKind.SCREEN, "your screen", new TrackPause()));
        assertEquals("\u25C9 Sharing your screen with https://\u2026secure-login.verify.evil.example.net",
                SharingReminders.sharing(shared, s -> s.length() * HostRoom.PX / 40));
    }
}
