package dev.callsafe.plugins.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonObject;

import dev.callsafe.permissions.CaptureCategory;
import dev.callsafe.permissions.CaptureSession;
import dev.callsafe.permissions.Decision;
import dev.callsafe.permissions.DefaultAnswer;
import dev.callsafe.permissions.HistoryFilter;
import dev.callsafe.permissions.MediaKind;
import dev.callsafe.permissions.MediaRequest;
import dev.callsafe.permissions.Origin;
import dev.callsafe.permissions.PermissionStore;
import dev.callsafe.plugins.spi.FrameRef;

/** The consent engine on a profile, restarted: what the browser keeps across a restart (history, defaults). */
class SitePermissionServiceTest {
    static final Origin MEET = Origin.of("https://meet.example");

    @TempDir
    Path profile;

    private static LiveTrack track(String token, String label) {
        JsonObject d = new JsonObject();
        d.addProperty("label", label);
        return new LiveTrack(token, new FrameRef(1, "f1", "https://meet.example/room", MEET, MEET, true),
                MediaKind.CAMERA, d, new FramedPipe(1, () -> { }), () -> { });
    }

    @Test
    void historyAndDefaultsSurviveARestartOnTheSameProfile() {
        SitePermissionService first = new SitePermissionService(profile, Clock.systemUTC());
        LiveTracks tracks = new LiveTracks();
        new CaptureHistoryRecorder(first.history(), tracks);
        tracks.add(track("t1", "Synthetic camera 1"));
        tracks.end("t1", "stopped by the user");
        tracks.add(track("t2", "Synthetic camera 2"));
        first.defaults().setAnswer(CaptureCategory.CAMERA, DefaultAnswer.BLOCK);
        first.close(); // the browser quits with t2 still recorded as running (as after a crash)

        SitePermissionService second = new SitePermissionService(profile, Clock.systemUTC());
        try {
            List<CaptureSession> s = second.history().sessions(HistoryFilter.ALL);
            assertEquals(List.of("Synthetic camera 2", "Synthetic camera 1"),
                    s.stream().map(CaptureSession::source).toList());
            assertEquals(CaptureSession.State.END_UNKNOWN, s.get(0).state());
            assertEquals(CaptureSession.State.ENDED, s.get(1).state());
            assertEquals(Decision.Reason.DEFAULT_BLOCK, second.permissions()
                    .decide(new MediaRequest(MEET, MEET, Set.of(MediaKind.CAMERA), false, "c1")).reason());
        } finally {
            second.close();
        }
    }

    @Test
    void anUnreadableDefaultIsReportedAndBlocks() throws Exception {
        Files.writeString(profile.resolve(PermissionStore.FILE), "{\"schema\": 1, \"sites\": {},"
                + " \"settings\": {\"defaultAnswers\": {\"microphone\": \"sometimes\"}}}");
        SitePermissionService s = new SitePermissionService(profile, Clock.systemUTC());
        try {
            assertTrue(s.problem().orElseThrow().contains("microphone"), s.problem().toString());
            assertEquals(Decision.Reason.DEFAULT_BLOCK, s.permissions()
                    .decide(new MediaRequest(MEET, MEET, Set.of(MediaKind.MICROPHONE), false, "c1")).reason());
            assertEquals(Decision.Reason.NO_DECISION_YET, s.permissions()
                    .decide(new MediaRequest(MEET, MEET, Set.of(MediaKind.CAMERA), false, "c1")).reason());
        } finally {
            s.close();
        }
    }
}
