package dev.callsafe.capture;

/** What every running capture shares, video or audio: an end that can be observed, and a close. */
public interface CaptureSource extends AutoCloseable {
    /** Adds a callback run once when the source ends by itself (device lost, file error) or is closed. */
    void onEnded(Runnable callback);

    boolean isRunning();

    /** Stops capture and releases the device. Idempotent. */
    @Override
    void close();
}
