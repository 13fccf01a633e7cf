package dev.callsafe.capture.screen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class OccluderTest {
    private static final int W = 8;
    private static final int H = 6;

    @Test
    void greyI420GrowsToWholeChromaBlocksAndIsExactlyMidGrey() {
        byte[] f = new byte[W * H * 3 / 2];
        Arrays.fill(f, (byte) 7);
        Occluder.occludeI420(f, W, H, List.of(new Bounds(3, 1, 2, 1)), null);
        // x 3..4, y 1 grows to x 2..5, y 0..1: luma rows 0 and 1, chroma row 0, chroma columns 1..2
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                boolean inside = y <= 1 && x >= 2 && x <= 5;
                assertEquals(inside ? 128 : 7, f[y * W + x] & 0xff, "Y " + x + "," + y);
            }
        }
        int ySize = W * H;
        for (int cy = 0; cy < H / 2; cy++) {
            for (int cx = 0; cx < W / 2; cx++) {
                boolean inside = cy == 0 && cx >= 1 && cx <= 2;
                assertEquals(inside ? 128 : 7, f[ySize + cy * (W / 2) + cx] & 0xff, "U " + cx + "," + cy);
                assertEquals(inside ? 128 : 7, f[ySize + ySize / 4 + cy * (W / 2) + cx] & 0xff, "V " + cx + "," + cy);
            }
        }
    }

    @Test
    void freezeCopiesThePreviousFrameAndClipsAtTheEdges() {
        byte[] previous = new byte[W * H * 3 / 2];
        Arrays.fill(previous, (byte) 50);
        byte[] f = new byte[W * H * 3 / 2];
        Arrays.fill(f, (byte) 9);
        Occluder.occludeI420(f, W, H, List.of(new Bounds(7, 5, 1, 1)), previous);
        assertEquals(50, f[5 * W + 7] & 0xff);
        assertEquals(50, f[4 * W + 6] & 0xff, "grown to the 2x2 block");
        assertEquals(9, f[3 * W + 7] & 0xff);
        assertEquals(50, f[W * H + 2 * (W / 2) + 3] & 0xff, "U of the block");
    }

    @Test
    void greyBgrxFillsOnlyTheRectangles() {
        ByteBuffer px = ByteBuffer.allocate(W * H * 4);
        Occluder.greyBgrx(px, W * 4, List.of(new Bounds(1, 2, 3, 2)));
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                boolean inside = x >= 1 && x < 4 && y >= 2 && y < 4;
                assertEquals(inside ? 128 : 0, px.get(y * W * 4 + x * 4 + 1) & 0xff, x + "," + y);
            }
        }
    }
}
