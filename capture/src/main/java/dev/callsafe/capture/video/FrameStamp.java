package dev.callsafe.capture.video;

/**
 * Writes a frame counter and the capture time into a frame's pixels as black and white blocks, so that a
 * page can prove which frame it shows and how late it arrived, after every conversion on the way.
 *
 * <p>Layout: two rows of 40 blocks in the top-left corner; row 0 holds the 32-bit sequence (bits 0-31)
 * then 8 bits of check; row 1 holds the 40 low bits of the capture time in milliseconds. A bit is white
 * (luma 235) for 1 and black (luma 16) for 0; chroma is neutral so colour conversion cannot flip it.
 */
public final class FrameStamp {
    /** Blocks per row. */
    public static final int BITS_PER_ROW = 40;

    private FrameStamp() {
    }

    /** The block size used for a frame width: 8 pixels, smaller for narrow frames. */
    public static int blockSize(int width) {
        return Math.max(2, Math.min(8, (width / BITS_PER_ROW) & ~1));
    }

    /** Check bits tying the two rows together, so a torn frame is recognised. */
    public static int check(long sequence, long timeMillis) {
        return (int) ((sequence * 31 + timeMillis) & 0xff);
    }

    public static void write(byte[] i420, int width, int height, long sequence, long timeMillis) {
        int b = blockSize(width);
        long row0 = (sequence & 0xffffffffL) | ((long) check(sequence & 0xffffffffL, timeMillis & 0xffffffffffL) << 32);
        long row1 = timeMillis & 0xffffffffffL;
        writeRow(i420, width, height, 0, b, row0);
        writeRow(i420, width, height, b, b, row1);
    }

    private static void writeRow(byte[] i420, int width, int height, int y0, int b, long bits) {
        int ySize = width * height;
        int cw = width / 2;
        int uOffset = ySize;
        int vOffset = ySize + ySize / 4;
        for (int bit = 0; bit < BITS_PER_ROW; bit++) {
            byte luma = (byte) (((bits >>> bit) & 1) == 1 ? 235 : 16);
            int x0 = bit * b;
            for (int y = y0; y < y0 + b; y++) {
                int row = y * width;
                for (int x = x0; x < x0 + b; x++) {
                    i420[row + x] = luma;
                }
            }
            for (int y = y0 / 2; y < (y0 + b) / 2; y++) {
                for (int x = x0 / 2; x < (x0 + b) / 2; x++) {
                    i420[uOffset + y * cw + x] = (byte) 128;
                    i420[vOffset + y * cw + x] = (byte) 128;
                }
            }
        }
    }

    /** Reads a stamp back from the Y plane; returns {sequence, timeMillis} or null when the check fails. */
    public static long[] read(byte[] i420, int width) {
        int b = blockSize(width);
        long row0 = readRow(i420, width, 0, b);
        long row1 = readRow(i420, width, b, b);
        long seq = row0 & 0xffffffffL;
        int chk = (int) ((row0 >>> 32) & 0xff);
        return chk == check(seq, row1) ? new long[] {seq, row1} : null;
    }

    private static long readRow(byte[] i420, int width, int y0, int b) {
        long bits = 0;
        for (int bit = 0; bit < BITS_PER_ROW; bit++) {
            int luma = i420[(y0 + b / 2) * width + bit * b + b / 2] & 0xff;
            if (luma > 128) {
                bits |= 1L << bit;
            }
        }
        return bits;
    }
}
