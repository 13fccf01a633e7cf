package dev.callsafe.browser;

import java.awt.event.ActionListener;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.awt.event.MouseListener;

import javax.swing.AbstractButton;

/**
 * The browser's own part of a click on a chrome button: from the moment the X server stamped the person's
 * press and release (the events' {@code when}, the X server's time on Java's clock) to the button's action.
 * The test's own way to the X server (its waits on the Swing thread to find the button, the Robot's XTest
 * calls) is not in it: a person's mouse reaches the X server without either, and on a loaded machine they
 * took seconds while the browser answered in tens of milliseconds (docs/RELIABILITY.md).
 */
public final class ClickTiming {
    private final AbstractButton button;
    private volatile long pressedAt;
    private volatile long pressHandledAt;
    private volatile long releasedAt;
    private volatile long actedAt;
    private final MouseListener mouse = new MouseAdapter() {
        @Override
        public void mousePressed(MouseEvent e) {
            if (pressedAt == 0) {
                pressedAt = e.getWhen();
                pressHandledAt = System.currentTimeMillis();
            }
        }

        @Override
        public void mouseReleased(MouseEvent e) {
            if (releasedAt == 0) {
                releasedAt = e.getWhen();
            }
        }
    };
    // Added last, so Swing calls it first: the time the action starts, before the browser's own handler.
    private final ActionListener action = e -> {
        if (actedAt == 0) {
            actedAt = System.currentTimeMillis();
        }
    };

    private ClickTiming(AbstractButton button) {
        this.button = button;
    }

    /** Starts timing the next click on a button. */
    public static ClickTiming on(AbstractButton button) {
        ClickTiming t = new ClickTiming(button);
        BrowserFixture.onEdt(() -> {
            button.addMouseListener(t.mouse);
            button.addActionListener(t.action);
        });
        return t;
    }

    /** True once the button acted. */
    public boolean acted() {
        return actedAt != 0;
    }

    /** When the X server stamped the release (ms, Java's clock): the click is complete from then on. */
    public long releasedAt() {
        return releasedAt;
    }

    /** From the X server's press to the Swing thread handling it (ms): how long input waited in the browser. */
    public long pressToHandled() {
        return pressHandledAt - pressedAt;
    }

    /** From the X server's release to the button's action (ms). */
    public long releaseToAction() {
        return actedAt - releasedAt;
    }

    /** Stops listening (the button may live on, as the indicator's Stop does). */
    public void detach() {
        BrowserFixture.onEdt(() -> {
            button.removeMouseListener(mouse);
            button.removeActionListener(action);
        });
    }

    @Override
    public String toString() {
        return "press to handled " + pressToHandled() + " ms, release to action " + releaseToAction() + " ms";
    }
}
