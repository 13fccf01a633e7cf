package dev.callsafe.plugins.media;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.callsafe.permissions.CaptureHistory;

/**
 * Writes every track a page gets into the capture history when it starts, and closes the entry when it ends:
 * the frame's origin as the engine reported it, and the device or shared surface under the name the person saw.
 */
final class CaptureHistoryRecorder {
    private final CaptureHistory history;
    private final LiveTracks tracks;
    /** Track token to history session id. */
    private final Map<String, String> sessions = new ConcurrentHashMap<>();

    CaptureHistoryRecorder(CaptureHistory history, LiveTracks tracks) {
        this.history = history;
        this.tracks = tracks;
        tracks.addStartListener(this::started);
        tracks.addEndListener(this::ended);
    }

    private void started(LiveTrack t) {
        String label = t.description().has("label") && t.description().get("label").isJsonPrimitive()
                ? t.description().get("label").getAsString() : "";
        sessions.put(t.token(), history.begin(t.owner().origin(), t.owner().topLevelOrigin(), t.kind(), label));
        if (tracks.get(t.token()).isEmpty()) {
            ended(t); // ended on another thread before it was recorded: close it now, never leave it open
        }
    }

    private void ended(LiveTrack t) {
        String id = sessions.remove(t.token());
        if (id != null) {
            history.end(id);
        }
    }
}
