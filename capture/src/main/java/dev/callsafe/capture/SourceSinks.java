package dev.callsafe.capture;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The consumers of one running source and its end: shared by video and audio sources so that delivery
 * and "ended exactly once" behave the same everywhere.
 *
 * @param <T> what the source produces (frames or sample chunks)
 */
public final class SourceSinks<T> {
    private final List<Consumer<T>> sinks = new CopyOnWriteArrayList<>();
    private final List<Runnable> endedCallbacks = new CopyOnWriteArrayList<>();
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile String failure;

    public void add(Consumer<T> sink) {
        sinks.add(sink);
    }

    public void remove(Consumer<T> sink) {
        sinks.remove(sink);
    }

    /** Hands one item to every consumer, on the calling (capture) thread. */
    public void deliver(T item) {
        for (Consumer<T> sink : sinks) {
            sink.accept(item);
        }
    }

    /** Adds a callback run once when the source ends; at once if it already has. */
    public void onEnded(Runnable callback) {
        endedCallbacks.add(callback);
        if (ended.get()) {
            callback.run();
        }
    }

    /** Records why the source is failing, before it ends (the first reason stays). */
    public void failed(String reason) {
        if (failure == null) {
            failure = reason;
        }
    }

    /** Why the source failed, if it ended by failing rather than being closed. */
    public java.util.Optional<String> failure() {
        return java.util.Optional.ofNullable(failure);
    }

    /** Marks the source ended and runs the callbacks, only the first time. */
    public void end() {
        if (ended.compareAndSet(false, true)) {
            endedCallbacks.forEach(Runnable::run);
        }
    }
}
