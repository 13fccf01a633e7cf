package dev.callsafe.capture;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The capture thread of a source and its running flag: the loop runs while {@link #isRunning()}, and a stop
 * waits for it to finish releasing the device (except when asked from the capture thread itself).
 */
public final class CaptureThread {
    private final AtomicBoolean running = new AtomicBoolean();
    private Thread thread;

    /** Marks the source running and starts the loop on a daemon thread. */
    public void start(Runnable loop, String name) {
        running.set(true);
        thread = new Thread(loop, name);
        thread.setDaemon(true);
        thread.start();
    }

    public boolean isRunning() {
        return running.get();
    }

    /** Called by the loop as it exits: the source no longer runs. */
    public void stopped() {
        running.set(false);
    }

    /** Asks the loop to stop and waits up to 5 s for it; does nothing if it was not running. */
    public void stop() {
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
