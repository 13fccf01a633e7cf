package dev.callsafe.capture;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Running captures shared by their consumers: the first consumer of a device opens it, later ones join the
 * same capture, and the capture closes when the last one leaves. One capture feeding several tracks (and
 * the prompt's preview) costs one capture, and a device that cannot be opened twice is not asked to.
 *
 * @param <S> the kind of source (video or audio)
 */
public final class SharedSources<S extends CaptureSource> {
    /** Opens a device; called at most once per running capture. */
    @FunctionalInterface
    public interface Opener<S> {
        S open() throws IOException;
    }

    /** One consumer's hold on a running capture; closing it leaves, the last to leave closes the capture. */
    public final class Lease implements AutoCloseable {
        private final String key;
        private final Running running;
        private final Runnable detach;
        private boolean closed;

        private Lease(String key, Running running, Runnable detach) {
            this.key = key;
            this.running = running;
            this.detach = detach;
        }

        public S source() {
            return running.source;
        }

        /** The device key this lease holds. */
        public String key() {
            return key;
        }

        @Override
        public void close() {
            boolean last;
            synchronized (SharedSources.this) {
                if (closed) {
                    return;
                }
                closed = true;
                last = --running.consumers == 0;
                if (last && byKey.get(key) == running) {
                    byKey.remove(key);
                }
            }
            detach.run();
            if (last) {
                running.source.close();
            }
        }
    }

    private final class Running {
        final S source;
        int consumers;

        Running(S source) {
            this.source = source;
        }
    }

    private final Map<String, Running> byKey = new HashMap<>();
    private final AtomicLong opened = new AtomicLong();

    /**
     * Joins the running capture of {@code key}, or opens it. {@code attach} connects the consumer (adds its
     * sink) and returns how to disconnect it; it runs before the lease is handed out.
     */
    public Lease acquire(String key, Opener<S> opener, java.util.function.Function<S, Runnable> attach)
            throws IOException {
        Running r;
        synchronized (this) {
            r = byKey.get(key);
            if (r != null && !r.source.isRunning()) {
                byKey.remove(key);
                r = null;
            }
            if (r == null) {
                // Opening under the lock: two consumers racing for one device must not open it twice.
                r = new Running(opener.open());
                opened.incrementAndGet();
                Running mine = r;
                byKey.put(key, r);
                r.source.onEnded(() -> {
                    synchronized (SharedSources.this) {
                        byKey.remove(key, mine);
                    }
                });
            }
            r.consumers++;
        }
        Runnable detach;
        try {
            detach = attach.apply(r.source);
        } catch (RuntimeException e) {
            new Lease(key, r, () -> { }).close();
            throw e;
        }
        return new Lease(key, r, detach);
    }

    /** The running capture of a device, if any. */
    public synchronized Optional<S> running(String key) {
        Running r = byKey.get(key);
        return r == null || !r.source.isRunning() ? Optional.empty() : Optional.of(r.source);
    }

    /** Closes the capture of a device at once (device unplugged); its consumers see the source end. */
    public void closeDevice(String key) {
        Running r;
        synchronized (this) {
            r = byKey.remove(key);
        }
        if (r != null) {
            r.source.close();
        }
    }

    /** How many captures are running now. */
    public synchronized int runningCount() {
        return (int) byKey.values().stream().filter(r -> r.source.isRunning()).count();
    }

    /** How many consumers share the running capture of a device. */
    public synchronized int consumers(String key) {
        Running r = byKey.get(key);
        return r == null ? 0 : r.consumers;
    }

    /** How many captures were opened since start (a shared capture counts once). */
    public long openedCount() {
        return opened.get();
    }
}
