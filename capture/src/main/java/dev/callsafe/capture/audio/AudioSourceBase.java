package dev.callsafe.capture.audio;

import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.callsafe.capture.CaptureThread;
import dev.callsafe.capture.SourceSinks;

/** The thread, sinks and end handling shared by audio sources; subclasses only read one chunk at a time. */
abstract class AudioSourceBase implements AudioSource {
    private static final Logger LOG = Logger.getLogger(AudioSourceBase.class.getName());

    private final SourceSinks<AudioChunk> sinks = new SourceSinks<>();
    private final CaptureThread capture = new CaptureThread();

    /** Reads the next block of samples, blocking as a real device would; null at the end of input. */
    protected abstract float[] readChunk() throws Exception;

    /** Releases the device. */
    protected abstract void release();

    protected final void startThread(String name) {
        capture.start(this::loop, name);
    }

    private void loop() {
        long sequence = 0;
        try {
            while (capture.isRunning()) {
                float[] samples = readChunk();
                if (samples == null) {
                    if (capture.isRunning()) {
                        sinks.failed("its input ended");
                    }
                    break;
                }
                long now = System.currentTimeMillis() - samples.length * 1000L / sampleRate();
                sinks.deliver(new AudioChunk(sampleRate(), sequence++, now, samples));
            }
        } catch (Exception | LinkageError e) {
            LOG.log(Level.WARNING, "audio capture failed", e);
            if (capture.isRunning()) {
                sinks.failed("reading it failed (" + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")");
            }
        } finally {
            capture.stopped();
            release();
            sinks.end();
        }
    }

    @Override
    public void addSink(Consumer<AudioChunk> sink) {
        sinks.add(sink);
    }

    @Override
    public void removeSink(Consumer<AudioChunk> sink) {
        sinks.remove(sink);
    }

    @Override
    public void onEnded(Runnable callback) {
        sinks.onEnded(callback);
    }

    @Override
    public final java.util.Optional<String> failure() {
        return sinks.failure();
    }

    @Override
    public boolean isRunning() {
        return capture.isRunning();
    }

    @Override
    public void close() {
        capture.stop();
    }
}
