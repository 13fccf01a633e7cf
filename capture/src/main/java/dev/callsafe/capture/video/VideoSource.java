package dev.callsafe.capture.video;

import java.util.function.Consumer;

import dev.callsafe.capture.CaptureSource;

/** A running producer of video frames: a camera, a synthetic pattern, later a file or a screen. */
public interface VideoSource extends CaptureSource {
    /** What this source actually delivers (the truth for {@code getSettings()}). */
    VideoFormat format();

    /** Adds a consumer; frames are delivered on the source's capture thread and must not be kept waiting. */
    void addSink(Consumer<VideoFrame> sink);

    void removeSink(Consumer<VideoFrame> sink);

    /** Adds a callback run once when the source ends by itself (device lost, file error) or is closed. */
    void onEnded(Runnable callback);

    boolean isRunning();

    /** Why the source ended by itself (an input error, the device gone), if it did. */
    default java.util.Optional<String> failure() {
        return java.util.Optional.empty();
    }

    /** Stops capture and releases the device. Idempotent. */
    @Override
    void close();
}
