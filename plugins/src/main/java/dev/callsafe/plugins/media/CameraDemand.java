package dev.callsafe.plugins.media;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.callsafe.capture.video.VideoFormat;
import dev.callsafe.plugins.media.constraints.Candidate;
import dev.callsafe.plugins.media.constraints.MediaConstraints;
import dev.callsafe.plugins.media.constraints.SelectSettings;
import dev.callsafe.plugins.media.constraints.TrackKind;
import dev.callsafe.plugins.media.constraints.VideoMode;

/**
 * What one live camera track takes from its device's shared capture: its constraints, its fixed settings (ids)
 * and the mode it is cut now.
 */
record CameraDemand(MediaConstraints constraints, Map<String, Object> fixed, VideoMode mode) {
    /**
     * Whether a capture at {@code capture} can go on giving this track its size and rate: large and fast enough,
     * and the track's required constraints still met by that cut (an exact {@code resizeMode: 'none'} is not).
     */
    boolean keepsItsModeFrom(VideoFormat capture) {
        if (mode.width() > capture.width() || mode.height() > capture.height()
                || mode.frameRate() > capture.frameRate()) {
            return false;
        }
        boolean whole = mode.width() == capture.width() && mode.height() == capture.height()
                && mode.frameRate() == capture.frameRate();
        VideoMode cut = new VideoMode(capture.width(), capture.height(), capture.frameRate(), mode.width(),
                mode.height(), mode.frameRate(), !whole);
        Map<String, Object> s = new LinkedHashMap<>(cut.settings());
        s.putAll(fixed);
        return SelectSettings.select(constraints, List.of(new Candidate<>(cut, TrackKind.VIDEO, s))).succeeded();
    }
}
