package dev.callsafe.plugins.media;

import java.awt.AWTEvent;
import java.awt.Toolkit;
import java.awt.event.KeyEvent;
import java.util.HashSet;
import java.util.Set;
import java.util.function.BooleanSupplier;

import javax.swing.Timer;

/**
 * When the person's keyboard is quiet: no key held down and none pressed for {@link #QUIET_MS}. A prompt takes
 * the keyboard focus only then, so a keystroke in flight, or the rest of a word being typed into the page,
 * still reaches the page and not the prompt. Watches every key event of the application (the page's canvas
 * included) on the Swing thread.
 */
final class KeyboardQuiet {
    /** How long after the last key event the keyboard counts as quiet. */
    static final int QUIET_MS = 600;

    private static KeyboardQuiet instance;

    private final Set<Integer> held = new HashSet<>();
    private long lastKeyNanos;

    private KeyboardQuiet() {
        Toolkit.getDefaultToolkit().addAWTEventListener(e -> seen((KeyEvent) e), AWTEvent.KEY_EVENT_MASK);
    }

    /** The one watcher of this application. Swing thread. */
    static KeyboardQuiet get() {
        if (instance == null) {
            instance = new KeyboardQuiet();
        }
        return instance;
    }

    private void seen(KeyEvent e) {
        lastKeyNanos = System.nanoTime();
        if (e.getID() == KeyEvent.KEY_PRESSED) {
            held.add(e.getKeyCode());
        } else if (e.getID() == KeyEvent.KEY_RELEASED) {
            held.remove(e.getKeyCode());
        }
    }

    boolean isQuiet() {
        return held.isEmpty() && System.nanoTime() - lastKeyNanos >= QUIET_MS * 1_000_000L;
    }

    /**
     * Runs {@code action} on the Swing thread once the keyboard is quiet, as long as {@code stillWanted} holds;
     * gives up when it stops holding (the prompt was answered or hidden).
     */
    void whenQuiet(BooleanSupplier stillWanted, Runnable action) {
        Timer poll = new Timer(50, null);
        poll.addActionListener(e -> {
            if (!stillWanted.getAsBoolean()) {
                poll.stop();
            } else if (isQuiet()) {
                poll.stop();
                action.run();
            }
        });
        poll.setInitialDelay(0);
        poll.start();
    }
}
