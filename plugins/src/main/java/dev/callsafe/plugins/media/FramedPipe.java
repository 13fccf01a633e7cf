package dev.callsafe.plugins.media;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;

import dev.callsafe.capture.video.VideoFrame;
import dev.callsafe.plugins.spi.StreamBody;

/**
 * Carries media to one page track as a stream of framed messages: a 32-byte little-endian header
 * (magic, a, b, payload length, sequence, reserved, capture time in ms as a double) then the payload.
 * The magic says what the payload is: I420 video (a, b: width, height), a JPEG of a video frame (a, b: its
 * width and height; the page decodes it), the JPEG picture sent last again at a new time (no payload), or
 * float32 audio (a: sample rate, b: channels).
 * It keeps at most {@code capacity} messages; when the page falls behind the oldest are dropped, so
 * latency cannot grow without bound.
 *
 * <p>A shared surface's pictures ({@link #offerPicture}) travel as damage: a whole frame first, on a resize and
 * every few seconds, and otherwise only the rectangles that changed since the picture the page will have
 * ({@link PictureDamage}). Such messages cannot simply be dropped: a picture not yet being read is replaced by
 * one that brings the page from the same starting point to the newest frame.
 */
final class FramedPipe implements StreamBody {
    static final int VIDEO_MAGIC = 0x31565343; // "CSV1"
    static final int AUDIO_MAGIC = 0x31415343; // "CSA1"
    static final int JPEG_MAGIC = 0x314A5343; // "CSJ1"
    /** The changed rectangles of the picture the page holds (payload: {@link PictureDamage#payload}). */
    static final int DAMAGE_MAGIC = 0x31445343; // "CSD1"
    /** The JPEG picture sent last, again at a new time (no payload: the page keeps what it decoded). */
    static final int REPEAT_MAGIC = 0x31525343; // "CSR1"
    static final int HEADER = 32;
    /** A whole picture at least this often, so nothing the page holds can stay wrong for long. */
    static final long KEYFRAME_NANOS = 5_000_000_000L;
    /** Benchmarks only: {@code -Dcallsafe.screenDamage=false} sends every picture whole, for a comparison. */
    private static final boolean DAMAGE = !"false".equals(System.getProperty("callsafe.screenDamage"));
    /** Damage covering more than this share of the picture is sent as the whole picture. */
    private static final double MOST = 0.5;

    private final int capacity;
    private final Runnable onCancel;
    private final ArrayDeque<Message> queue = new ArrayDeque<>();
    private PictureDamage damage;
    /** The JPEG of the last picture offered, when it was one (a repeat of it travels without payload). */
    private byte[] lastJpeg;
    private long keyframeAt;
    private byte[] header;
    private byte[] payload;
    private int offset;
    private Runnable waiter;
    private boolean closed;
    private boolean cancelled;
    private boolean cut;
    private long dropped;
    private long delivered;

    FramedPipe(int capacity, Runnable onCancel) {
        this.capacity = capacity;
        this.onCancel = onCancel;
    }

    /** Queues one message; wakes the reader. */
    void offer(int magic, int a, int b, long sequence, long timeMillis, byte[] body) {
        byte[] h = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(magic).putInt(a).putInt(b).putInt(body.length).putInt((int) sequence).putInt(0)
                .putDouble(timeMillis).array();
        Runnable wake;
        synchronized (this) {
            if (closed || cancelled) {
                return;
            }
            if (queue.size() >= capacity) {
                queue.pollFirst();
                dropped++;
            }
            queue.addLast(new Message(h, body, null));
            wake = waiter;
            waiter = null;
        }
        if (wake != null) {
            wake.run();
        }
    }

    /**
     * Queues one picture of a shared surface as damage against what the page will hold once it has read what
     * is queued (see the class comment); wakes the reader. Called from one thread (the source's).
     */
    void offerPicture(VideoFrame frame) {
        java.util.Optional<byte[]> jpeg = frame.jpeg();
        if (jpeg.isPresent() && jpeg.get() == lastJpeg) {
            // The same picture again (a shared tab that keeps its rate while the screencast is slower)
            offer(REPEAT_MAGIC, frame.width(), frame.height(), frame.sequence(), frame.captureTimeMillis(), NOTHING);
            return;
        }
        lastJpeg = jpeg.orElse(null);
        if (jpeg.isPresent()) {
            // A JPEG (a tab's screencast picture) is whole and the page decodes it itself: damage queued
            // against the picture it replaces is moot, and the next decoded picture must go whole.
            damage = null;
            synchronized (this) {
                int before = queue.size();
                queue.removeIf(m -> m.rects() != null);
                dropped += before - queue.size();
            }
            offer(JPEG_MAGIC, frame.width(), frame.height(), frame.sequence(), frame.captureTimeMillis(), jpeg.get());
            return;
        }
        if (!DAMAGE) {
            offer(VIDEO_MAGIC, frame.width(), frame.height(), frame.sequence(), frame.captureTimeMillis(), frame.i420());
            return;
        }
        if (damage == null) {
            damage = new PictureDamage();
        }
        long now = System.nanoTime();
        int[] rects = damage.diff(frame); // the mirror now equals the frame
        Runnable wake;
        synchronized (this) {
            if (closed || cancelled) {
                return;
            }
            Message last = queue.peekLast();
            if (last != null && last.rects() != null) {
                // not yet read: the new message must start where that one started
                queue.pollLast();
                dropped++;
                rects = merge(last, rects);
            }
            int w = frame.width();
            int h = frame.height();
            boolean whole = rects == null || now - keyframeAt >= KEYFRAME_NANOS
                    || PictureDamage.area(rects) > MOST * w * h;
            byte[] body;
            if (whole) {
                keyframeAt = now;
                body = frame.i420();
                rects = WHOLE;
            } else {
                body = PictureDamage.payload(frame.i420(), w, h, rects);
            }
            byte[] head = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN)
                    .putInt(whole ? VIDEO_MAGIC : DAMAGE_MAGIC).putInt(w).putInt(h).putInt(body.length)
                    .putInt((int) frame.sequence()).putInt(0).putDouble(frame.captureTimeMillis()).array();
            queue.addLast(new Message(head, body, rects));
            wake = waiter;
            waiter = null;
        }
        if (wake != null) {
            wake.run();
        }
    }

    private static final byte[] NOTHING = new byte[0];

    /** Marks a queued whole picture among picture messages. */
    private static final int[] WHOLE = new int[0];

    /** The rectangles of a replaced picture message and the new ones; null (everything) if either was whole. */
    private static int[] merge(Message replaced, int[] rects) {
        if (replaced.rects() == WHOLE || rects == null) {
            return null;
        }
        int[] both = java.util.Arrays.copyOf(replaced.rects(), replaced.rects().length + rects.length);
        System.arraycopy(rects, 0, both, replaced.rects().length, rects.length);
        return both;
    }

    /** One queued message; {@code rects} only for pictures ({@link #WHOLE} for a whole one). */
    private record Message(byte[] header, byte[] body, int[] rects) {
    }

    /** Ends the stream after what is already queued has been read. */
    void close() {
        Runnable wake;
        synchronized (this) {
            closed = true;
            wake = waiter;
            waiter = null;
        }
        if (wake != null) {
            wake.run();
        }
    }

    /**
     * Ends the stream now, dropping what is queued: the page sees the end without first reading the frames
     * still on their way (Stop in the chrome must end the track within a blink, also under load).
     */
    void cut() {
        Runnable wake;
        synchronized (this) {
            if (cancelled || cut) {
                return;
            }
            cut = true;
            closed = true;
            queue.clear();
            header = null;
            payload = null;
            wake = waiter;
            waiter = null;
        }
        if (wake != null) {
            wake.run();
        }
    }

    @Override
    public int read(byte[] into, int max, Runnable whenReady) {
        synchronized (this) {
            if (cancelled) {
                return -1;
            }
            if (cut) {
                return CUT;
            }
            if (header == null) {
                Message next = queue.pollFirst();
                if (next == null) {
                    if (closed) {
                        return -1;
                    }
                    waiter = whenReady;
                    return 0;
                }
                header = next.header();
                payload = next.body();
                offset = 0;
            }
            int n = 0;
            if (offset < HEADER) {
                int k = Math.min(max, HEADER - offset);
                System.arraycopy(header, offset, into, 0, k);
                offset += k;
                n = k;
            }
            if (n < max && offset >= HEADER) {
                int p = offset - HEADER;
                int k = Math.min(max - n, payload.length - p);
                System.arraycopy(payload, p, into, n, k);
                offset += k;
                n += k;
            }
            if (offset == HEADER + payload.length) {
                header = null;
                payload = null;
                delivered++;
            }
            return n;
        }
    }

    @Override
    public void cancel() {
        synchronized (this) {
            if (cancelled) {
                return;
            }
            cancelled = true;
            queue.clear();
        }
        onCancel.run();
    }

    synchronized long dropped() {
        return dropped;
    }

    synchronized long delivered() {
        return delivered;
    }
}
