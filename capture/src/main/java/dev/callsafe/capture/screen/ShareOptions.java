package dev.callsafe.capture.screen;

import java.util.function.Predicate;

/**
 * How to capture a share target.
 *
 * @param occlusion how obscured pixels are shown
 * @param frameRate frames per second to capture (at most; identical frames may be skipped)
 * @param alwaysMasked windows never shown, whatever the target (the browser's own windows when sharing a screen)
 */
public record ShareOptions(OcclusionStyle occlusion, double frameRate, Predicate<DesktopWindow> alwaysMasked) {
    public ShareOptions {
        if (occlusion == null || alwaysMasked == null) {
            throw new NullPointerException("occlusion and alwaysMasked are required");
        }
        if (!(frameRate > 0 && frameRate <= 120)) {
            throw new IllegalArgumentException("frame rate out of range: " + frameRate);
        }
    }

    /** Grey occlusion at {@code frameRate}, no window always masked. */
    public static ShareOptions grey(double frameRate) {
        return new ShareOptions(OcclusionStyle.GREY, frameRate, w -> false);
    }
}
