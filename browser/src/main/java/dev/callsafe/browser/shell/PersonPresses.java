package dev.callsafe.browser.shell;

import java.awt.Component;
import java.awt.event.KeyAdapter;
import java.awt.event.KeyEvent;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A person's presses in one tab's page (mouse buttons and keys, as AWT receives them from the X server), so
 * that each press is spent at most once by whatever consumes user activation (a new tab, a share picker).
 * Chromium's own consumption is asked for as well, but it cannot always be done (it borrows an API a
 * cross-origin iframe may lack), and HTML's "consume user activation" clears the whole tab's activation:
 * counted here, one press gives one, whichever frame asks. Escape and modifier keys alone do not activate.
 */
final class PersonPresses {
    private final AtomicLong presses = new AtomicLong();
    private long spent; // guarded by this

    /** Counts the presses the page component receives. Call on the Swing thread once. */
    void watch(Component page) {
        page.addMouseListener(new MouseAdapter() {
            @Override
            public void mousePressed(MouseEvent e) {
                presses.incrementAndGet();
            }
        });
        page.addKeyListener(new KeyAdapter() {
            @Override
            public void keyPressed(KeyEvent e) {
                if (activates(e.getKeyCode())) {
                    presses.incrementAndGet();
                }
            }
        });
    }

    static boolean activates(int keyCode) {
        return switch (keyCode) {
            case KeyEvent.VK_ESCAPE, KeyEvent.VK_SHIFT, KeyEvent.VK_CONTROL, KeyEvent.VK_ALT, KeyEvent.VK_ALT_GRAPH,
                 KeyEvent.VK_META, KeyEvent.VK_WINDOWS, KeyEvent.VK_CAPS_LOCK, KeyEvent.VK_UNDEFINED -> false;
            default -> true;
        };
    }

    /** Spends the latest press: true once per press, false when it was spent already or there was none. */
    synchronized boolean spend() {
        long now = presses.get();
        if (now == spent) {
            return false;
        }
        spent = now;
        return true;
    }
}
