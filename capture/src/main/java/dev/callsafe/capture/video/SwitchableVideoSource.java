package dev.callsafe.capture.video;

import java.util.function.Consumer;

/**
 * A video source whose producer can be replaced while its consumers stay (a shared tab the person switches
 * to another tab): frames of the current producer are passed on; a replaced producer is closed and its end
 * is not this source's end; the current producer's end is.
 */
public final class SwitchableVideoSource extends VideoSourceBase {
    private final Consumer<VideoFrame> forward = sinks::deliver;
    private VideoSource current;
    private volatile boolean running = true;

    public SwitchableVideoSource(VideoSource first) {
        current = first;
        attach(first);
    }

    private void attach(VideoSource s) {
        s.addSink(forward);
        s.onEnded(() -> {
            if (isCurrent(s)) {
                close();
            }
        });
    }

    private synchronized boolean isCurrent(VideoSource s) {
        return s == current;
    }

    /** Makes {@code next} the producer and closes the previous one; closes {@code next} when this has ended. */
    public void switchTo(VideoSource next) {
        VideoSource old;
        synchronized (this) {
            if (!running) {
                next.close();
                return;
            }
            old = current;
            current = next;
        }
        attach(next);
        old.removeSink(forward);
        old.close();
    }

    @Override
    public synchronized VideoFormat format() {
        return current.format();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public void close() {
        VideoSource s;
        synchronized (this) {
            if (!running) {
                return;
            }
            running = false;
            s = current;
        }
        s.close();
        sinks.end();
    }
}
