package dev.callsafe.capture.screen;

import java.util.function.Predicate;

/**
 * How to capture a share target.
 *
 * @param occlusion how obscured pixels are shown
 * @param frameRate frames per second to capture (at most; identical frames may be skipped)
 * @param alwaysMasked windows never shown, whatever the target (the browser's own windows when sharing a screen)
 * @param cursor when the pointer is drawn into the frames (the share can change it later)
 */
public record ShareOptions(OcclusionStyle occlusion, double frameRate, Predicate<DesktopWindow> alwaysMasked,
                           CursorMode cursor) {
    public ShareOptions {
        if (occlusion == null || alwaysMasked == null || cursor == null) {
            throw new NullPointerException("occlusion, alwaysMasked and cursor are required");
        }
        if (!(frameRate > 0 && frameRate <= 120)) {
            throw new IllegalArgumentException("frame rate out of range: " + frameRate);
        }
    }

    /** Options that draw no pointer. */
    public ShareOptions(OcclusionStyle occlusion, double frameRate, Predicate<DesktopWindow> alwaysMasked) {
        this(occlusion, frameRate, alwaysMasked, CursorMode.NEVER);
    }

    /** Grey occlusion at {@code frameRate}, no window always masked, no pointer drawn. */
    public static ShareOptions grey(double frameRate) {
        return new ShareOptions(OcclusionStyle.GREY, frameRate, w -> false);
    }

    /** These options with the pointer drawn as {@code mode} says. */
    public ShareOptions withCursor(CursorMode mode) {
        return new ShareOptions(occlusion, frameRate, alwaysMasked, mode);
    }
}
