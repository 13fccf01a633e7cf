package dev.callsafe.capture.screen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.junit.jupiter.api.Test;

/** Compositing the pointer's image into grabbed BGRX pixels: placed by its hotspot, clipped, blended by alpha. */
class PointerImageTest {
    private static final int OPAQUE_RED = 0xffff0000;
    private static final int OPAQUE_BLUE = 0xff0000ff;

    /** A BGRX buffer of {@code box}'s size, every pixel (b, g, r, x) = (10, 20, 30, 99). */
    private static ByteBuffer frame(Bounds box) {
        ByteBuffer b = ByteBuffer.allocate((int) box.area() * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < box.area(); i++) {
            b.put(new byte[] {10, 20, 30, 99});
        }
        return b.flip();
    }

    private static int[] bgrx(ByteBuffer b, Bounds box, int desktopX, int desktopY) {
        int at = ((desktopY - box.y()) * box.width() + desktopX - box.x()) * 4;
        return new int[] {b.get(at) & 0xff, b.get(at + 1) & 0xff, b.get(at + 2) & 0xff, b.get(at + 3) & 0xff};
    }

    @Test
    void theImageLandsWithItsHotspotOnThePointersPosition() {
        Bounds box = new Bounds(100, 50, 40, 30);
        // 2x2: red, blue / transparent, red; hotspot (1, 1) at desktop (120, 60): top-left at (119, 59)
        PointerImage p = new PointerImage(120, 60, 1, 1, 2, 2, new int[] {OPAQUE_RED, OPAQUE_BLUE, 0, OPAQUE_RED}, 7);
        ByteBuffer f = frame(box);
        p.paint(f, box.width() * 4, box);
        assertArrayEquals(new int[] {0, 0, 255, 99}, bgrx(f, box, 119, 59), "red, the X byte untouched");
        assertArrayEquals(new int[] {255, 0, 0, 99}, bgrx(f, box, 120, 59), "blue");
        assertArrayEquals(new int[] {10, 20, 30, 99}, bgrx(f, box, 119, 60), "transparent: what was there");
        assertArrayEquals(new int[] {0, 0, 255, 99}, bgrx(f, box, 120, 60), "red at the hotspot");
        int changed = 0;
        ByteBuffer untouched = frame(box);
        for (int i = 0; i < f.limit(); i += 4) {
            changed += f.getInt(i) != untouched.getInt(i) ? 1 : 0;
        }
        assertEquals(3, changed, "nothing else drawn");
    }

    @Test
    void aPointerAcrossTheBoxsEdgesIsClippedToIt() {
        Bounds box = new Bounds(100, 50, 4, 3);
        int[] solid = new int[6 * 6];
        java.util.Arrays.fill(solid, OPAQUE_RED);
        // 6x6 with its top-left at (98, 48): covers the box's top-left 4x3 wholly and more on every side but two
        ByteBuffer f = frame(box);
        new PointerImage(98, 48, 0, 0, 6, 6, solid, 1).paint(f, box.width() * 4, box);
        for (int y = 50; y < 53; y++) {
            for (int x = 100; x < 104; x++) {
                assertArrayEquals(new int[] {0, 0, 255, 99}, bgrx(f, box, x, y), x + "," + y);
            }
        }
        // top-left corner off the box: only the pixel (0, 0) of the box is covered, nothing written out of range
        ByteBuffer g = frame(box);
        new PointerImage(95, 45, 0, 0, 6, 6, solid, 1).paint(g, box.width() * 4, box);
        assertArrayEquals(new int[] {0, 0, 255, 99}, bgrx(g, box, 100, 50));
        assertArrayEquals(new int[] {10, 20, 30, 99}, bgrx(g, box, 101, 50));
        assertArrayEquals(new int[] {10, 20, 30, 99}, bgrx(g, box, 100, 51));
        // bottom-right corner off the box, and wholly outside: no exception, nothing else drawn
        ByteBuffer h = frame(box);
        new PointerImage(103, 52, 0, 0, 6, 6, solid, 1).paint(h, box.width() * 4, box);
        new PointerImage(300, 300, 0, 0, 6, 6, solid, 1).paint(h, box.width() * 4, box);
        new PointerImage(0, 0, 0, 0, 6, 6, solid, 1).paint(h, box.width() * 4, box);
        assertArrayEquals(new int[] {0, 0, 255, 99}, bgrx(h, box, 103, 52));
        assertArrayEquals(new int[] {10, 20, 30, 99}, bgrx(h, box, 102, 52));
        assertArrayEquals(new int[] {10, 20, 30, 99}, bgrx(h, box, 103, 51));
    }

    @Test
    void translucentPixelsAreBlendedOverWhatIsBelowAsPremultipliedArgb() {
        Bounds box = new Bounds(0, 0, 3, 1);
        // premultiplied: half-transparent white is (128, 128, 128, 128); a shadow is black at alpha 64
        int halfWhite = 0x80808080;
        int shadow = 0x40000000;
        ByteBuffer f = frame(box);
        new PointerImage(0, 0, 0, 0, 3, 1, new int[] {halfWhite, shadow, 0x00000000}, 1).paint(f, 12, box);
        // 128 + under * 127/255: 10 -> 133, 20 -> 138, 30 -> 143
        assertArrayEquals(new int[] {133, 138, 143, 99}, bgrx(f, box, 0, 0));
        // under * 191/255: 10 -> 7, 20 -> 15, 30 -> 22
        assertArrayEquals(new int[] {7, 15, 22, 99}, bgrx(f, box, 1, 0));
        assertArrayEquals(new int[] {10, 20, 30, 99}, bgrx(f, box, 2, 0), "alpha 0 leaves the pixel");
    }
}
