package dev.callsafe.capture.screen;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.global.swscale;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

import dev.callsafe.capture.video.FFmpegLoader;

/**
 * BGRX rows to I420 through FFmpeg's swscale (SIMD; a per-pixel Java loop costs several times more at 1080p).
 * Point sampling keeps each 2x2 block's chroma to the block itself, so a masked block never bleeds colour into
 * a visible neighbour, and makes strips of rows independent: the picture is converted in strips of
 * {@link #STRIP} rows into a native frame that persists, and only the columns of the strips that changed since
 * the last conversion need converting again (point sampling keeps even columns independent too). Not
 * thread-safe; one per capture thread.
 */
final class I420Converter implements AutoCloseable {
    /** Rows per strip (even, so that strips hold whole chroma rows). */
    static final int STRIP = 64;

    /** Column blocks a changed part is widened to ({@link ChangedStrips}): even, and SIMD-friendly rows. */
    static final int ALIGN = 16;
    /** Converters kept, by size (parts of varying width each need their own). */
    private static final int CONTEXTS_KEPT = 16;

    /** Converters by width and rows, least recently used first; one dropped is freed. */
    private final Map<Long, SwsContext> contexts = new LinkedHashMap<>(CONTEXTS_KEPT, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, SwsContext> eldest) {
            if (size() > CONTEXTS_KEPT) {
                swscale.sws_freeContext(eldest.getValue());
                return true;
            }
            return false;
        }
    };
    private int width;
    private int height;
    private BytePointer out;
    /** {@link #out} as a buffer: copies out of it are plain memory copies, not native calls. */
    private ByteBuffer outView;
    private final PointerPointer<BytePointer> srcPlanes = new PointerPointer<>(4);
    private final IntPointer srcStrides = new IntPointer(4);
    private final PointerPointer<BytePointer> dstPlanes = new PointerPointer<>(4);
    private final IntPointer dstStrides = new IntPointer(4);

    I420Converter() {
        FFmpegLoader.load();
    }

    /** Converts a whole {@code width} x {@code height} picture of BGRX rows of {@code stride} bytes into {@code i420}. */
    void convert(ByteBuffer bgrx, int stride, int width, int height, byte[] i420) {
        convert(bgrx, stride, width, height, null, i420, false);
    }

    /**
     * Converts what {@code changed} marks (everything when it is null, or when the size differs from the last call)
     * into the native picture that persists between calls, then copies into {@code i420}: the whole picture, or,
     * with {@code patch} (the caller's {@code i420} already holds the last picture), only the converted parts.
     * Returns whether the whole picture was converted and copied.
     */
    boolean convert(ByteBuffer bgrx, int stride, int width, int height, ChangedStrips changed, byte[] i420,
                    boolean patch) {
        if (out == null || width != this.width || height != this.height) {
            resize(width, height);
            changed = null;
        }
        if (changed == null) {
            changed = ChangedStrips.all(width, height);
            patch = false;
        }
        BytePointer src = new BytePointer(bgrx);
        try {
            int ySize = width * height;
            int cw = width / 2;
            srcStrides.put(0, stride);
            for (int k = 0; k < changed.strips(); k++) {
                if (!changed.changed(k)) {
                    continue;
                }
                int y = k * STRIP;
                int rows = Math.min(STRIP, height - y);
                int x0 = changed.from(k);
                int x1 = changed.to(k);
                srcPlanes.put(0, src.getPointer((long) y * stride + 4L * x0));
                dstPlanes.put(0, out.getPointer((long) y * width + x0));
                dstPlanes.put(1, out.getPointer(ySize + (long) (y / 2) * cw + x0 / 2));
                dstPlanes.put(2, out.getPointer(ySize + ySize / 4 + (long) (y / 2) * cw + x0 / 2));
                swscale.sws_scale(context(x1 - x0, rows), srcPlanes, srcStrides, 0, rows, dstPlanes, dstStrides);
                if (patch) {
                    copyRect(y * width + x0, width, x1 - x0, rows, i420);
                    copyRect(ySize + y / 2 * cw + x0 / 2, cw, (x1 - x0) / 2, rows / 2, i420);
                    copyRect(ySize + ySize / 4 + y / 2 * cw + x0 / 2, cw, (x1 - x0) / 2, rows / 2, i420);
                }
            }
            if (!patch) {
                outView.get(0, i420, 0, ySize * 3 / 2);
            }
            return !patch;
        } finally {
            src.close();
        }
    }

    /** Copies {@code rows} rows of {@code length} bytes, a row every {@code stride}, from the native picture. */
    private void copyRect(int at, int stride, int length, int rows, byte[] i420) {
        for (int r = 0; r < rows; r++, at += stride) {
            outView.get(at, i420, at, length);
        }
    }

    /**
     * The strips of rows in which two grabs of the same box differ, or null when they are identical; without a
     * previous grab every strip counts as changed.
     */
    static ChangedStrips changedStrips(ByteBuffer now, ByteBuffer previous, int stride, int height) {
        int width = stride / 4;
        if (previous == null) {
            return ChangedStrips.all(width, height);
        }
        ChangedStrips changed = new ChangedStrips(width, height);
        for (int k = 0; k < changed.strips(); k++) {
            int from = k * STRIP * stride;
            int len = Math.min(STRIP, height - k * STRIP) * stride;
            if (now.slice(from, len).mismatch(previous.slice(from, len)) != -1) {
                changed.markWhole(k);
            }
        }
        return changed.any() ? changed : null;
    }

    private void resize(int w, int h) {
        closeContext();
        width = w;
        height = h;
        out = new BytePointer((long) w * h * 3 / 2);
        outView = out.position(0).limit((long) w * h * 3 / 2).asByteBuffer();
        dstStrides.put(0, w).put(1, w / 2).put(2, w / 2);
    }

    /** A converter for parts of {@code w} x {@code rows}, kept among the last few used. */
    private SwsContext context(int w, int rows) {
        return contexts.computeIfAbsent((long) w << 32 | rows, key -> newContext(w, rows));
    }

    private static SwsContext newContext(int w, int h) {
        SwsContext c = swscale.sws_getContext(w, h, avutil.AV_PIX_FMT_BGR0, w, h, avutil.AV_PIX_FMT_YUV420P,
                swscale.SWS_POINT, null, null, (DoublePointer) null);
        if (c == null) {
            throw new IllegalStateException("swscale cannot convert " + w + "x" + h);
        }
        return c;
    }

    private void closeContext() {
        contexts.values().forEach(swscale::sws_freeContext);
        contexts.clear();
        if (out != null) {
            out.close();
            out = null;
            outView = null;
        }
    }

    @Override
    public void close() {
        closeContext();
    }
}
