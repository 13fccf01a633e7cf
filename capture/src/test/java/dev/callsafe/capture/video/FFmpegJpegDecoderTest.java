package dev.callsafe.capture.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FFmpegJpegDecoderTest {
    private static int at(byte[] plane, int i) {
        return plane[i] & 0xff;
    }

    @Test
    void decodesToLimitedRangeI420OfTheSourceSize() throws Exception {
        byte[] jpeg = JpegPacketTest.jpeg(64, 48); // left red, right blue (full-range JPEG)
        try (FFmpegJpegDecoder d = new FFmpegJpegDecoder()) {
            byte[] i420 = d.toI420(jpeg, 64, 48);
            assertEquals(64 * 48 * 3 / 2, i420.length);
            int u = 64 * 48;
            int v = u + u / 4;
            // BT.601 limited range: red Y 81 U 90 V 240; blue Y 41 U 240 V 110 (JPEG rounding allowed).
            int leftRow = 12 * 32 + 8;
            int rightRow = 12 * 32 + 24;
            assertEquals(81, at(i420, 24 * 64 + 16), 8);
            assertEquals(41, at(i420, 24 * 64 + 48), 8);
            assertEquals(240, at(i420, v + leftRow), 10);
            assertEquals(240, at(i420, u + rightRow), 10);
        }
    }

    @Test
    void aDamagedFrameGivesTheLastGoodPictureAndAClosedDecoderStillDecodes() throws Exception {
        byte[] jpeg = JpegPacketTest.jpeg(64, 48);
        FFmpegJpegDecoder d = new FFmpegJpegDecoder();
        byte[] good = d.toI420(jpeg, 64, 48);
        byte[] broken = java.util.Arrays.copyOf(jpeg, 300);
        assertArrayEquals(good, d.toI420(broken, 64, 48));
        byte[] black = new FFmpegJpegDecoder().toI420(new byte[] {1, 2, 3}, 64, 48);
        assertEquals(16, at(black, 0));
        assertEquals(128, at(black, 64 * 48));
        d.close();
        assertArrayEquals(good, d.toI420(jpeg, 64, 48), "a frame kept past its source's end still decodes");
        assertTrue(good.length > 0);
    }
}
