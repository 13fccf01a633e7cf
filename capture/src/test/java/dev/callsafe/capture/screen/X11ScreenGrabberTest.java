package dev.callsafe.capture.screen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.nio.ByteBuffer;

import org.junit.jupiter.api.Test;

class X11ScreenGrabberTest {
    @Test
    void sharedMemoryAndPlainGetImageReadTheSamePixels() throws Exception {
        try (ColourWindows colours = ColourWindows.start()) {
            colours.open("a", new Color(10, 120, 230), new Bounds(40, 30, 120, 80));
            colours.open("b", new Color(200, 60, 5), new Bounds(100, 70, 90, 90));
            Bounds box = new Bounds(20, 20, 200, 160);
            X11Connection x = X11Connection.open();
            try (X11ScreenGrabber shm = X11ScreenGrabber.on(x, false, true);
                 X11ScreenGrabber plain = X11ScreenGrabber.on(x, false, false)) {
                assertTrue(shm.usesSharedMemory(), "Xvfb offers MIT-SHM");
                assertFalse(plain.usesSharedMemory());
                // BGRX: pixel (60, 40) of the screen is window a's colour once its child has painted it
                int at = ((40 - box.y()) * box.width() + (60 - box.x())) * 4;
                long deadline = System.nanoTime() + ColourWindows.TIMEOUT.toNanos();
                ByteBuffer a = shm.grab(box);
                while ((a.get(at) & 0xff) != 230 && System.nanoTime() < deadline) {
                    ColourWindows.pollPause();
                    a = shm.grab(box);
                }
                assertEquals(230, a.get(at) & 0xff);
                assertEquals(120, a.get(at + 1) & 0xff);
                assertEquals(10, a.get(at + 2) & 0xff);
                ByteBuffer b = plain.grab(box);
                assertEquals(box.area() * 4, a.remaining());
                assertEquals(-1, a.mismatch(b), "same bytes");
            } finally {
                x.close();
            }
        }
    }
}
