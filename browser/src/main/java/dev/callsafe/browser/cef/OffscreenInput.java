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
 * Corrects two things JCEF 146's off-screen input translation gets wrong on Linux, by wrapping the
 * listeners JCEF put on the page component (nothing else changes: every event still comes from AWT, that
 * is from the X server).
 * <ul>
 * <li>The wheel: JCEF hands Chromium AWT's "units to scroll" (3 per notch, positive downwards) as the
 * wheel delta, which Chromium reads as 3 pixels <em>upwards</em>, so the page never scrolls down. Each
 * notch becomes {@link #PIXELS_PER_NOTCH} pixels in Chromium's direction.</li>
 * <li>Typed characters: JCEF narrows the typed character to 8 bits, so anything outside ASCII (é, €, ñ,
 * anything an input method or a non-US layout gives) is lost. Such a character is committed through
 * DevTools {@code Input.dispatchKeyEvent} as a {@code char} event, the same event Chromium makes of a
 * typed key; the key's own down/up events still go through JCEF.</li>
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
                    } else {
                        l.keyTyped(e);
                    }
                }

                @Override
                public void keyPressed(KeyEvent e) {
                    l.keyPressed(e);
                }

                @Override
                public void keyReleased(KeyEvent e) {
                    l.keyReleased(e);
                }
            });
        }
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
