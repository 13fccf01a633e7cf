package dev.callsafe.capture.screen;

import java.nio.ByteBuffer;

/**
 * The pointer as the X server shows it: an image of premultiplied ARGB pixels (0xAARRGGBB, rows of
 * {@code width}) whose hotspot ({@code hotX}, {@code hotY}) is at ({@code x}, {@code y}) on the desktop.
 * {@code serial} changes when the image does.
 */
record PointerImage(int x, int y, int hotX, int hotY, int width, int height, int[] argb, int serial) {
    PointerImage {
        if (width < 0 || height < 0 || argb.length < width * height) {
            throw new IllegalArgumentException("pointer image of " + width + "x" + height + " with " + argb.length
                    + " pixels");
        }
    }

    /** Where the image lies on the desktop. */
    Bounds bounds() {
        return new Bounds(x - hotX, y - hotY, width, height);
    }

    /**
     * Composites the image over BGRX rows of {@code stride} bytes that hold the desktop's {@code box}, clipped to
     * the box ("over": the pointer's colour plus what is under it scaled by the pointer's transparency).
     */
    void paint(ByteBuffer bgrx, int stride, Bounds box) {
        Bounds onDesktop = bounds();
        Bounds clip = onDesktop.intersection(box);
        if (clip.isEmpty()) {
            return;
        }
        for (int dy = clip.y(); dy < clip.bottom(); dy++) {
            int srcRow = (dy - onDesktop.y()) * width - onDesktop.x();
            int dstRow = (dy - box.y()) * stride - box.x() * 4;
            for (int dx = clip.x(); dx < clip.right(); dx++) {
                int p = argb[srcRow + dx];
                int a = p >>> 24;
                if (a == 0) {
                    continue;
                }
                int at = dstRow + dx * 4;
                if (a == 255) {
                    bgrx.put(at, (byte) p);
                    bgrx.put(at + 1, (byte) (p >>> 8));
                    bgrx.put(at + 2, (byte) (p >>> 16));
                } else {
                    int keep = 255 - a;
                    bgrx.put(at, over(p & 0xff, bgrx.get(at), keep));
                    bgrx.put(at + 1, over((p >>> 8) & 0xff, bgrx.get(at + 1), keep));
                    bgrx.put(at + 2, over((p >>> 16) & 0xff, bgrx.get(at + 2), keep));
                }
            }
        }
    }

    private static byte over(int premultiplied, byte under, int keep) {
        int v = premultiplied + ((under & 0xff) * keep + 127) / 255;
        return (byte) Math.min(255, v);
    }
}
