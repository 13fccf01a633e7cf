package dev.callsafe.capture.audio;

import java.util.function.Consumer;

import dev.callsafe.capture.CaptureSource;

/** A running producer of microphone samples (a real input line or a synthetic tone). */
public interface AudioSource extends CaptureSource {
    int sampleRate();

    void addSink(Consumer<AudioChunk> sink);

    void removeSink(Consumer<AudioChunk> sink);

    /** Adds a callback run once when the source ends (device lost) or is closed. */
    void onEnded(Runnable callback);

    boolean isRunning();

    /** Why the source ended by itself (an input error, the device gone), if it did. */
    default java.util.Optional<String> failure() {
        return java.util.Optional.empty();
    }

    @Override
    void close();
}
