package dev.callsafe.browser.cef;

import java.awt.EventQueue;
import java.awt.event.HierarchyEvent;

import com.jogamp.opengl.GLAutoDrawable;
import com.jogamp.opengl.GLEventListener;
import com.jogamp.opengl.awt.GLCanvas;

/**
 * Asks the engine for a whole new picture each time an off-screen page's canvas comes on the screen or is laid
 * out again.
 *
 * <p>Without hardware GL, JCEF draws each picture straight into the canvas's window ({@code glDrawPixels}) and
 * keeps no copy to draw again. A window that was hidden (a tab in the background) comes back black, and a
 * picture drawn while the window was still being mapped again is lost: a static page then stayed black until
 * something on it changed, and a click on it was lost (measured: {@code TabSwitchPaintEndToEndTest} saw black
 * within the first 3 of 12 switches in 2 of 2 runs without this, none in 3 runs with it). The cost is two
 * paints per tab switch.
 *
 * <p>A layout pass over the canvas (a resize, or only the chrome around it laid out again, as when the prompt
 * re-lays itself out while a file dialog is open) reshapes its GL drawable, and the display after that starts
 * from a cleared window; the engine paints nothing new for a size it has painted before, so the page area
 * stayed black until the page changed ({@code TabSwitchPaintEndToEndTest}).
 */
public final class RepaintWhenShown implements GLEventListener {
    private final GLCanvas canvas;
    private final Runnable repaint;

    private RepaintWhenShown(GLCanvas canvas, Runnable repaint) {
        this.canvas = canvas;
        this.repaint = repaint;
    }

    /**
     * Calls {@code repaint} whenever {@code canvas} becomes showing or its drawable is reshaped while showing,
     * and once more after that settles.
     */
    public static void install(GLCanvas canvas, Runnable repaint) {
        RepaintWhenShown r = new RepaintWhenShown(canvas, repaint);
        canvas.addHierarchyListener(e -> {
            if ((e.getChangeFlags() & HierarchyEvent.SHOWING_CHANGED) != 0 && canvas.isShowing()) {
                r.twice();
            }
        });
        canvas.addGLEventListener(r);
    }

    private void twice() {
        repaint.run();
        // The window's map reaches the X server through AWT's connection, GL's pictures through its own: the
        // second request comes after the events queued by the show, once the map is done.
        EventQueue.invokeLater(() -> {
            if (canvas.isShowing()) {
                repaint.run();
            }
        });
    }

    @Override
    public void reshape(GLAutoDrawable drawable, int x, int y, int width, int height) {
        // called inside a display, on the Swing thread: ask after it, when the cleared window is swapped
        EventQueue.invokeLater(() -> {
            if (canvas.isShowing()) {
                twice();
            }
        });
    }

    @Override
    public void init(GLAutoDrawable drawable) {
    }

    @Override
    public void dispose(GLAutoDrawable drawable) {
    }

    @Override
    public void display(GLAutoDrawable drawable) {
    }
}
