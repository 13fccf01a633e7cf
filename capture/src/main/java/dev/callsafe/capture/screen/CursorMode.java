package dev.callsafe.capture.screen;

/**
 * When a share draws the pointer into its frames: the Screen Capture spec's {@code CursorCaptureConstraint}.
 * The pointer is drawn only where it is over the share's visible pixels, never over masked ones.
 */
public enum CursorMode {
    /** Whenever it is over the shared area (Chrome's default for screens and windows). */
    ALWAYS("always"),
    /** While it moves, and for {@link #MOTION_LINGER_MILLIS} after it stops (or changes its image). */
    MOTION("motion"),
    /** Never. */
    NEVER("never");

    /** How long a still pointer stays drawn in {@link #MOTION} mode. */
    public static final long MOTION_LINGER_MILLIS = 3000;

    private final String setting;

    CursorMode(String setting) {
        this.setting = setting;
    }

    /** The value a track's {@code getSettings().cursor} reports. */
    public String setting() {
        return setting;
    }

    /** The mode of a {@code cursor} setting value. */
    public static CursorMode ofSetting(String value) {
        for (CursorMode m : values()) {
            if (m.setting.equals(value)) {
                return m;
            }
        }
        throw new IllegalArgumentException("no cursor mode " + value);
    }
}
