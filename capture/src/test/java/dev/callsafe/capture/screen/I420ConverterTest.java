package dev.callsafe.capture.screen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.ByteBuffer;
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
        boolean[] dirty = I420Converter.changedStrips(after, before, W * 4, H);
        assertArrayEquals(new boolean[] {false, true, true}, dirty);
        assertNull(I420Converter.changedStrips(before, copy(before), W * 4, H), "identical grabs");

        byte[] partial = new byte[W * H * 3 / 2];
        byte[] whole = new byte[W * H * 3 / 2];
        try (I420Converter incremental = new I420Converter(); I420Converter fresh = new I420Converter()) {
            incremental.convert(before, W * 4, W, H, new byte[W * H * 3 / 2]);
            incremental.convert(after, W * 4, W, H, dirty, partial);
            fresh.convert(after, W * 4, W, H, whole);
        }
        assertArrayEquals(whole, partial);
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
