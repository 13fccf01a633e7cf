package dev.callsafe.plugins.spi;

/** A response body produced as data becomes available; pulled by the browser's network thread. */
public interface StreamBody {
    /**
     * What {@link #read} returns when the stream was cut short: the reader gets a network error at once
     * instead of first draining the data already in flight (an end the person asked for must show at once).
     */
    int CUT = -2;

    /** The body's MIME type. */
    default String contentType() {
        return "application/octet-stream";
    }

    /**
     * Copies up to {@code max} bytes into {@code into} without blocking. Returns the count, {@code -1} at the
     * end of the stream, {@link #CUT} when it was cut short, or {@code 0} when nothing is ready yet; then
     * {@code whenReady} runs once data is.
     */
    int read(byte[] into, int max, Runnable whenReady);

    /** The reader went away (navigation, abort, tab closed). */
    void cancel();
}
