package dev.callsafe.permissions;

import java.util.Locale;

/** What {@code navigator.permissions.query} reports for camera or microphone. */
public enum QueryState {
    GRANTED,
    DENIED,
    PROMPT;

    /** The PermissionState string pages see. */
    public String web() {
        return name().toLowerCase(Locale.ROOT);
    }
}
