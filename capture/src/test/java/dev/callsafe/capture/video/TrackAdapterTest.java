package dev.callsafe.capture.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class TrackAdapterTest {
    /** A frame whose left half is luma 200 and right half 50, with a 2-pixel bar of 0 across the top. */
    private static VideoFrame halves(int w, int h, long time) {
        byte[] px = new byte[w * h * 3 / 2];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                px[y * w + x] = (byte) (y < 2 ? 0 : x < w / 2 ? 200 : 50);
            }
        }
        java.util.Arrays.fill(px, w * h, px.length, (byte) 128);
        return new VideoFrame(w, h, time / 33, time, px);
    }

    private static int luma(VideoFrame f, int x, int y) {
        return f.i420()[y * f.width() + x] & 0xff;
    }

    @Test
    void aFrameOfTheTargetSizePassesUntouched() {
        VideoFrame f = halves(64, 48, 0);
        assertSame(f, new TrackAdapter(new TrackAdapter.Target(64, 48, 30, true)).adapt(f));
    }

    @Test
    void scalingKeepsThePictureAndCroppingCutsTheSides() {
        VideoFrame f = halves(160, 120, 0);
        VideoFrame scaled = new TrackAdapter(new TrackAdapter.Target(80, 60, 30, false)).adapt(f);
        assertEquals(80, scaled.width());
        assertEquals(60, scaled.height());
        assertEquals(200, luma(scaled, 10, 30));
        assertEquals(50, luma(scaled, 70, 30));
        // A square cut from 4:3 keeps the centre 120x120: its left edge is 20 px into the bright half.
        VideoFrame square = new TrackAdapter(new TrackAdapter.Target(60, 60, 30, true)).adapt(f);
        assertEquals(60, square.width());
        assertEquals(200, luma(square, 2, 30));
        assertEquals(50, luma(square, 57, 30));
        assertEquals(0, luma(square, 30, 0), "the top rows are not cropped away");
        // Fitting a 4:3 picture into a 16:9 box keeps its shape.
        VideoFrame fit = new TrackAdapter(new TrackAdapter.Target(160, 90, 30, false)).adapt(f);
        assertEquals(120, fit.width());
        assertEquals(90, fit.height());
        assertSame(f, new TrackAdapter(new TrackAdapter.Target(400, 400, 30, false)).adapt(f), "never enlarged");
    }

    @Test
    void framesAboveTheTargetRateAreDropped() {
        TrackAdapter a = new TrackAdapter(new TrackAdapter.Target(64, 48, 10, true));
        int passed = 0;
        for (int i = 0; i < 300; i++) { // 10 s at 30 frames a second
            if (a.adapt(halves(64, 48, Math.round(i * 1000.0 / 30))) != null) {
                passed++;
            }
        }
        assertEquals(100, passed, 1);
        a.retarget(new TrackAdapter.Target(64, 48, 20, true));
        passed = 0;
        for (int i = 300; i < 600; i++) {
            if (a.adapt(halves(64, 48, Math.round(i * 1000.0 / 30))) != null) {
                passed++;
            }
        }
        assertEquals(200, passed, 2);
    }
}
