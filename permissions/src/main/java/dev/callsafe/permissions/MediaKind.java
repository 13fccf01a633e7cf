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

    /** The permissions-policy feature ({@code allow=} token) an embedder must delegate for this kind. */
    public String policyFeature() {
        switch (this) {
            case CAMERA: return "camera";
            case MICROPHONE: return "microphone";
            default: return "display-capture";
        }
    }
}
