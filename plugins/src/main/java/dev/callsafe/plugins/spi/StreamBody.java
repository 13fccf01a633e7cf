package dev.callsafe.plugins.spi;

/** A response body produced as data becomes available; pulled by the browser's network thread. */
public interface StreamBody {
    /** The body's MIME type. */
    default String contentType() {
        return "application/octet-stream";
    }

    /**
     * Copies up to {@code max} bytes into {@code into} without blocking. Returns the count, {@code -1} at the
     * end of the stream, or {@code 0} when nothing is ready yet; then {@code whenReady} runs once data is.
     */
    int read(byte[] into, int max, Runnable whenReady);

    /** The reader went away (navigation, abort, tab closed). */
    void cancel();
}
