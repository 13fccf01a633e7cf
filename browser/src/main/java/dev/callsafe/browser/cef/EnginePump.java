package dev.callsafe.browser.cef;

import java.awt.EventQueue;
import java.awt.Toolkit;
import java.awt.event.MouseEvent;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.swing.Timer;

/**
 * Asks CEF for its work on the Swing thread (CEF's UI thread here: external message pump) with at most one
 * request waiting in the Swing queue, and behind the person's input. JCEF's own pump posts one request per
 * call of CEF's {@code OnScheduleMessagePumpWork}; a page flooding the bridge made that a queue of hundreds,
 * and a press on the chrome's Stop waited behind all of them (308 ms measured from the X server's press on a
 * loaded machine). A request finding a mouse press or release waiting goes back to the end of the queue, so
 * the chrome answers first; the page's messages are handled right after.
 *
 * <p>Work asked for later is kept here, on one timer that only ever moves earlier. JCEF's own
 * {@code doMessageLoopWork(delay)} stops and restarts a single timer on every call, so a stream of delayed
 * requests (a page flooding the bridge) kept pushing it back and the work waited for the fallback pump.
 * An iteration that used CEF's whole slice asks for the next one at once.
 */
final class EnginePump {
    // Presses only: keys typed into a page are the engine's own work to deliver, and a person typing without
    // pause would keep the engine waiting (DevTools answers timed out while a test typed into a page).
    private static final int[] INPUT = {MouseEvent.MOUSE_PRESSED, MouseEvent.MOUSE_RELEASED, MouseEvent.MOUSE_CLICKED};

    // CEF's external pump runs at most a 10 ms slice per iteration (MessagePumpExternal's max_time_slice)
    private static final long SLICE_USED_NANOS = 9_000_000L;

    private final AtomicBoolean queued = new AtomicBoolean();
    private final Runnable engine;
    private Timer later; // Swing thread only
    private long laterDueNanos; // Swing thread only; 0: none

    /** The pump for CEF: one iteration of CEF's message loop, right here on the Swing thread ({@link EngineWork}). */
    EnginePump() {
        this(EngineWork.create());
    }

    /** A pump over {@code engine}, which does the engine's work now. */
    EnginePump(Runnable engine) {
        this.engine = engine;
    }

    /** Asks for the engine's work now ({@code delayMs <= 0}) or after {@code delayMs}; from any thread. */
    void schedule(long delayMs) {
        if (delayMs <= 0) {
            request();
            return;
        }
        long due = System.nanoTime() + delayMs * 1_000_000L;
        EventQueue.invokeLater(() -> workAt(due));
    }

    private void workAt(long due) {
        if (laterDueNanos != 0 && laterDueNanos - due <= 0) {
            return; // an earlier (or the same) time is already set
        }
        laterDueNanos = due;
        int ms = (int) Math.max(1, (due - System.nanoTime()) / 1_000_000L);
        if (later == null) {
            later = new Timer(ms, e -> {
                laterDueNanos = 0;
                request();
            });
            later.setRepeats(false);
        }
        later.setInitialDelay(ms);
        later.restart();
    }

    private void request() {
        if (queued.compareAndSet(false, true)) {
            EventQueue.invokeLater(this::run);
        }
    }

    private void run() {
        queued.set(false); // work scheduled from now on needs a new request
        if (inputWaiting()) {
            request(); // behind the person's input
            return;
        }
        long start = System.nanoTime();
        engine.run();
        if (System.nanoTime() - start >= SLICE_USED_NANOS) {
            // CEF ends an iteration after a 10 ms slice with work still waiting and does not ask again for it
            // (it asks only when work arrives): without this the rest waited for the fallback tick
            request();
        }
    }

    private static boolean inputWaiting() {
        EventQueue queue = Toolkit.getDefaultToolkit().getSystemEventQueue();
        for (int id : INPUT) {
            if (queue.peekEvent(id) != null) {
                return true;
            }
        }
        return false;
    }
}
