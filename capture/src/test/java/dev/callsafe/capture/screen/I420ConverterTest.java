package dev.callsafe.capture.screen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class I420ConverterTest {
    private static final int W = 200;
    private static final int H = 150; // two whole strips and a short one

    private static ByteBuffer random(long seed) {
        byte[] b = new byte[W * H * 4];
        new Random(seed).nextBytes(b);
        return ByteBuffer.allocateDirect(b.length).put(b).flip();
    }

    private static ByteBuffer copy(ByteBuffer b) {
        ByteBuffer c = ByteBuffer.allocateDirect(b.capacity());
        c.put(b.duplicate().clear()).flip();
        return c;
    }

    @Test
    void convertingOnlyTheChangedStripsGivesTheSameFrameAsConvertingAll() {
        ByteBuffer before = random(1);
        ByteBuffer after = copy(before);
        for (int x = 0; x < 40; x++) {
            after.put((70 * W + 30 + x) * 4, (byte) 7); // row 70: strip 1
        }
        after.put((149 * W + 199) * 4 + 2, (byte) 1); // last pixel: the short strip
        ChangedStrips dirty = I420Converter.changedStrips(after, before, W * 4, H);
        assertArrayEquals(new int[] {64, 150}, dirty.rows());
        assertEquals(List.of(new Bounds(0, 64, W, 64), new Bounds(0, 128, W, 22)), dirty.rectangles());
        assertNull(I420Converter.changedStrips(before, copy(before), W * 4, H), "identical grabs");

        byte[] partial = new byte[W * H * 3 / 2];
        byte[] whole = new byte[W * H * 3 / 2];
        try (I420Converter incremental = new I420Converter(); I420Converter fresh = new I420Converter()) {
            incremental.convert(before, W * 4, W, H, new byte[W * H * 3 / 2]);
            incremental.convert(after, W * 4, W, H, dirty, partial, false);
            fresh.convert(after, W * 4, W, H, whole);
        }
        assertArrayEquals(whole, partial);
    }

    @Test
    void patchingOnlyTheChangedColumnsIntoTheLastPictureGivesTheSameFrameAsConvertingAll() {
        ByteBuffer before = random(3);
        ByteBuffer after = copy(before);
        // a changed 13x9 patch at odd coordinates straddling strips 0 and 1, and a pixel in the last column
        Random r = new Random(4);
        for (int y = 60; y < 69; y++) {
            for (int x = 37; x < 50; x++) {
                after.putInt((y * W + x) * 4, r.nextInt());
            }
        }
        after.putInt((140 * W + W - 1) * 4, 0x00ff00ff);
        ChangedStrips changed = new ChangedStrips(W, H);
        changed.mark(new Bounds(37, 60, 13, 9));
        changed.mark(new Bounds(W - 1, 140, 1, 1));
        assertEquals(List.of(new Bounds(32, 0, 32, 64), new Bounds(32, 64, 32, 64), new Bounds(192, 128, 8, 22)),
                changed.rectangles(), "columns widened to blocks of 16, the last one to the picture's edge");

        byte[] last = new byte[W * H * 3 / 2];
        byte[] whole = new byte[W * H * 3 / 2];
        try (I420Converter incremental = new I420Converter(); I420Converter fresh = new I420Converter()) {
            incremental.convert(before, W * 4, W, H, last);
            byte[] patched = last.clone();
            boolean wasWhole = incremental.convert(after, W * 4, W, H, changed, patched, true);
            fresh.convert(after, W * 4, W, H, whole);
            assertEquals(false, wasWhole);
            assertArrayEquals(whole, patched, "swscale's point sampling keeps even columns independent");
        }
        byte[] unchanged = new byte[W * H * 3 / 2];
        try (I420Converter c = new I420Converter()) {
            c.convert(before, W * 4, W, H, unchanged);
        }
        assertArrayEquals(unchanged, last, "the last picture itself is untouched: frames are immutable");
    }

    @Test
    void solidColourConvertsToItsBt601Values() {
        ByteBuffer px = ByteBuffer.allocateDirect(W * H * 4);
        for (int i = 0; i < W * H; i++) {
            px.put((byte) 0).put((byte) 0).put((byte) 255).put((byte) 0); // BGRX red
        }
        px.flip();
        byte[] out = new byte[W * H * 3 / 2];
        try (I420Converter c = new I420Converter()) {
            c.convert(px, W * 4, W, H, out);
        }
        int ySize = W * H;
        for (int at : new int[] {0, ySize - 1}) {
            assertEquals(82, out[at] & 0xff, 2);
        }
        assertEquals(90, out[ySize + ySize / 4 - 1] & 0xff, 2);
        assertEquals(240, out[ySize + ySize / 2 - 1] & 0xff, 2);
    }
}
