package dev.callsafe.capture.video;

import java.util.Optional;

/**
 * One captured picture: I420 (Y plane, then U, then V, no padding), or a JPEG as the source delivered it
 * (a webcam in MJPEG mode, an MJPEG file), decoded to I420 only when a consumer asks for the pixels. A JPEG
 * frame can then travel to the page compressed, while the prompt's preview or a track that must be scaled
 * still gets pixels.
 */
public final class VideoFrame {
    private final int width;
    private final int height;
    private final long sequence;
    private final long captureTimeMillis;
    private final byte[] jpeg;
    private final JpegDecoder decoder;
    private byte[] i420;
    private final int[] changedRows;

    /**
     * An I420 frame.
     *
     * @param sequence the source's frame counter, starting at 0
     * @param captureTimeMillis wall-clock time at capture, comparable with the page's {@code Date.now()}
     */
    public VideoFrame(int width, int height, long sequence, long captureTimeMillis, byte[] i420) {
        this(width, height, sequence, captureTimeMillis, i420, (int[]) null);
    }

    /**
     * An I420 frame that differs from its source's frame {@code sequence - 1} only in {@code changedRows}: pairs of
     * row numbers, from (inclusive) to (exclusive), ascending; none when nothing changed. A consumer that holds
     * that previous frame need compare only those rows; one that does not must ignore this.
     */
    public VideoFrame(int width, int height, long sequence, long captureTimeMillis, byte[] i420, int[] changedRows) {
        if (i420.length != width * height * 3 / 2) {
            throw new IllegalArgumentException("I420 buffer of " + i420.length + " bytes for " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        this.sequence = sequence;
        this.captureTimeMillis = captureTimeMillis;
        this.i420 = i420;
        this.jpeg = null;
        this.decoder = null;
        this.changedRows = changedRows == null ? null : changedRows.clone();
    }

    private VideoFrame(int width, int height, long sequence, long captureTimeMillis, byte[] jpeg,
                       JpegDecoder decoder) {
        this.width = width;
        this.height = height;
        this.sequence = sequence;
        this.captureTimeMillis = captureTimeMillis;
        this.jpeg = jpeg;
        this.decoder = decoder;
        this.changedRows = null;
    }

    /**
     * A frame that is a JPEG of exactly {@code width x height} ({@link JpegPacket#clean cleaned}); {@code decoder}
     * turns it into I420 if someone asks for the pixels.
     */
    public static VideoFrame ofJpeg(int width, int height, long sequence, long captureTimeMillis, byte[] jpeg,
                                    JpegDecoder decoder) {
        return new VideoFrame(width, height, sequence, captureTimeMillis, jpeg, decoder);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public long sequence() {
        return sequence;
    }

    public long captureTimeMillis() {
        return captureTimeMillis;
    }

    /**
     * The rows in which this frame differs from its source's previous frame (see the constructor), when the
     * source knows them.
     */
    public Optional<int[]> changedRowsSincePrevious() {
        return Optional.ofNullable(changedRows).map(int[]::clone);
    }

    /** The compressed picture, when the source delivered one. */
    public Optional<byte[]> jpeg() {
        return Optional.ofNullable(jpeg);
    }

    /** The pixels in I420; a JPEG frame is decoded on the first call (on the caller's thread), once. */
    public synchronized byte[] i420() {
        if (i420 == null) {
            i420 = decoder.toI420(jpeg, width, height);
        }
        return i420;
    }

    @Override
    public String toString() {
        return "VideoFrame[" + width + "x" + height + " #" + sequence + (jpeg != null ? " jpeg " + jpeg.length : "") + "]";
    }
}
