package dev.callsafe.plugins.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.callsafe.plugins.spi.StreamBody;

class FramedPipeTest {
    private static byte[] drain(FramedPipe pipe, int chunk) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[chunk];
        int n;
        while ((n = pipe.read(buf, chunk, () -> { })) > 0) {
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    @Test
    void aJpegFrameTravelsWithItsOwnMagicBetweenRawFrames() {
        FramedPipe pipe = new FramedPipe(4, () -> { });
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, 1, 2, 3, (byte) 0xFF, (byte) 0xD9};
        pipe.offer(FramedPipe.VIDEO_MAGIC, 2, 2, 1, 10, new byte[6]);
        pipe.offer(FramedPipe.JPEG_MAGIC, 1920, 1080, 2, 20, jpeg);
        byte[] all = drain(pipe, 5);
        assertEquals(2 * FramedPipe.HEADER + 6 + jpeg.length, all.length);
        ByteBuffer h = ByteBuffer.wrap(all, FramedPipe.HEADER + 6, FramedPipe.HEADER).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(FramedPipe.JPEG_MAGIC, h.getInt());
        assertEquals("CSJ1", new String(all, FramedPipe.HEADER + 6, 4, java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(1920, h.getInt());
        assertEquals(1080, h.getInt());
        assertEquals(jpeg.length, h.getInt(), "the payload length is the JPEG's, not width x height");
        assertEquals(2, h.getInt());
        h.getInt();
        assertEquals(20.0, h.getDouble());
        byte[] body = java.util.Arrays.copyOfRange(all, 2 * FramedPipe.HEADER + 6, all.length);
        assertArrayEquals(jpeg, body);
        assertEquals(2, pipe.delivered());
    }

    @Test
    void theSameJpegPictureAgainTravelsWithoutItsBytes() {
        FramedPipe pipe = new FramedPipe(8, () -> { });
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, 1, 2, 3, (byte) 0xFF, (byte) 0xD9};
        dev.callsafe.capture.video.JpegDecoder none = (j, w, h) -> new byte[w * h * 3 / 2];
        pipe.offerPicture(dev.callsafe.capture.video.VideoFrame.ofJpeg(4, 2, 0, 10, jpeg, none));
        pipe.offerPicture(dev.callsafe.capture.video.VideoFrame.ofJpeg(4, 2, 1, 43, jpeg, none));
        // equal bytes in another array is a new picture as far as the pipe knows: sent whole
        pipe.offerPicture(dev.callsafe.capture.video.VideoFrame.ofJpeg(4, 2, 2, 76, jpeg.clone(), none));
        byte[] all = drain(pipe, 7);
        assertEquals(3 * FramedPipe.HEADER + 2 * jpeg.length, all.length);
        ByteBuffer h = ByteBuffer.wrap(all, FramedPipe.HEADER + jpeg.length, FramedPipe.HEADER).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals("CSR1", new String(all, FramedPipe.HEADER + jpeg.length, 4, java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(FramedPipe.REPEAT_MAGIC, h.getInt());
        assertEquals(4, h.getInt());
        assertEquals(2, h.getInt());
        assertEquals(0, h.getInt(), "no payload");
        assertEquals(1, h.getInt());
        h.getInt();
        assertEquals(43.0, h.getDouble());
        assertEquals(FramedPipe.JPEG_MAGIC, ByteBuffer.wrap(all, 2 * FramedPipe.HEADER + jpeg.length, 4)
                .order(ByteOrder.LITTLE_ENDIAN).getInt());
    }

    @Test
    void framesAreHeaderThenPayloadWhateverTheReadSize() {
        FramedPipe pipe = new FramedPipe(4, () -> { });
        byte[] payload = new byte[1000];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) i;
        }
        pipe.offer(FramedPipe.VIDEO_MAGIC, 20, 10, 7, 1_700_000_000_123L, payload);
        byte[] all = drain(pipe, 7);
        assertEquals(FramedPipe.HEADER + 1000, all.length);
        ByteBuffer h = ByteBuffer.wrap(all, 0, FramedPipe.HEADER).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(FramedPipe.VIDEO_MAGIC, h.getInt());
        assertEquals(20, h.getInt());
        assertEquals(10, h.getInt());
        assertEquals(1000, h.getInt());
        assertEquals(7, h.getInt());
        h.getInt();
        assertEquals(1_700_000_000_123.0, h.getDouble());
        byte[] body = new byte[1000];
        System.arraycopy(all, FramedPipe.HEADER, body, 0, 1000);
        assertArrayEquals(payload, body);
        assertEquals(1, pipe.delivered());
    }

    @Test
    void aSlowReaderLosesTheOldestFramesNotLatency() {
        FramedPipe pipe = new FramedPipe(2, () -> { });
        for (int seq = 0; seq < 5; seq++) {
            pipe.offer(FramedPipe.VIDEO_MAGIC, 2, 2, seq, 0, new byte[6]);
        }
        byte[] all = drain(pipe, 1 << 16);
        assertEquals(2 * (FramedPipe.HEADER + 6), all.length);
        assertEquals(3, ByteBuffer.wrap(all, 16, 4).order(ByteOrder.LITTLE_ENDIAN).getInt());
        assertEquals(3, pipe.dropped());
    }

    @Test
    void anEmptyPipeParksTheReaderAndWakesItOnce() {
        FramedPipe pipe = new FramedPipe(2, () -> { });
        AtomicInteger woken = new AtomicInteger();
        assertEquals(0, pipe.read(new byte[64], 64, woken::incrementAndGet));
        pipe.offer(FramedPipe.AUDIO_MAGIC, 48000, 1, 0, 0, new byte[4]);
        pipe.offer(FramedPipe.AUDIO_MAGIC, 48000, 1, 1, 0, new byte[4]);
        assertEquals(1, woken.get());
        assertTrue(pipe.read(new byte[64], 64, woken::incrementAndGet) > 0);
    }

    @Test
    void closeEndsTheStreamAfterQueuedDataAndCancelRunsTheCallbackOnce() {
        AtomicInteger cancelled = new AtomicInteger();
        FramedPipe pipe = new FramedPipe(2, cancelled::incrementAndGet);
        pipe.offer(FramedPipe.VIDEO_MAGIC, 2, 2, 0, 0, new byte[6]);
        pipe.close();
        assertEquals(FramedPipe.HEADER + 6, drain(pipe, 1024).length);
        assertEquals(-1, pipe.read(new byte[8], 8, () -> { }));
        pipe.cancel();
        pipe.cancel();
        assertEquals(1, cancelled.get());
    }

    @Test
    void cutDropsWhatIsQueuedAndEndsAtOnce() {
        AtomicInteger woken = new AtomicInteger();
        FramedPipe pipe = new FramedPipe(2, () -> { });
        byte[] buf = new byte[64];
        assertEquals(0, pipe.read(buf, 64, woken::incrementAndGet));
        pipe.offer(FramedPipe.VIDEO_MAGIC, 2, 2, 1, 0, new byte[6]);
        pipe.offer(FramedPipe.VIDEO_MAGIC, 2, 2, 2, 0, new byte[6]);
        assertEquals(16, pipe.read(buf, 16, () -> { })); // half a header in flight
        pipe.cut();
        assertEquals(StreamBody.CUT, pipe.read(buf, 64, () -> { }), "nothing queued is delivered after a cut");
        pipe.offer(FramedPipe.VIDEO_MAGIC, 2, 2, 3, 0, new byte[6]);
        assertEquals(StreamBody.CUT, pipe.read(buf, 64, () -> { }));
    }

    @Test
    void cutWakesAWaitingReader() {
        AtomicInteger woken = new AtomicInteger();
        FramedPipe pipe = new FramedPipe(2, () -> { });
        assertEquals(0, pipe.read(new byte[8], 8, woken::incrementAndGet));
        pipe.cut();
        assertEquals(1, woken.get());
        assertEquals(StreamBody.CUT, pipe.read(new byte[8], 8, () -> { }));
    }
}
