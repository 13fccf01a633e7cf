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
 * a visible neighbour. Not thread-safe; one per capture thread.
 */
final class I420Converter implements AutoCloseable {
    private SwsContext context;
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

    /** Converts a {@code width} x {@code height} picture of BGRX rows of {@code stride} bytes into {@code i420}. */
    void convert(ByteBuffer bgrx, int stride, int width, int height, byte[] i420) {
        if (context == null || width != this.width || height != this.height) {
            resize(width, height);
        }
        BytePointer src = new BytePointer(bgrx);
        try {
            srcPlanes.put(0, src);
            srcStrides.put(0, stride);
            swscale.sws_scale(context, srcPlanes, srcStrides, 0, height, dstPlanes, dstStrides);
            out.position(0).get(i420, 0, width * height * 3 / 2);
        } finally {
            src.close();
        }
    }

    private void resize(int w, int h) {
        closeContext();
        context = swscale.sws_getContext(w, h, avutil.AV_PIX_FMT_BGR0, w, h, avutil.AV_PIX_FMT_YUV420P,
                swscale.SWS_POINT, null, null, (DoublePointer) null);
        if (context == null) {
            throw new IllegalStateException("swscale cannot convert " + w + "x" + h);
        }
        width = w;
        height = h;
        out = new BytePointer((long) w * h * 3 / 2);
        int ySize = w * h;
        dstPlanes.put(0, out);
        dstPlanes.put(1, out.getPointer(ySize));
        dstPlanes.put(2, out.getPointer(ySize + ySize / 4));
        dstStrides.put(0, w).put(1, w / 2).put(2, w / 2);
    }

    private void closeContext() {
        if (context != null) {
            swscale.sws_freeContext(context);
            context = null;
        }
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
