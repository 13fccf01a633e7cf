package dev.callsafe.plugins.media;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.event.KeyEvent;

import javax.swing.JPanel;

import org.junit.jupiter.api.Test;

class KeyboardQuietTest {
    private static final long MS = 1_000_000L;
    private final JPanel source = new JPanel();

    private KeyEvent key(int id, int code) {
        return new KeyEvent(source, id, System.currentTimeMillis(), 0, code, KeyEvent.CHAR_UNDEFINED);
    }

    @Test
    void quietSomeTimeAfterTheLastKeyIsLetGo() {
        KeyboardQuiet quiet = new KeyboardQuiet(true);
        long t = System.nanoTime();
        quiet.seen(key(KeyEvent.KEY_PRESSED, KeyEvent.VK_A));
        quiet.seen(key(KeyEvent.KEY_RELEASED, KeyEvent.VK_A));
        assertFalse(quiet.isQuietAt(t + 100 * MS), "just typed");
        assertTrue(quiet.isQuietAt(System.nanoTime() + (KeyboardQuiet.QUIET_MS + 10) * MS));
    }

    @Test
    void aKeyHeldDownKeepsItBusyButAReleaseNeverSeenDoesNotForever() {
        KeyboardQuiet quiet = new KeyboardQuiet(true);
        quiet.seen(key(KeyEvent.KEY_PRESSED, KeyEvent.VK_ESCAPE)); // e.g. a dialog closed on the press
        long t = System.nanoTime();
        assertFalse(quiet.isQuietAt(t + (KeyboardQuiet.QUIET_MS + 100) * MS), "held past the quiet time");
        assertTrue(quiet.isQuietAt(t + (KeyboardQuiet.HELD_MAX_MS + 100) * MS), "a lost release expires");
    }
}
