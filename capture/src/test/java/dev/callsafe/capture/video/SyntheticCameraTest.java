package dev.callsafe.capture.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.callsafe.capture.device.SyntheticCamera;

class SyntheticCameraTest {
    @Test
    void deliversStampedFramesWithColourBoxesAtTheRequestedFormat() throws Exception {
        List<VideoFrame> frames = new CopyOnWriteArrayList<>();
        long started = System.currentTimeMillis();
        try (VideoSource source = new SyntheticCamera("s", "S").open(new VideoFormat(640, 360, 30))) {
            source.addSink(frames::add);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (frames.size() < 15 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertEquals(new VideoFormat(640, 360, 30), source.format());
        }
        assertTrue(frames.size() >= 15, "frames: " + frames.size());
        VideoFrame first = frames.get(0);
        VideoFrame tenth = frames.get(10);
        long[] a = FrameStamp.read(first.i420(), 640);
        long[] b = FrameStamp.read(tenth.i420(), 640);
        assertNotNull(a);
        assertNotNull(b);
        assertEquals(first.sequence(), a[0]);
        assertEquals(10, b[0] - a[0]);
        assertTrue(Math.abs(a[1] - (started & 0xffffffffffL)) < 5000, "stamped time near now");
        // Paced: ten frames at 30 fps take about a third of a second, not a burst.
        assertTrue(tenth.captureTimeMillis() - first.captureTimeMillis() >= 250);
        // Red box at bottom left: V high, U low; blue at bottom right: U high.
        int box = 360 / SyntheticCamera.BOX_FRACTION;
        int cy = (360 - box / 2) / 2;
        int ySize = 640 * 360;
        int u = first.i420()[ySize + cy * 320 + box / 4] & 0xff;
        int v = first.i420()[ySize + ySize / 4 + cy * 320 + box / 4] & 0xff;
        assertTrue(v > 200 && u < 110, "red box chroma u=" + u + " v=" + v);
        int ub = first.i420()[ySize + cy * 320 + 319 - box / 4] & 0xff;
        assertTrue(ub > 200, "blue box chroma u=" + ub);
    }

    @Test
    void stampRoundTripsAndRejectsATornFrame() {
        VideoFormat f = new VideoFormat(320, 240, 30);
        byte[] px = new byte[f.i420Size()];
        FrameStamp.write(px, 320, 240, 123456, 1_700_000_000_123L);
        long[] r = FrameStamp.read(px, 320);
        assertEquals(123456, r[0]);
        assertEquals(1_700_000_000_123L & 0xffffffffffL, r[1]);
        FrameStamp.write(px, 320, 240, 7, 1_700_000_000_123L);
        int b = FrameStamp.blockSize(320);
        // Overwrite the time row with another frame's: the check must catch it.
        byte[] other = new byte[f.i420Size()];
        FrameStamp.write(other, 320, 240, 7, 1_600_000_000_000L);
        System.arraycopy(other, b * 320, px, b * 320, b * 320);
        assertEquals(null, FrameStamp.read(px, 320));
    }
}
