package dev.callsafe.plugins.media;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import dev.callsafe.capture.device.VideoCapabilities;
import dev.callsafe.capture.video.TrackAdapter;
import dev.callsafe.capture.video.VideoFormat;
import dev.callsafe.plugins.media.constraints.Candidate;
import dev.callsafe.plugins.media.constraints.MediaConstraints;
import dev.callsafe.plugins.media.constraints.SelectSettings;
import dev.callsafe.plugins.media.constraints.TrackKind;
import dev.callsafe.plugins.media.constraints.VideoMode;
import dev.callsafe.plugins.media.constraints.VideoModes;

/**
 * What a running track delivers and reports: the mode SelectSettings picks from its source's format (at
 * start and on {@code applyConstraints}), and its settings and capabilities as the page reads them.
 */
final class TrackSettings {
    private TrackSettings() {
    }

    /**
     * The best mode cut from a source running at {@code running} for these constraints, with the track's fixed
     * settings (ids, display surface) taking part; {@code OverconstrainedError} when none meets them.
     */
    static VideoMode mode(VideoFormat running, MediaConstraints c, Map<String, Object> fixed) throws MediaError {
        List<Candidate<VideoMode>> candidates = VideoModes.of(VideoModes.Range.fixed(running.width(),
                running.height(), running.frameRate()), c).stream().map(m -> {
                    Map<String, Object> s = new LinkedHashMap<>(m.settings());
                    s.putAll(fixed);
                    return new Candidate<>(m, TrackKind.VIDEO, s);
                }).toList();
        SelectSettings.Result<VideoMode> r = SelectSettings.select(c, candidates);
        if (!r.succeeded()) {
            throw overconstrained(r.failedConstraint(), "this track");
        }
        return r.chosen().get().source();
    }

    /** Whether the fixed settings (a microphone's) meet these constraints; else {@code OverconstrainedError}. */
    static void check(TrackKind kind, Map<String, Object> settings, MediaConstraints c) throws MediaError {
        SelectSettings.Result<Void> r = SelectSettings.select(c, List.of(new Candidate<>(null, kind, settings)));
        if (!r.succeeded()) {
            throw overconstrained(r.failedConstraint(), "this track");
        }
    }

    static MediaError overconstrained(String failed, String what) {
        return MediaError.overconstrained(failed, failed.isEmpty()
                ? "no setting of " + what + " meets all the constraints together"
                : "no setting of " + what + " can satisfy '" + failed + "'");
    }

    /** The frames a camera track gets for a mode. */
    static TrackAdapter.Target cameraTarget(VideoMode m) {
        return new TrackAdapter.Target(m.width(), m.height(), m.frameRate(), true);
    }

    static JsonObject json(Map<String, Object> settings) {
        JsonObject o = new JsonObject();
        settings.forEach((k, v) -> {
            if (v instanceof Number n) {
                o.addProperty(k, n);
            } else if (v instanceof Boolean b) {
                o.addProperty(k, b);
            } else if (v instanceof List<?> list) {
                JsonArray a = new JsonArray();
                list.forEach(x -> a.add(String.valueOf(x)));
                o.add(k, a);
            } else if (v instanceof JsonObject j) {
                o.add(k, j);
            } else if (v != null) {
                o.addProperty(k, v.toString());
            }
        });
        return o;
    }

    /** A camera's capabilities: its range, and what crop-and-scale makes of it. */
    static JsonObject cameraCapabilities(VideoCapabilities cap, Map<String, Object> ids) {
        Map<String, Object> c = new LinkedHashMap<>(ids);
        c.put("width", range(VideoModes.MIN_SIZE, cap.maxWidth()));
        c.put("height", range(VideoModes.MIN_SIZE, cap.maxHeight()));
        c.put("frameRate", range(Math.min(VideoModes.MIN_FRAME_RATE, cap.minFrameRate()), cap.maxFrameRate()));
        c.put("aspectRatio", range((double) VideoModes.MIN_SIZE / cap.maxHeight(),
                (double) cap.maxWidth() / VideoModes.MIN_SIZE));
        c.put("facingMode", List.of()); // not known for these cameras
        c.put("resizeMode", List.of("none", "crop-and-scale"));
        return json(c);
    }

    /** A microphone's capabilities: it delivers exactly its settings. */
    static JsonObject microphoneCapabilities(Map<String, Object> settings, Map<String, Object> ids) {
        Map<String, Object> c = new LinkedHashMap<>(ids);
        for (String k : new String[] {"sampleRate", "sampleSize", "channelCount", "latency"}) {
            double v = ((Number) settings.get(k)).doubleValue();
            c.put(k, range(v, v));
        }
        JsonObject o = json(c);
        for (String k : new String[] {"echoCancellation", "autoGainControl", "noiseSuppression"}) {
            JsonArray a = new JsonArray();
            a.add((Boolean) settings.get(k));
            o.add(k, a);
        }
        return o;
    }

    static JsonObject range(double min, double max) {
        JsonObject r = new JsonObject();
        r.addProperty("min", min);
        r.addProperty("max", max);
        return r;
    }
}
