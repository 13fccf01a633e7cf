package dev.callsafe.capture.screen;

import java.awt.image.BufferedImage;
import java.io.IOException;

import dev.callsafe.capture.video.VideoSource;

/**
 * Captures a share target from the display as masked I420 frames: only the pixels {@link ScreenMask} says are
 * authorised and visible leave it, the rest is grey or frozen ({@link OcclusionStyle}).
 * Status: the capture itself lands in the next step; until then both methods throw {@link IOException}.
 */
public final class DisplayCapture {
    private DisplayCapture() {
    }

    /**
     * Starts capturing {@code target}. The window stack is re-read for every frame, so a window that appears on
     * top is masked from the next frame on; the source ends by itself when the target is gone (the shared
     * application's last window closed, the shared window closed).
     */
    public static VideoSource open(ShareTarget target, ShareOptions options) throws IOException {
        throw new IOException("screen capture is not implemented yet");
    }

    /** A still picture of {@code target} (masked like a frame), scaled to fit {@code maxWidth} x {@code maxHeight}. */
    public static BufferedImage thumbnail(ShareTarget target, int maxWidth, int maxHeight) throws IOException {
        throw new IOException("screen capture is not implemented yet");
    }
}
