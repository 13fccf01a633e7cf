package dev.callsafe.plugins.media.constraints;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * The constrainable properties this browser supports (Media Capture and Streams, Screen Capture): their
 * constraint type and the kinds of track they apply to. Constraints on any other name are ignored, as the
 * spec says for unsupported constraints.
 */
public enum ConstrainableProperty {
    WIDTH("width", Type.RANGE, TrackKind.VIDEO),
    HEIGHT("height", Type.RANGE, TrackKind.VIDEO),
    ASPECT_RATIO("aspectRatio", Type.RANGE, TrackKind.VIDEO),
    FRAME_RATE("frameRate", Type.RANGE, TrackKind.VIDEO),
    FACING_MODE("facingMode", Type.STRING, TrackKind.VIDEO),
    RESIZE_MODE("resizeMode", Type.STRING, TrackKind.VIDEO),
    DISPLAY_SURFACE("displaySurface", Type.STRING, TrackKind.VIDEO),
    LOGICAL_SURFACE("logicalSurface", Type.BOOLEAN, TrackKind.VIDEO),
    CURSOR("cursor", Type.STRING, TrackKind.VIDEO),
    SAMPLE_RATE("sampleRate", Type.RANGE, TrackKind.AUDIO),
    SAMPLE_SIZE("sampleSize", Type.RANGE, TrackKind.AUDIO),
    CHANNEL_COUNT("channelCount", Type.RANGE, TrackKind.AUDIO),
    LATENCY("latency", Type.RANGE, TrackKind.AUDIO),
    ECHO_CANCELLATION("echoCancellation", Type.BOOLEAN, TrackKind.AUDIO),
    AUTO_GAIN_CONTROL("autoGainControl", Type.BOOLEAN, TrackKind.AUDIO),
    NOISE_SUPPRESSION("noiseSuppression", Type.BOOLEAN, TrackKind.AUDIO),
    DEVICE_ID("deviceId", Type.STRING, TrackKind.VIDEO, TrackKind.AUDIO),
    GROUP_ID("groupId", Type.STRING, TrackKind.VIDEO, TrackKind.AUDIO);

    /** How a constraint on the property is written: ConstrainULong/Double, ConstrainDOMString, ConstrainBoolean. */
    public enum Type { RANGE, STRING, BOOLEAN }

    private final String key;
    private final Type type;
    private final Set<TrackKind> kinds;

    ConstrainableProperty(String key, Type type, TrackKind... kinds) {
        this.key = key;
        this.type = type;
        this.kinds = Set.of(kinds);
    }

    /** The name pages use. */
    public String key() {
        return key;
    }

    public Type type() {
        return type;
    }

    /** Whether the property exists on tracks of this kind (a width constraint does not apply to audio). */
    public boolean appliesTo(TrackKind kind) {
        return kinds.contains(kind);
    }

    public static Optional<ConstrainableProperty> byKey(String key) {
        return Arrays.stream(values()).filter(p -> p.key.equals(key)).findFirst();
    }
}
