package dev.callsafe.plugins.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;

import org.junit.jupiter.api.Test;

import dev.callsafe.capture.video.VideoFrame;

/**
 * Damage-only pictures: what the page rebuilds from the messages (applied here as media-shim.js applies them)
 * equals the newest frame, however many frames were offered between reads, and a small change travels small.
 */
class PictureDamageTest {
    private static final int W = 320;
    private static final int H = 200;

    private static byte[] picture(long seed) {
        byte[] p = new byte[W * H * 3 / 2];
        new Random(seed).nextBytes(p);
        return p;
    }

    /** A copy of {@code p} with a w x h box of one value at (x, y) in all three planes. */
    private static byte[] withBox(byte[] p, int x, int y, int w, int h, int value) {
        byte[] q = p.clone();
        for (int r = y; r < y + h; r++) {
            for (int c = x; c < x + w; c++) {
                q[r * W + c] = (byte) value;
                q[W * H + (r / 2) * (W / 2) + c / 2] = (byte) (value + 1);
                q[W * H * 5 / 4 + (r / 2) * (W / 2) + c / 2] = (byte) (value + 2);
            }
        }
        return q;
    }

    private static VideoFrame frame(byte[] p, long seq) {
        return new VideoFrame(W, H, seq, 1000 + seq, p);
    }

    /** Reads every queued message and applies it to {@code page} (the page's picture) as the page script does. */
    private static int readInto(FramedPipe pipe, byte[] page) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[65536];
        int n;
        while ((n = pipe.read(buf, buf.length, () -> { })) > 0) {
            out.write(buf, 0, n);
        }
        ByteBuffer all = ByteBuffer.wrap(out.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
        int messages = 0;
        while (all.hasRemaining()) {
            int magic = all.getInt();
            assertEquals(W, all.getInt());
            assertEquals(H, all.getInt());
            int len = all.getInt();
            all.position(all.position() + 16);
            byte[] body = new byte[len];
            all.get(body);
            if (magic == FramedPipe.VIDEO_MAGIC) {
                System.arraycopy(body, 0, page, 0, len);
            } else {
                assertEquals(FramedPipe.DAMAGE_MAGIC, magic);
                apply(body, page);
            }
            messages++;
        }
        return messages;
    }

    private static void apply(byte[] body, byte[] page) {
        ByteBuffer d = ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN);
        int n = d.getInt();
        int at = 4 + 16 * n;
        for (int i = 0; i < n; i++) {
            int x = d.getInt(4 + 16 * i);
            int y = d.getInt(8 + 16 * i);
            int w = d.getInt(12 + 16 * i);
            int h = d.getInt(16 + 16 * i);
            for (int r = 0; r < h; r++, at += w) {
                System.arraycopy(body, at, page, (y + r) * W + x, w);
            }
            for (int base : new int[] {W * H, W * H * 5 / 4}) {
                for (int r = 0; r < h / 2; r++, at += w / 2) {
                    System.arraycopy(body, at, page, base + (y / 2 + r) * (W / 2) + x / 2, w / 2);
                }
            }
        }
        assertEquals(body.length, at);
    }

    @Test
    void theFirstPictureIsWholeThenOnlyTheChangedRectanglesTravel() {
        FramedPipe pipe = new FramedPipe(2, () -> { });
        byte[] page = new byte[W * H * 3 / 2];
        byte[] still = picture(1);
        pipe.offerPicture(frame(still, 0));
        readInto(pipe, page);
        assertArrayEquals(still, page);

        byte[] moved = withBox(still, 101, 77, 9, 5, 200); // odd position and size: the chroma rounding
        pipe.offerPicture(frame(moved, 1));
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        byte[] buf = new byte[65536];
        int n;
        while ((n = pipe.read(buf, buf.length, () -> { })) > 0) {
            raw.write(buf, 0, n);
        }
        ByteBuffer m = ByteBuffer.wrap(raw.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(FramedPipe.DAMAGE_MAGIC, m.getInt(0));
        assertTrue(raw.size() < 2_000, () -> "a 9x5 change sent " + raw.size() + " bytes");
        byte[] body = new byte[m.getInt(12)];
        System.arraycopy(raw.toByteArray(), FramedPipe.HEADER, body, 0, body.length);
        apply(body, page);
        assertArrayEquals(moved, page);

        pipe.offerPicture(frame(moved, 2)); // unchanged: an empty damage message, still a frame for the page
        assertEquals(1, readInto(pipe, page));
        assertArrayEquals(moved, page);
    }

    @Test
    void picturesOfferedWhileThePageReadsNothingBringItToTheNewestOne() {
        FramedPipe pipe = new FramedPipe(2, () -> { });
        byte[] page = new byte[W * H * 3 / 2];
        byte[] p = picture(2);
        pipe.offerPicture(frame(p, 0));
        readInto(pipe, page);
        Random r = new Random(3);
        for (int round = 0; round < 20; round++) {
            int offered = 1 + r.nextInt(4);
            for (int k = 0; k < offered; k++) {
                p = withBox(p, r.nextInt(W - 40), r.nextInt(H - 40), 1 + r.nextInt(39), 1 + r.nextInt(39), r.nextInt(250));
                pipe.offerPicture(frame(p, round * 10 + k));
            }
            assertEquals(1, readInto(pipe, page), "pictures not yet read are replaced, not queued");
            assertArrayEquals(p, page, "round " + round);
        }
    }

    @Test
    void aResizeSendsTheWholePicture() {
        PictureDamage d = new PictureDamage();
        assertNull(d.diff(frame(picture(4), 0)));
        assertEquals(0, d.diff(frame(picture(4), 1)).length);
        assertNull(d.diff(new VideoFrame(W / 2, H, 2, 0, new byte[W / 2 * H * 3 / 2])));
    }

    /**
     * A frame that names the rows it changed since its source's previous frame is compared only there (a screen
     * share's source knows which strips it converted), unless the mirror is not that previous frame: after a
     * frame the pipe never saw, the whole frame is compared, so no change is lost.
     */
    @Test
    void aFrameThatNamesItsChangedRowsIsComparedThereOnlyWhenTheMirrorIsItsPredecessor() {
        PictureDamage d = new PictureDamage();
        byte[] a = picture(5);
        assertNull(d.diff(frame(a, 0)));
        byte[] b = withBox(a, 40, 100, 20, 20, 7); // rows 100-119: band 96-127
        long before = d.bandsCompared;
        int[] rects = d.diff(new VideoFrame(W, H, 1, 0, b, new int[] {96, 128}));
        assertEquals(1, d.bandsCompared - before, "only the named band compared");
        assertArrayEquals(new int[] {40, 96, 20, 32}, rects);
        // frame 2 was never offered (thinned out); frame 3 names only its own change against frame 2
        byte[] c2 = withBox(b, 200, 10, 10, 10, 9);
        byte[] c3 = withBox(c2, 0, 160, 8, 8, 11);
        before = d.bandsCompared;
        int[] all = d.diff(new VideoFrame(W, H, 3, 0, c3, new int[] {160, 192}));
        assertEquals((H + PictureDamage.BAND - 1) / PictureDamage.BAND, d.bandsCompared - before, "every band compared");
        assertEquals(2, all.length / 4, "frame 2's change as well as frame 3's");
        // nothing changed, and it says so
        before = d.bandsCompared;
        assertEquals(0, d.diff(new VideoFrame(W, H, 4, 0, c3, new int[0])).length);
        assertEquals(0, d.bandsCompared - before);
    }
}
