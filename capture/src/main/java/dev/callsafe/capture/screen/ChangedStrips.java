package dev.callsafe.capture.screen;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where a picture changed, at the converter's grain: for each strip of {@link I420Converter#STRIP} rows, the span
 * of columns (even edges) that needs converting again, or none. A screen mostly changes in a few places (a
 * moving square, a cursor, a typed word), so a strip's span is usually far narrower than the picture.
 */
final class ChangedStrips {
    private final int width;
    private final int height;
    /** The whole picture, which marks are clipped to. */
    private final Bounds picture;
    /** Per strip: first changed column, and the column after the last; {@code from >= to}: unchanged. */
    private final int[] from;
    private final int[] to;

    /** No strip changed yet, for a picture of {@code width} x {@code height} (both even). */
    ChangedStrips(int width, int height) {
        this.width = width;
        this.height = height;
        this.picture = new Bounds(0, 0, width, height);
        int strips = (height + I420Converter.STRIP - 1) / I420Converter.STRIP;
        from = new int[strips];
        to = new int[strips];
        Arrays.fill(from, width);
    }

    /** Every strip changed across the whole width. */
    static ChangedStrips all(int width, int height) {
        ChangedStrips s = new ChangedStrips(width, height);
        for (int k = 0; k < s.strips(); k++) {
            s.markWhole(k);
        }
        return s;
    }

    int strips() {
        return from.length;
    }

    /** Marks strip {@code k} changed across the whole width. */
    void markWhole(int k) {
        from[k] = 0;
        to[k] = width;
    }

    /**
     * Marks the strips {@code rect} (picture coordinates) lies in, over its columns grown to whole blocks of
     * {@link I420Converter#ALIGN} (fewer converter sizes; even edges); whether it lay in the picture at all.
     */
    boolean mark(Bounds rect) {
        Bounds r = rect.intersection(picture);
        if (r.isEmpty()) {
            return false;
        }
        int x0 = r.x() / I420Converter.ALIGN * I420Converter.ALIGN;
        int x1 = Math.min(width, (r.right() + I420Converter.ALIGN - 1) / I420Converter.ALIGN * I420Converter.ALIGN);
        for (int k = r.y() / I420Converter.STRIP; k <= (r.bottom() - 1) / I420Converter.STRIP; k++) {
            from[k] = Math.min(from[k], x0);
            to[k] = Math.max(to[k], x1);
        }
        return true;
    }

    /** Whether {@code rect} (picture coordinates) meets a changed strip's rows. */
    boolean touches(Bounds rect) {
        Bounds r = rect.intersection(picture);
        if (r.isEmpty()) {
            return false;
        }
        for (int k = r.y() / I420Converter.STRIP; k <= (r.bottom() - 1) / I420Converter.STRIP; k++) {
            if (changed(k)) {
                return true;
            }
        }
        return false;
    }

    boolean changed(int k) {
        return from[k] < to[k];
    }

    /** First changed column of strip {@code k} (even). */
    int from(int k) {
        return from[k];
    }

    /** The column after strip {@code k}'s last changed one (even, or the width). */
    int to(int k) {
        return to[k];
    }

    boolean any() {
        for (int k = 0; k < strips(); k++) {
            if (changed(k)) {
                return true;
            }
        }
        return false;
    }

    /** The changed strips as row ranges (from, to pairs; adjacent strips joined). */
    int[] rows() {
        int[] out = new int[2 * strips()];
        int n = 0;
        for (int k = 0; k < strips(); k++) {
            if (changed(k)) {
                int y0 = k * I420Converter.STRIP;
                int y1 = Math.min(height, y0 + I420Converter.STRIP);
                if (n > 0 && out[n - 1] == y0) {
                    out[n - 1] = y1;
                } else {
                    out[n++] = y0;
                    out[n++] = y1;
                }
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** The changed parts as rectangles, one per changed strip. */
    List<Bounds> rectangles() {
        List<Bounds> out = new ArrayList<>();
        for (int k = 0; k < strips(); k++) {
            if (changed(k)) {
                int y0 = k * I420Converter.STRIP;
                out.add(new Bounds(from[k], y0, to[k] - from[k], Math.min(height, y0 + I420Converter.STRIP) - y0));
            }
        }
        return out;
    }
}
