package dev.callsafe.plugins.media;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

import dev.callsafe.capture.video.VideoFrame;

/**
 * What a page already has of a shared surface's picture, mirrored on this side: each new I420 frame is compared
 * with the mirror, band by band, and only the rectangles that changed need to travel (a damage message the
 * page applies to its own copy). A screen share mostly changes in a few places (a cursor, a video, a typed
 * line), so this carries kilobytes where a whole 1080p frame is 3 MB. Not thread-safe: the capture thread's.
 */
final class PictureDamage {
    /** Rows compared as one band (even, so a band holds whole chroma rows). */
    static final int BAND = 32;
    /** Bytes compared at a time when looking for a row's last difference from its end. */
    private static final int TAIL = 64;

    private byte[] mirror;
    private int width;
    private int height;
    /** The sequence number of the frame the mirror equals. */
    private long mirrorSequence = -1;
    /** Bands compared (tests: a frame that names its changed rows is compared there only). */
    long bandsCompared;

    /**
     * The rectangles ({@code x, y, w, h} each, all even) in which {@code frame} differs from the mirror, which
     * then equals {@code frame}; null when the page has no picture of this size yet (the first frame, a
     * resize): then the whole frame must be sent.
     */
    int[] diff(VideoFrame frame) {
        byte[] f = frame.i420();
        int w = frame.width();
        int h = frame.height();
        long previous = mirrorSequence;
        mirrorSequence = frame.sequence();
        if (mirror == null || w != width || h != height) {
            width = w;
            height = h;
            mirror = f.clone();
            return null;
        }
        // the source says where this frame differs from its previous one; valid only if the mirror is that one
        int[] changedRows = frame.sequence() == previous + 1 ? frame.changedRowsSincePrevious().orElse(null) : null;
        int[] rects = new int[4 * ((h + BAND - 1) / BAND)];
        int n = 0;
        int cw = w / 2;
        int uBase = w * h;
        int vBase = uBase + uBase / 4;
        for (int y0 = 0; y0 < h; y0 += BAND) {
            int rows = Math.min(BAND, h - y0);
            if (changedRows != null && !overlaps(changedRows, y0, y0 + rows)) {
                continue;
            }
            bandsCompared++;
            boolean same = equal(f, mirror, y0 * w, rows * w)
                    && equal(f, mirror, uBase + y0 / 2 * cw, rows / 2 * cw)
                    && equal(f, mirror, vBase + y0 / 2 * cw, rows / 2 * cw);
            if (same) {
                continue;
            }
            int from = w;
            int to = 0; // exclusive
            for (int r = 0; r < rows; r++) {
                long span = changedSpan(f, mirror, (y0 + r) * w, w);
                if (span >= 0) {
                    from = Math.min(from, (int) (span >>> 32));
                    to = Math.max(to, (int) span + 1);
                }
            }
            for (int base : new int[] {uBase, vBase}) {
                for (int r = 0; r < rows / 2; r++) {
                    long span = changedSpan(f, mirror, base + (y0 / 2 + r) * cw, cw);
                    if (span >= 0) {
                        from = Math.min(from, 2 * (int) (span >>> 32));
                        to = Math.max(to, 2 * (int) span + 2);
                    }
                }
            }
            int x = from & ~1;
            int x1 = Math.min(w, (to + 1) & ~1);
            rects[n++] = x;
            rects[n++] = y0;
            rects[n++] = x1 - x;
            rects[n++] = rows;
            copy(f, mirror, w, h, x, y0, x1 - x, rows);
        }
        return Arrays.copyOf(rects, n);
    }

    /** Whether any of the row ranges (from, to pairs) meets rows {@code from} to {@code to} (exclusive). */
    private static boolean overlaps(int[] rowRanges, int from, int to) {
        for (int i = 0; i < rowRanges.length; i += 2) {
            if (rowRanges[i] < to && rowRanges[i + 1] > from) {
                return true;
            }
        }
        return false;
    }

    /** The mirror's picture area covered by {@code rects} (overlaps counted twice). */
    static long area(int[] rects) {
        long a = 0;
        for (int i = 0; i < rects.length; i += 4) {
            a += (long) rects[i + 2] * rects[i + 3];
        }
        return a;
    }

    /**
     * A damage message's payload: the rectangle count, the rectangles ({@code x, y, w, h}, 32-bit little-endian),
     * then for each rectangle its Y rows, U rows and V rows, read from {@code i420}.
     */
    static byte[] payload(byte[] i420, int w, int h, int[] rects) {
        int n = rects.length / 4;
        ByteBuffer out = ByteBuffer.allocate(4 + 16 * n + (int) (area(rects) * 3 / 2)).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(n);
        for (int r : rects) {
            out.putInt(r);
        }
        byte[] a = out.array();
        int at = out.position();
        int cw = w / 2;
        int uBase = w * h;
        int vBase = uBase + uBase / 4;
        for (int i = 0; i < rects.length; i += 4) {
            int x = rects[i];
            int y = rects[i + 1];
            int rw = rects[i + 2];
            int rh = rects[i + 3];
            for (int r = 0; r < rh; r++, at += rw) {
                System.arraycopy(i420, (y + r) * w + x, a, at, rw);
            }
            for (int base : new int[] {uBase, vBase}) {
                for (int r = 0; r < rh / 2; r++, at += rw / 2) {
                    System.arraycopy(i420, base + (y / 2 + r) * cw + x / 2, a, at, rw / 2);
                }
            }
        }
        return a;
    }

    private static boolean equal(byte[] a, byte[] b, int from, int length) {
        return Arrays.mismatch(a, from, from + length, b, from, from + length) < 0;
    }

    /** First and last differing index of a row (first in the high half), or -1 when the row is the same. */
    private static long changedSpan(byte[] a, byte[] b, int from, int length) {
        int first = Arrays.mismatch(a, from, from + length, b, from, from + length);
        if (first < 0) {
            return -1;
        }
        for (int end = length; end > first; end -= TAIL) {
            int start = Math.max(first, end - TAIL);
            if (Arrays.mismatch(a, from + start, from + end, b, from + start, from + end) >= 0) {
                for (int i = end - 1; i >= start; i--) {
                    if (a[from + i] != b[from + i]) {
                        return (long) first << 32 | i;
                    }
                }
            }
        }
        return (long) first << 32 | first;
    }

    /** Copies one rectangle (even position and size) of all three planes from {@code src} into {@code dst}. */
    private static void copy(byte[] src, byte[] dst, int w, int h, int x, int y, int rw, int rh) {
        for (int r = 0; r < rh; r++) {
            int o = (y + r) * w + x;
            System.arraycopy(src, o, dst, o, rw);
        }
        int cw = w / 2;
        for (int base : new int[] {w * h, w * h + w * h / 4}) {
            for (int r = 0; r < rh / 2; r++) {
                int o = base + (y / 2 + r) * cw + x / 2;
                System.arraycopy(src, o, dst, o, rw / 2);
            }
        }
    }
}
