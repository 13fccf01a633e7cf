package dev.callsafe.browser.cef;

import java.awt.EventQueue;
import java.awt.Toolkit;
import java.awt.event.MouseEvent;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;

import org.cef.CefApp;

/**
 * Asks CEF for its work on the Swing thread (CEF's UI thread here: external message pump) with at most one
 * request waiting in the Swing queue, and behind the person's input. JCEF's own pump posts one request per
 * call of CEF's {@code OnScheduleMessagePumpWork}; a page flooding the bridge made that a queue of hundreds,
 * and a press on the chrome's Stop waited behind all of them (308 ms measured from the X server's press on a
 * loaded machine). A request finding a mouse press or release waiting goes back to the end of the queue, so
 * the chrome answers first; the page's messages are handled right after.
 */
final class EnginePump {
    // Presses only: keys typed into a page are the engine's own work to deliver, and a person typing without
    // pause would keep the engine waiting (DevTools answers timed out while a test typed into a page).
    private static final int[] INPUT = {MouseEvent.MOUSE_PRESSED, MouseEvent.MOUSE_RELEASED, MouseEvent.MOUSE_CLICKED};

    private final AtomicBoolean queued = new AtomicBoolean();
    private final LongConsumer engine;

    /** The pump for CEF: JCEF's {@code doMessageLoopWork} (it does nothing once CEF has terminated). */
    EnginePump() {
        this(delayMs -> CefApp.getInstance().doMessageLoopWork(delayMs));
    }

    /** A pump over {@code engine}, which does the work now (0) or arranges it after a delay in ms. */
    EnginePump(LongConsumer engine) {
        this.engine = engine;
    }

    /** Asks for the engine's work now ({@code delayMs <= 0}) or later (the engine's own timer); from any thread. */
    void schedule(long delayMs) {
        if (delayMs > 0) {
            engine.accept(delayMs);
        } else if (queued.compareAndSet(false, true)) {
            EventQueue.invokeLater(this::run);
        }
    }

    private void run() {
        queued.set(false); // work scheduled from now on needs a new request
        if (inputWaiting()) {
            schedule(0); // behind the person's input
            return;
        }
        engine.accept(0);
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
