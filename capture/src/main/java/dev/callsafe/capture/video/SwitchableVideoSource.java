package dev.callsafe.capture.video;

import java.io.IOException;
import java.util.function.Consumer;

import dev.callsafe.capture.SharedSources;

/**
 * A video source whose producer can be replaced while its consumers stay (a shared tab the person switches
 * to another tab; a camera reopened at another format): frames of the current producer are passed on; a
 * replaced producer is closed and its end is not this source's end; the current producer's end is.
 */
public final class SwitchableVideoSource extends VideoSourceBase {
    private final Consumer<VideoFrame> forward = sinks::deliver;
    /** The producer; null while one is being reopened, or after a reopen failed. */
    private VideoSource current;
    /** The last producer's format, reported while there is none. */
    private VideoFormat lastFormat;
    private volatile boolean running = true;

    public SwitchableVideoSource(VideoSource first) {
        current = first;
        lastFormat = first.format();
        attach(first);
    }

    private void attach(VideoSource s) {
        s.addSink(forward);
        s.onEnded(() -> {
            if (isCurrent(s)) {
                s.failure().ifPresent(sinks::failed);
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
            lastFormat = next.format();
        }
        attach(next);
        if (old != null) {
            old.removeSink(forward);
            old.close();
        }
    }

    /**
     * Closes the producer first, then makes the one {@code opener} opens the producer: for a device that cannot
     * be opened twice (a camera reopened at another format). Consumers see a gap, not an end. When opening
     * fails this source keeps running without a producer (no frames) and the exception is thrown: the caller
     * reopens again or closes it.
     */
    public void reopen(SharedSources.Opener<VideoSource> opener) throws IOException {
        VideoSource old;
        synchronized (this) {
            if (!running) {
                throw new IOException("the capture has ended");
            }
            old = current;
            current = null; // from here its end is not this source's end
        }
        if (old != null) {
            old.removeSink(forward);
            old.close();
        }
        VideoSource next = opener.open();
        boolean taken;
        synchronized (this) {
            taken = running && current == null;
            if (taken) {
                current = next;
                lastFormat = next.format();
            }
        }
        if (!taken) {
            next.close(); // this source was closed (or switched) while the device opened
            return;
        }
        attach(next);
    }

    @Override
    public synchronized VideoFormat format() {
        return current != null ? current.format() : lastFormat;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Ends this source by failing (a producer that could not be reopened): consumers hear why. */
    public void fail(String why) {
        sinks.failed(why);
        close();
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
            current = null;
        }
        if (s != null) {
            s.close();
        }
        sinks.end();
    }
}
