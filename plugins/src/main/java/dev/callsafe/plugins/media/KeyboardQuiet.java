package dev.callsafe.plugins.media;

import java.awt.AWTEvent;
import java.awt.Toolkit;
import java.awt.event.KeyEvent;
import java.util.HashMap;
import java.util.Map;
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

    /**
     * A key counts as held this long after its last press at most: a held key repeats its press, and a release
     * the application never sees (the key let go in another window, a dialog that closed on the press) must
     * not keep the keyboard "busy" for good, or no prompt would ever take the keyboard again.
     */
    static final int HELD_MAX_MS = 2000;

    private final Map<Integer, Long> held = new HashMap<>();
    private long lastKeyNanos;

    private KeyboardQuiet() {
        Toolkit.getDefaultToolkit().addAWTEventListener(e -> seen((KeyEvent) e), AWTEvent.KEY_EVENT_MASK);
    }

    /** A watcher fed by hand (tests). */
    KeyboardQuiet(boolean unused) {
    }

    /** The one watcher of this application. Swing thread. */
    static KeyboardQuiet get() {
        if (instance == null) {
            instance = new KeyboardQuiet();
        }
        return instance;
    }

    void seen(KeyEvent e) {
        lastKeyNanos = System.nanoTime();
        if (e.getID() == KeyEvent.KEY_PRESSED) {
            held.put(e.getKeyCode(), lastKeyNanos);
        } else if (e.getID() == KeyEvent.KEY_RELEASED) {
            held.remove(e.getKeyCode());
        }
    }

    boolean isQuiet() {
        return isQuietAt(System.nanoTime());
    }

    /** Whether the keyboard is quiet at {@code now} ({@link System#nanoTime()}). */
    boolean isQuietAt(long now) {
        held.values().removeIf(pressed -> now - pressed > HELD_MAX_MS * 1_000_000L);
        return held.isEmpty() && now - lastKeyNanos >= QUIET_MS * 1_000_000L;
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
