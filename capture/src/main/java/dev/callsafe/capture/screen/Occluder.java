package dev.callsafe.capture.screen;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * Paints obscured rectangles (relative to the frame) over a frame: grey, or the previous frame's pixels.
 * Masking happens twice: in BGRX before conversion, so masked pixels never reach the converter, and in I420 on
 * rectangles grown to even coordinates, so the 2x2 chroma blocks at a mask's edge carry no colour of it and
 * grey is exactly Y=U=V=128.
 */
final class Occluder {
    static final byte GREY = (byte) 128;
    private static final byte[] GREY_ROW = new byte[16384];

    static {
        Arrays.fill(GREY_ROW, GREY);
    }

    private Occluder() {
    }

    /** Fills {@code rects} with mid grey in BGRX rows of {@code stride} bytes. */
    static void greyBgrx(ByteBuffer bgrx, int stride, List<Bounds> rects) {
        for (Bounds r : rects) {
            int len = r.width() * 4;
            for (int y = r.y(); y < r.bottom(); y++) {
                int at = y * stride + r.x() * 4;
                for (int done = 0; done < len; done += GREY_ROW.length) {
                    bgrx.put(at + done, GREY_ROW, 0, Math.min(GREY_ROW.length, len - done));
                }
            }
        }
    }

    /**
     * Occludes {@code rects}, grown to even coordinates, in an I420 frame: grey, or copied from {@code frozen}
     * (the previous frame of the same size) when it is not null.
     */
    static void occludeI420(byte[] i420, int width, int height, List<Bounds> rects, byte[] frozen) {
        int ySize = width * height;
        int cw = width / 2;
        for (Bounds r : rects) {
            int x0 = r.x() & ~1;
            int y0 = r.y() & ~1;
            int x1 = Math.min(width, (r.right() + 1) & ~1);
            int y1 = Math.min(height, (r.bottom() + 1) & ~1);
            if (x1 <= x0 || y1 <= y0) {
                continue;
            }
            for (int y = y0; y < y1; y++) {
                paint(i420, frozen, y * width + x0, x1 - x0);
            }
            for (int y = y0 / 2; y < y1 / 2; y++) {
                paint(i420, frozen, ySize + y * cw + x0 / 2, (x1 - x0) / 2);
                paint(i420, frozen, ySize + ySize / 4 + y * cw + x0 / 2, (x1 - x0) / 2);
            }
        }
    }

    private static void paint(byte[] dst, byte[] frozen, int from, int len) {
        if (frozen != null) {
            System.arraycopy(frozen, from, dst, from, len);
        } else {
            Arrays.fill(dst, from, from + len, GREY);
        }
    }
}
