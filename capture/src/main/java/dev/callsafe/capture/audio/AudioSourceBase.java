package dev.callsafe.capture.audio;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.callsafe.capture.SourceSinks;

/** The thread, sinks and end handling shared by audio sources; subclasses only read one chunk at a time. */
abstract class AudioSourceBase implements AudioSource {
    private static final Logger LOG = Logger.getLogger(AudioSourceBase.class.getName());

    private final SourceSinks<AudioChunk> sinks = new SourceSinks<>();
    private final AtomicBoolean running = new AtomicBoolean();
    private Thread thread;

    /** Reads the next block of samples, blocking as a real device would; null at the end of input. */
    protected abstract float[] readChunk() throws Exception;

    /** Releases the device. */
    protected abstract void release();

    protected final void startThread(String name) {
        running.set(true);
        thread = new Thread(this::loop, name);
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        long sequence = 0;
        try {
            while (running.get()) {
                float[] samples = readChunk();
                if (samples == null) {
                    break;
                }
                long now = System.currentTimeMillis() - samples.length * 1000L / sampleRate();
                sinks.deliver(new AudioChunk(sampleRate(), sequence++, now, samples));
            }
        } catch (Exception | LinkageError e) {
            LOG.log(Level.WARNING, "audio capture failed", e);
        } finally {
            running.set(false);
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
    public boolean isRunning() {
        return running.get();
    }

    @Override
    public void close() {
        if (!running.getAndSet(false)) {
            return;
        }
        Thread t = thread;
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
