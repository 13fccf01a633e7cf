package dev.callsafe.permissions;

/** What a page may ask to capture. */
public enum MediaKind {
    CAMERA,
    MICROPHONE,
    SCREEN,
    WINDOW,
    TAB;

    /** Whether this kind is display capture (screen, application window or browser tab). */
    public boolean isDisplay() {
        return this == SCREEN || this == WINDOW || this == TAB;
    }
}
