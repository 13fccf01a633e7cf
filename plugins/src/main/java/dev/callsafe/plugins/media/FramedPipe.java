package dev.callsafe.plugins.media;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;

import dev.callsafe.plugins.spi.StreamBody;

/**
 * Carries media to one page track as a stream of framed messages: a 32-byte little-endian header
 * (magic, a, b, payload length, sequence, reserved, capture time in ms as a double) then the payload.
 * The magic says what the payload is: I420 video (a, b: width, height), a JPEG of a video frame (a, b: its
 * width and height; the page decodes it), or float32 audio (a: sample rate, b: channels).
 * It keeps at most {@code capacity} messages; when the page falls behind the oldest are dropped, so
 * latency cannot grow without bound.
 */
final class FramedPipe implements StreamBody {
    static final int VIDEO_MAGIC = 0x31565343; // "CSV1"
    static final int AUDIO_MAGIC = 0x31415343; // "CSA1"
    static final int JPEG_MAGIC = 0x314A5343; // "CSJ1"
    static final int HEADER = 32;

    private final int capacity;
    private final Runnable onCancel;
    private final ArrayDeque<byte[][]> queue = new ArrayDeque<>();
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
            queue.addLast(new byte[][] {h, body});
            wake = waiter;
            waiter = null;
        }
        if (wake != null) {
            wake.run();
        }
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
                byte[][] next = queue.pollFirst();
                if (next == null) {
                    if (closed) {
                        return -1;
                    }
                    waiter = whenReady;
                    return 0;
                }
                header = next[0];
                payload = next[1];
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
