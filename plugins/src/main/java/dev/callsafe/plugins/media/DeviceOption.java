package dev.callsafe.plugins.media;

import java.util.List;
import java.util.Optional;

import dev.callsafe.capture.video.VideoFormat;
import dev.callsafe.plugins.media.constraints.Candidate;
import dev.callsafe.plugins.media.constraints.VideoMode;

/**
 * One device (or chosen file) as a request sees it: usable with which format, or unsuitable and why, and
 * whether another page holds it.
 *
 * @param <D> a camera or a microphone
 * @param format the format a camera would be opened at for this request (empty for microphones)
 * @param unsuitable why the device cannot satisfy the page's mandatory constraints
 * @param holder who holds the device now
 * @param candidates the settings the device could give this request, for the spec's SelectSettings (a
 *                   camera's modes; a microphone's one settings dictionary, with no mode)
 */
record DeviceOption<D>(String id, String label, D device, Optional<VideoFormat> format,
                       Optional<String> unsuitable, Optional<DeviceHolder> holder,
                       List<Candidate<VideoMode>> candidates) {
    boolean suitable() {
        return unsuitable.isEmpty();
    }

    /** Held by another origin: using it means taking it over from that page. */
    boolean needsTakeover() {
        return holder.isPresent() && !holder.get().sameOrigin();
    }

    /** What the prompt's list shows for this option. */
    String describe() {
        if (unsuitable.isPresent()) {
            return label + " \u2014 unavailable: " + unsuitable.get();
        }
        return holder.map(h -> label + " \u2014 " + h.describe()).orElse(label);
    }

    @Override
    public String toString() {
        return describe();
    }
}
