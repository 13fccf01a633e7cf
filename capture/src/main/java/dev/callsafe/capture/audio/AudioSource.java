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

    @Override
    void close();
}
