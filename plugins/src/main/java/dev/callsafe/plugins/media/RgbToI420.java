package dev.callsafe.plugins.media;

import java.awt.image.BufferedImage;

/**
 * Converts a picture to I420 (BT.601 limited range, like FFmpeg's default), cropping to even sizes. The
 * chroma of each 2x2 block is the average of its four pixels.
 */
final class RgbToI420 {
    private RgbToI420() {
    }

    /** The I420 bytes of {@code image}, whose width and height are rounded down to even numbers. */
    static byte[] convert(BufferedImage image) {
        int w = image.getWidth() & ~1;
        int h = image.getHeight() & ~1;
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        byte[] out = new byte[w * h * 3 / 2];
        int uBase = w * h;
        int vBase = uBase + (w / 2) * (h / 2);
        for (int y = 0; y < h; y++) {
            int row = y * w;
            for (int x = 0; x < w; x++) {
                int p = argb[row + x];
                int r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;
                out[row + x] = (byte) (((66 * r + 129 * g + 25 * b + 128) >> 8) + 16);
            }
        }
        for (int y = 0; y < h; y += 2) {
            for (int x = 0; x < w; x += 2) {
                int r = 0, g = 0, b = 0;
                for (int i = 0; i < 4; i++) {
                    int p = argb[(y + (i >> 1)) * w + x + (i & 1)];
                    r += (p >> 16) & 0xff;
                    g += (p >> 8) & 0xff;
                    b += p & 0xff;
                }
                r >>= 2;
                g >>= 2;
                b >>= 2;
                int c = (y / 2) * (w / 2) + x / 2;
                out[uBase + c] = (byte) (((-38 * r - 74 * g + 112 * b + 128) >> 8) + 128);
                out[vBase + c] = (byte) (((112 * r - 94 * g - 18 * b + 128) >> 8) + 128);
            }
        }
        return out;
    }
}
