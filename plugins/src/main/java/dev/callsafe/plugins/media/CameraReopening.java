package dev.callsafe.plugins.media;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.callsafe.capture.device.VideoCapabilities;
import dev.callsafe.capture.video.VideoFormat;
import dev.callsafe.plugins.media.constraints.Candidate;
import dev.callsafe.plugins.media.constraints.MediaConstraints;
import dev.callsafe.plugins.media.constraints.SelectSettings;
import dev.callsafe.plugins.media.constraints.TrackKind;
import dev.callsafe.plugins.media.constraints.VideoMode;
import dev.callsafe.plugins.media.constraints.VideoModes;

/**
 * Whether a camera's shared capture is reopened for one track, and at which format. The track is meant to get
 * what SelectSettings picks for it over the camera's whole range; when the running capture cannot give that,
 * the capture is reopened at the picked mode's format, enlarged so that every other live track of the camera
 * keeps its size and rate (cut from the new frames) within its own required constraints. When no format
 * serves them all, nothing is reopened: the track takes what the running capture gives, or fails.
 */
final class CameraReopening {
    /** When a track's wish is reason enough to reopen. */
    enum When {
        /** Only when the running capture cannot meet the required constraints (a track joining it, as Chrome). */
        REQUIRED,
        /** Also when the camera's pick is larger or faster than the running capture ({@code applyConstraints}). */
        BETTER
    }

    private CameraReopening() {
    }

    /**
     * The format to reopen at, or empty to stay.
     *
     * @param camera  the camera's range
     * @param running the format its capture runs at
     * @param asking  the constraints of the track asking (new or applied)
     * @param fixed   that track's fixed settings (its device and group ids)
     * @param others  every other live track of the camera
     */
    static Optional<VideoFormat> format(VideoCapabilities camera, VideoFormat running, MediaConstraints asking,
                                        Map<String, Object> fixed, List<CameraDemand> others, When when) {
        Optional<VideoMode> pick = pick(camera, asking, fixed);
        if (pick.isEmpty()) {
            return Optional.empty(); // the camera cannot either: the running capture says why
        }
        VideoMode m = pick.get();
        boolean larger = m.width() > running.width() || m.height() > running.height()
                || m.frameRate() > running.frameRate();
        if (serves(running, asking, fixed) && !(when == When.BETTER && larger)) {
            return Optional.empty();
        }
        int w = m.nativeWidth();
        int h = m.nativeHeight();
        double fps = m.nativeFrameRate();
        for (CameraDemand d : others) {
            w = Math.max(w, d.mode().width());
            h = Math.max(h, d.mode().height());
            fps = Math.max(fps, d.mode().frameRate());
        }
        VideoFormat f = new VideoFormat(w, h, fps);
        if (f.equals(running) || !serves(f, asking, fixed) || !others.stream().allMatch(d -> d.keepsItsModeFrom(f))) {
            return Optional.empty();
        }
        return Optional.of(f);
    }

    /** What SelectSettings picks for these constraints over the camera's whole range. */
    private static Optional<VideoMode> pick(VideoCapabilities cap, MediaConstraints c, Map<String, Object> fixed) {
        List<Candidate<VideoMode>> candidates = new ArrayList<>();
        for (VideoMode m : VideoModes.of(new VideoModes.Range(cap.minWidth(), cap.maxWidth(), cap.minHeight(),
                cap.maxHeight(), cap.minFrameRate(), cap.maxFrameRate()), c)) {
            Map<String, Object> s = new LinkedHashMap<>(m.settings());
            s.putAll(fixed);
            candidates.add(new Candidate<>(m, TrackKind.VIDEO, s));
        }
        return SelectSettings.select(c, candidates).chosen().map(Candidate::source);
    }

    private static boolean serves(VideoFormat capture, MediaConstraints c, Map<String, Object> fixed) {
        try {
            TrackSettings.mode(capture, c, fixed);
            return true;
        } catch (MediaError e) {
            return false;
        }
    }
}
