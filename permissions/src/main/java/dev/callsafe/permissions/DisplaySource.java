package dev.callsafe.permissions;

import java.util.Locale;
import java.util.Optional;

/**
 * What a page may ask to share (seed 001's {@code mediaSource}): the whole screen, another application's
 * windows, or a browser tab. {@code window} is read as {@link #APPLICATION}: the same consent rules apply.
 */
public enum DisplaySource {
    SCREEN(MediaKind.SCREEN),
    APPLICATION(MediaKind.WINDOW),
    BROWSER(MediaKind.TAB);

    private final MediaKind kind;

    DisplaySource(MediaKind kind) {
        this.kind = kind;
    }

    /** The permission kind under which this source's remembered states are kept. */
    public MediaKind kind() {
        return kind;
    }

    /** The source a {@code mediaSource} value names; empty for {@code camera} and for unknown values. */
    public static Optional<DisplaySource> fromMediaSource(String value) {
        switch (value == null ? "" : value.toLowerCase(Locale.ROOT)) {
            case "screen": return Optional.of(SCREEN);
            case "application": case "window": return Optional.of(APPLICATION);
            case "browser": return Optional.of(BROWSER);
            default: return Optional.empty();
        }
    }
}
