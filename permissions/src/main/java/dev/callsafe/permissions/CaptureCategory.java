package dev.callsafe.permissions;

import java.util.Locale;

/** The groups a browser-wide default answer is set for: camera, microphone, and sharing of any display surface. */
public enum CaptureCategory {
    CAMERA,
    MICROPHONE,
    /** Screen, application window and browser tab alike: one default for every kind of share. */
    SCREEN_SHARE;

    /** The category a requested kind falls in. */
    public static CaptureCategory of(MediaKind kind) {
        switch (kind) {
            case CAMERA: return CAMERA;
            case MICROPHONE: return MICROPHONE;
            default: return SCREEN_SHARE;
        }
    }

    /** The name the store uses ({@code camera}, {@code microphone}, {@code screen-share}). */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
