package dev.callsafe.capture.screen;

import java.nio.ByteBuffer;

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
 * {@link #STRIP} rows into a native frame that persists, and only the strips that changed since the last
 * conversion need converting again. Not thread-safe; one per capture thread.
 */
final class I420Converter implements AutoCloseable {
    /** Rows per strip (even, so that strips hold whole chroma rows). */
    static final int STRIP = 64;

    private SwsContext stripContext;
    private SwsContext lastStripContext;
    private int width;
    private int height;
    private BytePointer out;
    private final PointerPointer<BytePointer> srcPlanes = new PointerPointer<>(4);
    private final IntPointer srcStrides = new IntPointer(4);
    private final PointerPointer<BytePointer> dstPlanes = new PointerPointer<>(4);
    private final IntPointer dstStrides = new IntPointer(4);

    I420Converter() {
        FFmpegLoader.load();
    }

    /** Converts a whole {@code width} x {@code height} picture of BGRX rows of {@code stride} bytes into {@code i420}. */
    void convert(ByteBuffer bgrx, int stride, int width, int height, byte[] i420) {
        convert(bgrx, stride, width, height, null, i420);
    }

    /**
     * Converts the strips {@code dirty} marks (all when null, or when the size differs from the last call) and
     * copies the whole frame into {@code i420}: strips not converted keep the last conversion's pixels.
     */
    void convert(ByteBuffer bgrx, int stride, int width, int height, boolean[] dirty, byte[] i420) {
        if (out == null || width != this.width || height != this.height) {
            resize(width, height);
            dirty = null;
        }
        BytePointer src = new BytePointer(bgrx);
        try {
            int ySize = width * height;
            srcStrides.put(0, stride);
            for (int k = 0, y = 0; y < height; k++, y += STRIP) {
                if (dirty != null && !dirty[k]) {
                    continue;
                }
                int rows = Math.min(STRIP, height - y);
                srcPlanes.put(0, src.getPointer((long) y * stride));
                dstPlanes.put(0, out.getPointer((long) y * width));
                dstPlanes.put(1, out.getPointer(ySize + (long) (y / 2) * (width / 2)));
                dstPlanes.put(2, out.getPointer(ySize + ySize / 4 + (long) (y / 2) * (width / 2)));
                swscale.sws_scale(rows == STRIP ? stripContext : lastStripContext, srcPlanes, srcStrides, 0, rows,
                        dstPlanes, dstStrides);
            }
            out.position(0).get(i420, 0, width * height * 3 / 2);
        } finally {
            src.close();
        }
    }

    /**
     * The strips of rows in which two grabs of the same box differ, or null when they are identical; without a
     * previous grab every strip counts as changed.
     */
    static boolean[] changedStrips(ByteBuffer now, ByteBuffer previous, int stride, int height) {
        int strips = (height + STRIP - 1) / STRIP;
        boolean[] dirty = new boolean[strips];
        if (previous == null) {
            java.util.Arrays.fill(dirty, true);
            return dirty;
        }
        boolean any = false;
        for (int k = 0; k < strips; k++) {
            int from = k * STRIP * stride;
            int len = Math.min(STRIP, height - k * STRIP) * stride;
            dirty[k] = now.slice(from, len).mismatch(previous.slice(from, len)) != -1;
            any |= dirty[k];
        }
        return any ? dirty : null;
    }

    private void resize(int w, int h) {
        closeContext();
        stripContext = context(w, Math.min(STRIP, h));
        lastStripContext = h % STRIP == 0 ? stripContext : context(w, h % STRIP);
        width = w;
        height = h;
        out = new BytePointer((long) w * h * 3 / 2);
        dstStrides.put(0, w).put(1, w / 2).put(2, w / 2);
    }

    private static SwsContext context(int w, int h) {
        SwsContext c = swscale.sws_getContext(w, h, avutil.AV_PIX_FMT_BGR0, w, h, avutil.AV_PIX_FMT_YUV420P,
                swscale.SWS_POINT, null, null, (DoublePointer) null);
        if (c == null) {
            throw new IllegalStateException("swscale cannot convert " + w + "x" + h);
        }
        return c;
    }

    private void closeContext() {
        if (lastStripContext != null && lastStripContext != stripContext) {
            swscale.sws_freeContext(lastStripContext);
        }
        if (stripContext != null) {
            swscale.sws_freeContext(stripContext);
        }
        stripContext = null;
        lastStripContext = null;
        if (out != null) {
            out.close();
            out = null;
        }
    }

    @Override
    public void close() {
        closeContext();
    }
}
