package dev.callsafe.capture.screen;

import java.awt.Rectangle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import dev.callsafe.capture.video.VideoFrame;

/**
 * A surface that another part of the program paints, such as a browser tab's off-screen rendering, turned
 * into I420 frames. Each paint copies only its changed rectangles into a BGRX picture kept here and marks
 * their places; taking a frame converts only those ({@link I420Converter}) into a copy of the last frame. The
 * engine already holds the tab's pixels after it paints, so this costs a copy of what changed and a conversion
 * of those places, where a screencast would encode and decode a JPEG of the whole view per picture.
 * <p>Thread-safe: paints come on the engine's thread, frames are taken on the source's.
 */
public final class PaintedSurface implements AutoCloseable {
    private final I420Converter converter = new I420Converter();
    private ByteBuffer picture;
    private int width;
    private int height;
    /** What changed since the last frame taken; null when everything must be converted. */
    private ChangedStrips dirty;
    /** The last frame's picture: the next one is a copy of it with only the changed parts converted again. */
    private byte[] last;
    /** Whether anything was painted since the last frame taken. */
    private boolean pending;
    private boolean closed;

    /**
     * Copies the {@code changed} rectangles of a {@code width} x {@code height} picture of BGRA or BGRX rows of
     * {@code width * 4} bytes. A new size starts a new picture: then the whole picture is read, whatever the
     * rectangles say.
     */
    public synchronized void paint(ByteBuffer pixels, int width, int height, Rectangle[] changed) {
        if (closed || width < 2 || height < 2 || pixels.capacity() < width * height * 4) {
            return;
        }
        int stride = width * 4;
        if (picture == null || width != this.width || height != this.height) {
            picture = ByteBuffer.allocateDirect(width * height * 4).order(ByteOrder.LITTLE_ENDIAN);
            this.width = width;
            this.height = height;
            dirty = null;
            last = null;
            changed = new Rectangle[] {new Rectangle(0, 0, width, height)};
        }
        Rectangle all = new Rectangle(0, 0, width, height);
        for (Rectangle r : changed) {
            Rectangle c = r.intersection(all);
            if (c.isEmpty()) {
                continue;
            }
            for (int y = c.y; y < c.y + c.height; y++) {
                int at = y * stride + c.x * 4;
                picture.put(at, pixels, at, c.width * 4);
            }
            if (dirty != null) {
                dirty.mark(new Bounds(c.x, c.y, c.width, c.height));
            }
            pending = true;
        }
    }

    /**
     * The picture as an I420 frame (its size rounded down to even numbers) if it changed since the last frame
     * taken, or null.
     */
    public synchronized VideoFrame takeFrame(long sequence, long captureTimeMillis) {
        if (closed || !pending) {
            return null;
        }
        int w = width & ~1;
        int h = height & ~1;
        boolean patch = dirty != null && last != null;
        byte[] i420 = patch ? java.util.Arrays.copyOf(last, last.length) : new byte[w * h * 3 / 2];
        picture.limit(width * height * 4).position(0);
        converter.convert(picture, width * 4, w, h, dirty, i420, patch);
        dirty = new ChangedStrips(w, h);
        last = i420;
        pending = false;
        return new VideoFrame(w, h, sequence, captureTimeMillis, i420);
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            converter.close();
            picture = null;
            last = null;
        }
    }
}
