package dev.callsafe.capture.screen;

import java.awt.Color;

import dev.callsafe.capture.video.VideoFrame;

/** Reading colours out of I420 frames in tests (BT.601 limited range, as swscale writes them). */
final class I420Pixels {
    private I420Pixels() {
    }

    /** Y, U and V at (x, y). */
    static int[] yuv(VideoFrame f, int x, int y) {
        int w = f.width();
        int ySize = w * f.height();
        byte[] p = f.i420();
        int c = (y / 2) * (w / 2) + x / 2;
        return new int[] {p[y * w + x] & 0xff, p[ySize + c] & 0xff, p[ySize + ySize / 4 + c] & 0xff};
    }

    /** The Y, U and V an RGB colour converts to. */
    static int[] yuv(Color c) {
        double r = c.getRed();
        double g = c.getGreen();
        double b = c.getBlue();
        return new int[] {
                (int) Math.round(16 + (65.481 * r + 128.553 * g + 24.966 * b) / 255),
                (int) Math.round(128 + (-37.797 * r - 74.203 * g + 112.0 * b) / 255),
                (int) Math.round(128 + (112.0 * r - 93.786 * g - 18.214 * b) / 255)};
    }

    /** Whether the pixel at (x, y) is {@code c} within a small tolerance. */
    static boolean is(VideoFrame f, int x, int y, Color c) {
        return close(yuv(f, x, y), yuv(c), 8);
    }

    /** Whether the pixel at (x, y) is the occlusion grey, exactly. */
    static boolean isGrey(VideoFrame f, int x, int y) {
        int[] p = yuv(f, x, y);
        return p[0] == 128 && p[1] == 128 && p[2] == 128;
    }

    /** Whether any 2x2 block's chroma (or any pixel) of the frame is {@code c}: scans the whole frame. */
    static String find(VideoFrame f, Color c) {
        int[] want = yuv(c);
        for (int y = 0; y < f.height(); y += 2) {
            for (int x = 0; x < f.width(); x += 2) {
                int[] p = yuv(f, x, y);
                // chroma alone decides: a masked colour must not leak even at another brightness
                if (Math.abs(p[1] - want[1]) <= 12 && Math.abs(p[2] - want[2]) <= 12) {
                    return "frame " + f.sequence() + " has " + c + " at " + x + "," + y + " yuv " + p[0] + "," + p[1] + "," + p[2];
                }
            }
        }
        return null;
    }

    private static boolean close(int[] a, int[] b, int tolerance) {
        for (int i = 0; i < 3; i++) {
            if (Math.abs(a[i] - b[i]) > tolerance) {
                return false;
            }
        }
        return true;
    }
}
