package dev.callsafe.browser.cef;

import java.awt.Component;
import java.awt.event.HierarchyEvent;

/**
 * Asks the engine for a whole new picture each time an off-screen page's canvas comes on the screen or changes
 * size.
 *
 * <p>Without hardware GL, JCEF draws each picture straight into the canvas's window ({@code glDrawPixels}) and
 * keeps no copy to draw again. A window that was hidden (a tab in the background) comes back black, and a
 * picture drawn while the window was still being mapped again is lost: a static page then stayed black until
 * something on it changed, and a click on it was lost (measured: {@code TabSwitchPaintEndToEndTest} saw black
 * within the first 3 of 12 switches in 2 of 2 runs without this, none in 3 runs with it). The cost is two
 * paints per tab switch.
 *
 * <p>A resize clears the canvas's window too, and the engine paints nothing new for a size it has painted
 * before: the page area shrinking and growing back (the prompt's row shown for a moment while a chosen file is
 * read) left it black until the page changed ({@code TabSwitchPaintEndToEndTest}).
 */
public final class RepaintWhenShown {
    private RepaintWhenShown() {
    }

    /**
     * Calls {@code repaint} whenever {@code canvas} becomes showing or is resized while showing, and once more
     * after that settles.
     */
    public static void install(Component canvas, Runnable repaint) {
        Runnable twice = () -> {
            repaint.run();
            // The window's map reaches the X server through AWT's connection, GL's pictures through its
            // own: the second request comes after the events queued by the show, once the map is done.
            java.awt.EventQueue.invokeLater(() -> {
                if (canvas.isShowing()) {
                    repaint.run();
                }
            });
        };
        canvas.addHierarchyListener(e -> {
            if ((e.getChangeFlags() & HierarchyEvent.SHOWING_CHANGED) != 0 && canvas.isShowing()) {
                twice.run();
            }
        });
        canvas.addComponentListener(new java.awt.event.ComponentAdapter() {
            @Override
            public void componentResized(java.awt.event.ComponentEvent e) {
                if (canvas.isShowing()) {
                    twice.run();
                }
            }
        });
    }
}
