package dev.callsafe.browser.cef;

import java.awt.Component;
import java.awt.event.KeyEvent;
import java.awt.event.KeyListener;
import java.awt.event.MouseWheelEvent;
import java.awt.event.MouseWheelListener;
import java.util.logging.Logger;

import org.cef.browser.CefBrowser;

import com.google.gson.JsonObject;

/**
 * Corrects what JCEF 146's off-screen input translation gets wrong on Linux, by wrapping the
 * listeners JCEF put on the page component (nothing else changes: every event still comes from AWT, that
 * is from the X server).
 * <ul>
 * <li>Focus: a click in the page gives it the keyboard; Tab moves within the page.</li>
 * <li>The wheel: JCEF hands Chromium AWT's "units to scroll" (3 per notch, positive downwards) as the
 * wheel delta, which Chromium reads as 3 pixels <em>upwards</em>, so the page never scrolls down. Each
 * notch becomes {@link #PIXELS_PER_NOTCH} pixels in Chromium's direction.</li>
 * <li>Typed characters: JCEF narrows the typed character to 8 bits, so anything outside ASCII (é, €, ñ,
 * anything an input method or a non-US layout gives) is lost. Such a character is committed through
 * DevTools {@code Input.dispatchKeyEvent} as a {@code char} event, the same event Chromium makes of a
 * typed key; the key's own down/up events still go through JCEF.</li>
 * <li>Control characters: Ctrl+letter also types a control character, which JCEF delivers as a Delete key;
 * it is dropped (the key-down carries the shortcut).</li>
 * </ul>
 */
public final class OffscreenInput {
    /** Chromium's own scroll distance for one wheel notch on Linux. */
    static final int PIXELS_PER_NOTCH = 53;
    private static final Logger LOG = Logger.getLogger(OffscreenInput.class.getName());

    private OffscreenInput() {
    }

    /** Wraps JCEF's listeners on the browser's page component. Call on the Swing thread once per browser. */
    public static void install(CefBrowser browser) {
        Component page = browser.getUIComponent();
        MouseWheelListener[] wheels = page.getMouseWheelListeners();
        KeyListener[] keys = page.getKeyListeners();
        if (wheels.length == 0 || keys.length == 0) {
            LOG.warning("no JCEF input listeners on the page component: wheel and typed characters left as JCEF does them");
        }
        // Tab and Shift+Tab belong to the page (its links and fields), not to AWT's focus traversal, which
        // took the keyboard out of the page at the first Tab; leaving the page's last field is Chromium's
        // call (CefFocusHandler.onTakeFocus, handled by the shell).
        page.setFocusTraversalKeysEnabled(false);
        // A click in the page takes the keyboard from the address bar or a prompt, as in any browser (AWT
        // does not move focus to a canvas on its own).
        page.addMouseListener(new java.awt.event.MouseAdapter() {
            @Override
            public void mousePressed(java.awt.event.MouseEvent e) {
                if (!page.isFocusOwner()) {
                    page.requestFocusInWindow();
                }
            }
        });
        for (MouseWheelListener l : wheels) {
            page.removeMouseWheelListener(l);
            page.addMouseWheelListener(e -> l.mouseWheelMoved(inChromiumUnits(e)));
        }
        for (KeyListener l : keys) {
            page.removeKeyListener(l);
            page.addKeyListener(new KeyListener() {
                @Override
                public void keyTyped(KeyEvent e) {
                    if (beyondAscii(e)) {
                        commitCharacter(browser, e.getKeyChar());
                    } else if (e.isControlDown() && Character.isISOControl(e.getKeyChar())) {
                        // Ctrl+letter types a control character, which JCEF turns into a Delete key press
                        // (measured: Ctrl+C emptied a text field); the shortcut travels with the key-down.
                        return;
                    } else {
                        l.keyTyped(e);
                    }
                }

                @Override
                public void keyPressed(KeyEvent e) {
                    withKeysym(e).ifPresent(l::keyPressed);
                }

                @Override
                public void keyReleased(KeyEvent e) {
                    withKeysym(e).ifPresent(l::keyReleased);
                }
            });
        }
    }

    /** Keys JCEF maps by key code itself (Backspace, Delete, arrows, Enter, Escape, Tab). */
    private static final java.util.Set<Integer> MAPPED_BY_JCEF = java.util.Set.of(KeyEvent.VK_BACK_SPACE,
            KeyEvent.VK_DELETE, KeyEvent.VK_DOWN, KeyEvent.VK_ENTER, KeyEvent.VK_ESCAPE, KeyEvent.VK_LEFT,
            KeyEvent.VK_RIGHT, KeyEvent.VK_TAB, KeyEvent.VK_UP);

    /** X keysyms of keys that type no character, by AWT key code. */
    private static final java.util.Map<Integer, Integer> KEYSYMS = keysyms();

    private static java.util.Map<Integer, Integer> keysyms() {
        java.util.Map<Integer, Integer> m = new java.util.HashMap<>();
        m.put(KeyEvent.VK_SHIFT, 0xffe1);
        m.put(KeyEvent.VK_CONTROL, 0xffe3);
        m.put(KeyEvent.VK_CAPS_LOCK, 0xffe5);
        m.put(KeyEvent.VK_META, 0xffe7);
        m.put(KeyEvent.VK_ALT, 0xffe9);
        m.put(KeyEvent.VK_WINDOWS, 0xffeb);
        m.put(KeyEvent.VK_ALT_GRAPH, 0xfe03);
        m.put(KeyEvent.VK_HOME, 0xff50);
        m.put(KeyEvent.VK_PAGE_UP, 0xff55);
        m.put(KeyEvent.VK_PAGE_DOWN, 0xff56);
        m.put(KeyEvent.VK_END, 0xff57);
        m.put(KeyEvent.VK_INSERT, 0xff63);
        m.put(KeyEvent.VK_CONTEXT_MENU, 0xff67);
        for (int f = 0; f < 12; f++) {
            m.put(KeyEvent.VK_F1 + f, 0xffbe + f);
        }
        return java.util.Map.copyOf(m);
    }

    /**
     * The key event as JCEF can translate it. JCEF takes the typed character as the X keysym, so a key that
     * types nothing (AWT's {@code CHAR_UNDEFINED}, 0xffff, which is {@code XK_Delete}) reached pages as
     * Delete: pressing Ctrl or Shift, Home, End, Page Up/Down and F-keys all deleted the selection. Such a
     * key gets its own keysym as character; Ctrl+letter gets the letter (not the control character AWT
     * reports), so Chromium sees the shortcut; a key with no known keysym is not passed on.
     */
    static java.util.Optional<KeyEvent> withKeysym(KeyEvent e) {
        int code = e.getKeyCode();
        char c = e.getKeyChar();
        if (MAPPED_BY_JCEF.contains(code)) {
            return java.util.Optional.of(e);
        }
        char replacement;
        if (c == KeyEvent.CHAR_UNDEFINED) {
            Integer keysym = KEYSYMS.get(code);
            if (keysym == null) {
                return java.util.Optional.empty();
            }
            replacement = (char) keysym.intValue();
        } else if (Character.isISOControl(c) && code >= KeyEvent.VK_A && code <= KeyEvent.VK_Z) {
            replacement = (char) ('a' + (code - KeyEvent.VK_A));
        } else {
            return java.util.Optional.of(e);
        }
        return java.util.Optional.of(new KeyEvent(e.getComponent(), e.getID(), e.getWhen(), e.getModifiersEx(),
                code, replacement, e.getKeyLocation()));
    }

    /**
     * The same wheel event with a delta JCEF passes on unchanged: JCEF sends {@code getUnitsToScroll()}
     * (scroll amount times rotation) as Chromium's delta, where positive means up.
     */
    static MouseWheelEvent inChromiumUnits(MouseWheelEvent e) {
        return new MouseWheelEvent(e.getComponent(), e.getID(), e.getWhen(), e.getModifiersEx(),
                e.getX(), e.getY(), e.getXOnScreen(), e.getYOnScreen(), e.getClickCount(), e.isPopupTrigger(),
                MouseWheelEvent.WHEEL_UNIT_SCROLL, PIXELS_PER_NOTCH, -e.getWheelRotation());
    }

    /** A printable character JCEF's 8-bit translation would lose (control combinations stay with JCEF). */
    static boolean beyondAscii(KeyEvent e) {
        char c = e.getKeyChar();
        return c != KeyEvent.CHAR_UNDEFINED && c > 0x7e && !Character.isISOControl(c)
                && !e.isControlDown() && !e.isAltDown() && !e.isMetaDown();
    }

    private static void commitCharacter(CefBrowser browser, char c) {
        JsonObject p = new JsonObject();
        p.addProperty("type", "char");
        p.addProperty("text", String.valueOf(c));
        p.addProperty("unmodifiedText", String.valueOf(c));
        DevTools.call(browser.getDevToolsClient(), "Input.dispatchKeyEvent", p.toString())
                .exceptionally(err -> {
                    LOG.warning("typed character not delivered: " + err);
                    return null;
                });
    }
}
