package org.cef.browser;

import java.awt.Rectangle;
import java.nio.ByteBuffer;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.cef.CefClient;

/**
 * An off-screen browser whose {@link #setFocus} does not re-enter itself.
 *
 * <p>JCEF's {@code CefClient.onGotFocus} calls {@code browser.setFocus(true)}, and with CEF 146 in off-screen
 * mode that call fires {@code OnGotFocus} again, synchronously, on the same (Swing) thread: every time a
 * page took focus the two recursed about 400 deep until the JVM threw a {@link StackOverflowError} into
 * JCEF's native code, which printed a bare {@code Exception in thread "AWT-EventQueue-0"} and went on (seen
 * in the 30-minute meeting, docs/RELIABILITY.md). A call made while one is already running on this thread is
 * that echo, and the browser is already being focused, so it returns at once.
 *
 * <p>It also asks for a whole new picture when its canvas comes on the screen ({@code RepaintWhenShown}), and
 * draws nothing while its canvas is not on the screen: a tab in the background (or shared from there) would
 * otherwise upload every picture into a GL texture nobody sees, which without hardware GL is the largest cost
 * of a paint. Its pictures still reach {@link #addPictureListener listeners} (a tab share).
 *
 * <p>It lives in JCEF's package because {@link CefBrowserOsr}'s constructor is package-private.
 */
public final class FocusSafeOsrBrowser extends CefBrowserOsr {
    private static final ThreadLocal<boolean[]> FOCUSING = ThreadLocal.withInitial(() -> new boolean[1]);
    private static final AtomicLong ECHOES = new AtomicLong();
    private final CopyOnWriteArrayList<Consumer<CefPaintEvent>> pictureListeners = new CopyOnWriteArrayList<>();

    private FocusSafeOsrBrowser(CefClient client, String url) {
        super(client, url, false, null, null);
        dev.callsafe.browser.cef.ScaledPageViewport.install((com.jogamp.opengl.awt.GLCanvas) getUIComponent());
        dev.callsafe.browser.cef.RepaintWhenShown.install((com.jogamp.opengl.awt.GLCanvas) getUIComponent(), this::invalidate);
    }

    /** A new off-screen browser of {@code client} that will load {@code url} once created. */
    public static CefBrowser open(CefClient client, String url) {
        return new FocusSafeOsrBrowser(client, url);
    }

    @Override
    public void setFocus(boolean enable) {
        boolean[] focusing = FOCUSING.get();
        if (focusing[0]) {
            ECHOES.incrementAndGet();
            return;
        }
        focusing[0] = true;
        try {
            super.setFocus(enable);
        } finally {
            focusing[0] = false;
        }
    }

    @Override
    public void onPaint(CefBrowser browser, boolean popup, Rectangle[] dirtyRects, ByteBuffer buffer, int width,
                        int height) {
        if (getUIComponent().isShowing()) {
            super.onPaint(browser, popup, dirtyRects, buffer, width, height);
        }
        if (!pictureListeners.isEmpty()) {
            CefPaintEvent e = new CefPaintEvent(browser, popup, dirtyRects, buffer, width, height);
            pictureListeners.forEach(l -> l.accept(e));
        }
    }

    /**
     * The screen's scale as the canvas's screen has it. JCEF learns the scale only in the canvas's first paint,
     * and CEF asks once, when it creates the page, and never again (JCEF cannot tell it the screen changed): when
     * CEF asked first, a page on a screen scaled by 2 stayed at device pixel ratio 1 (half-sharp, laid out at twice
     * the size; {@code ScaledScreenEndToEndTest} in 1 of 2 runs once the engine's pump got faster).
     */
    @Override
    public boolean getScreenInfo(CefBrowser browser, org.cef.handler.CefScreenInfo info) {
        boolean known = super.getScreenInfo(browser, info);
        java.awt.GraphicsConfiguration gc = getUIComponent().getGraphicsConfiguration();
        if (gc == null && !java.awt.GraphicsEnvironment.isHeadless()) {
            gc = java.awt.GraphicsEnvironment.getLocalGraphicsEnvironment().getDefaultScreenDevice()
                    .getDefaultConfiguration();
        }
        if (gc != null) {
            info.device_scale_factor = gc.getDefaultTransform().getScaleX();
        }
        return known;
    }

    /** Hears every picture the engine paints, shown or not (on the engine's thread; pixels valid during the call). */
    public void addPictureListener(Consumer<CefPaintEvent> listener) {
        pictureListeners.add(listener);
    }

    public void removePictureListener(Consumer<CefPaintEvent> listener) {
        pictureListeners.remove(listener);
    }

    /** Asks the engine to paint the whole view again (a new consumer of its paints needs a whole picture). */
    public void repaintWhole() {
        invalidate();
    }

    /** How many re-entrant calls were stopped since start (tests). */
    public static long echoesStopped() {
        return ECHOES.get();
    }
}
