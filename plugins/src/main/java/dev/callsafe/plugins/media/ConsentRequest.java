package dev.callsafe.plugins.media;

import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;

import dev.callsafe.plugins.spi.FrameRef;

/**
 * One page call waiting for the person (a getUserMedia prompt or a share picker), from the moment it is
 * queued until it finishes, exactly once: granted, refused (an answer, a limit, a stored block) or withdrawn
 * (its document went away). A second finish does nothing, so no page is answered twice and none is left
 * waiting by a path that forgot it. Safe from any thread.
 */
abstract class ConsentRequest {
    private static final Logger LOG = Logger.getLogger(ConsentRequest.class.getName());

    /** Where a request is in its life; every state but {@code WAITING} is final. */
    enum State { WAITING, GRANTED, REFUSED, WITHDRAWN }

    private final FrameRef frame;
    private final AtomicReference<State> state = new AtomicReference<>(State.WAITING);

    ConsentRequest(FrameRef frame) {
        this.frame = frame;
    }

    /** The requesting document, as the browser reported it. */
    final FrameRef frame() {
        return frame;
    }

    final State state() {
        return state.get();
    }

    final boolean isWaiting() {
        return state.get() == State.WAITING;
    }

    /** The person allowed it; false (and nothing happens) when it had finished already. */
    final boolean grant() {
        return finish(State.GRANTED) && run(this::onGranted);
    }

    /** Refuses it with the error the page receives; false when it had finished already. */
    final boolean refuse(MediaError error) {
        return finish(State.REFUSED) && run(() -> onRefused(error));
    }

    /**
     * Its document went away (frame removed or navigated, tab closed) before the person answered: the page
     * gets an {@code AbortError}, not the {@code NotAllowedError} of a person's refusal (nobody refused).
     * False when it had finished already.
     */
    final boolean withdraw(String why) {
        return finish(State.WITHDRAWN)
                && run(() -> onRefused(new MediaError("AbortError", "The request was withdrawn: " + why)));
    }

    private boolean finish(State to) {
        boolean first = state.compareAndSet(State.WAITING, to);
        if (!first) {
            LOG.fine(() -> "request of " + frame.origin() + " already " + state.get() + ", not " + to);
        }
        return first;
    }

    private static boolean run(Runnable r) {
        r.run();
        return true;
    }

    /** Carries the grant out (opens the devices, starts the share); runs once. */
    protected abstract void onGranted();

    /** Tells the page; runs once. */
    protected abstract void onRefused(MediaError error);
}
