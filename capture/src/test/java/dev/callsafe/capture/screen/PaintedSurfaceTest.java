package dev.callsafe.capture.screen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Rectangle;
import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;

import dev.callsafe.capture.video.VideoFrame;

class PaintedSurfaceTest {
    private static final int W = 201; // odd: frames are one column and one row smaller
    private static final int H = 151;

    /** An engine's view buffer: BGRA rows, filled with one colour. */
    private static ByteBuffer view(Color c) {
        ByteBuffer b = ByteBuffer.allocateDirect(W * H * 4);
        for (int i = 0; i < W * H; i++) {
            b.put((byte) c.getBlue()).put((byte) c.getGreen()).put((byte) c.getRed()).put((byte) 255);
        }
        return b.flip();
    }

    private static void fill(ByteBuffer view, Rectangle r, Color c) {
        for (int y = r.y; y < r.y + r.height; y++) {
            for (int x = r.x; x < r.x + r.width; x++) {
                int at = (y * W + x) * 4;
                view.put(at, (byte) c.getBlue()).put(at + 1, (byte) c.getGreen()).put(at + 2, (byte) c.getRed());
            }
        }
    }

    @Test
    void theFirstPaintIsTakenWholeWhateverItsRectanglesSay() {
        try (PaintedSurface s = new PaintedSurface()) {
            assertNull(s.takeFrame(0, 0), "nothing painted yet");
            // a consumer that joins late gets a paint of a small change, but must send the whole view
            s.paint(view(Color.GREEN), W, H, new Rectangle[] {new Rectangle(5, 5, 2, 2)});
            VideoFrame f = s.takeFrame(0, 42);
            assertNotNull(f);
            assertEquals(W - 1, f.width());
            assertEquals(H - 1, f.height());
            assertEquals(42, f.captureTimeMillis());
            assertTrue(I420Pixels.is(f, 0, 0, Color.GREEN) && I420Pixels.is(f, W - 2, H - 2, Color.GREEN),
                    "every corner green");
            assertNull(s.takeFrame(1, 0), "nothing painted since the last frame");
        }
    }

    @Test
    void laterPaintsCopyOnlyTheirRectanglesAndEqualAWholeConversion() {
        ByteBuffer view = view(Color.WHITE);
        try (PaintedSurface s = new PaintedSurface(); PaintedSurface whole = new PaintedSurface()) {
            s.paint(view, W, H, new Rectangle[] {new Rectangle(0, 0, W, H)});
            s.takeFrame(0, 0);
            Rectangle box = new Rectangle(100, 70, 30, 20); // strips 1
            fill(view, box, Color.MAGENTA);
            // the engine's buffer also changed outside the rectangle it reports: that must not be read
            fill(view, new Rectangle(0, 140, 10, 10), Color.BLUE);
            s.paint(view, W, H, new Rectangle[] {box});
            VideoFrame f = s.takeFrame(1, 0);
            assertTrue(I420Pixels.is(f, 110, 80, Color.MAGENTA), "the painted rectangle arrived");
            assertTrue(I420Pixels.is(f, 4, 144, Color.WHITE), "outside the rectangles the surface keeps its copy");

            fill(view, new Rectangle(0, 140, 10, 10), Color.WHITE);
            whole.paint(view, W, H, new Rectangle[0]);
            assertArrayEquals(whole.takeFrame(0, 0).i420(), f.i420(), "strip conversion equals a whole one");
        }
    }

    @Test
    void aNewSizeStartsANewPicture() {
        try (PaintedSurface s = new PaintedSurface()) {
            s.paint(view(Color.RED), W, H, new Rectangle[0]);
            s.takeFrame(0, 0);
            ByteBuffer small = ByteBuffer.allocateDirect(64 * 48 * 4);
            for (int i = 0; i < 64 * 48; i++) {
                small.put((byte) 255).put((byte) 0).put((byte) 0).put((byte) 255); // blue
            }
            s.paint(small.flip(), 64, 48, new Rectangle[] {new Rectangle(0, 0, 1, 1)});
            VideoFrame f = s.takeFrame(1, 0);
            assertEquals(64, f.width());
            assertEquals(48, f.height());
            assertTrue(I420Pixels.is(f, 63, 47, Color.BLUE), "the whole new picture, not only its rectangle");
        }
    }
}
