package dev.callsafe.capture.device;

import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Notices a change in something that can only be asked, not watched (Java Sound's capture lines): takes a
 * snapshot every period and reports when it differs from the last one.
 */
final class PollingWatcher implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(PollingWatcher.class.getName());

    private final ScheduledExecutorService timer;
    private Object last;

    PollingWatcher(String name, Supplier<?> snapshot, long periodMillis, Runnable onChange) {
        last = snapshot.get();
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(() -> {
            try {
                Object now = snapshot.get();
                if (!Objects.equals(now, last)) {
                    last = now;
                    onChange.run();
                }
            } catch (RuntimeException | LinkageError e) {
                LOG.log(Level.FINE, "polling " + name, e);
            }
        }, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
