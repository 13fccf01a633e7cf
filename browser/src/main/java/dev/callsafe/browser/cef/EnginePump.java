package dev.callsafe.browser.cef;

import java.awt.EventQueue;
import java.awt.Toolkit;
import java.awt.event.KeyEvent;
import java.awt.event.MouseEvent;
import java.util.concurrent.atomic.AtomicBoolean;

import org.cef.CefApp;

/**
 * Asks CEF for its work on the Swing thread (CEF's UI thread here: external message pump) with at most one
 * request waiting in the Swing queue, and behind the person's input. JCEF's own pump posts one request per
 * call of CEF's {@code OnScheduleMessagePumpWork}; a page flooding the bridge made that a queue of hundreds,
 * and a press on the chrome's Stop waited behind all of them (308 ms measured from the X server's press on a
 * loaded machine). A request finding a press, release or key waiting goes back to the end of the queue, so
 * the chrome answers first; the page's messages are handled right after.
 */
final class EnginePump {
    private static final int[] INPUT = {MouseEvent.MOUSE_PRESSED, MouseEvent.MOUSE_RELEASED, MouseEvent.MOUSE_CLICKED,
            KeyEvent.KEY_PRESSED, KeyEvent.KEY_RELEASED, KeyEvent.KEY_TYPED};

    private final AtomicBoolean queued = new AtomicBoolean();

    /** Asks for CEF's work now ({@code delayMs <= 0}) or later (JCEF's timer, as before); from any thread. */
    void schedule(long delayMs) {
        if (delayMs > 0) {
            CefApp.getInstance().doMessageLoopWork(delayMs);
        } else if (queued.compareAndSet(false, true)) {
            EventQueue.invokeLater(this::run);
        }
    }

    private void run() {
        queued.set(false); // CEF work scheduled from now on needs a new request
        if (inputWaiting()) {
            schedule(0); // behind the person's input
            return;
        }
        CefApp.getInstance().doMessageLoopWork(0); // JCEF's pump; it does nothing once CEF has terminated
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
