package dev.callsafe.browser.shell;

import java.awt.Color;
import java.awt.Point;
import java.awt.Robot;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.callsafe.browser.BrowserFixture;
import dev.callsafe.browser.Wait;

/**
 * A tab brought forward shows its own page: its last picture at once, and what the page draws after it came
 * forward. (Off-screen, a tab's picture lives in a GL texture; a tab switched to sometimes stayed black or
 * kept an old picture until something else repainted, and a click on what was not shown was lost.)
 */
class TabSwitchPaintEndToEndTest {
    private static final Color[] COLOURS = {new Color(0xd0, 0x20, 0x20), new Color(0x20, 0x40, 0xd0),
            new Color(0xe0, 0xa0, 0x10), new Color(0x10, 0xa0, 0x80)};
    private BrowserFixture browser;
    private BrowserTab first;
    private BrowserTab second;
    private Robot robot;

    @BeforeEach
    void open() throws Exception {
        browser = BrowserFixture.get();
        first = browser.freshTab("/target.html");
        second = browser.open(browser.pages().url("/target.html"));
        robot = new Robot();
    }

    @AfterEach
    void close() throws Exception {
        browser.close(second);
    }

    private void paint(BrowserTab tab, Color c) {
        browser.eval(tab, String.format("document.documentElement.style.background = document.body.style.background"
                + " = 'rgb(%d,%d,%d)', true", c.getRed(), c.getGreen(), c.getBlue()));
    }

    private void select(BrowserTab tab) {
        tab.select();
        Wait.until("tab selected", Duration.ofSeconds(10), () -> browser.current().orElse(null) == tab);
    }

    private void shows(BrowserTab tab, Color c, String when) {
        Point at = browser.input().screenPoint(tab, 600, 20);
        Wait.value("the page's colour on the screen " + when, Duration.ofSeconds(3),
                () -> robot.getPixelColor(at.x, at.y), p -> near(p, c));
    }

    /** Fails at the first sample within {@code span} where the page does not show {@code c}. */
    private void holds(BrowserTab tab, Color c, Duration span, String when) {
        Point at = browser.input().screenPoint(tab, 600, 20);
        long end = System.nanoTime() + span.toNanos();
        while (System.nanoTime() < end) {
            Color p = robot.getPixelColor(at.x, at.y);
            if (!near(p, c)) {
                throw new AssertionError("the page's colour went from " + c + " to " + p + " " + when);
            }
            robot.delay(50); // sampling rate of the check, not synchronisation
        }
    }

    @Test
    void whatAPageDrawsRightAfterItsTabComesForwardIsShown() {
        for (int round = 0; round < 12; round++) {
            BrowserTab tab = round % 2 == 0 ? first : second;
            Color c = COLOURS[round % COLOURS.length];
            select(tab);
            paint(tab, c);
            shows(tab, c, "in round " + round);
        }
    }

    @Test
    void aTabBroughtBackShowsItsLastPicture() {
        paint(first, COLOURS[0]);
        paint(second, COLOURS[1]);
        for (int round = 0; round < 12; round++) {
            BrowserTab tab = round % 2 == 0 ? first : second;
            select(tab);
            shows(tab, COLOURS[round % 2], "after switching, in round " + round);
        }
    }

    private static boolean near(Color a, Color b) {
        return Math.abs(a.getRed() - b.getRed()) < 12 && Math.abs(a.getGreen() - b.getGreen()) < 12
                && Math.abs(a.getBlue() - b.getBlue()) < 12;
    }

    /**
     * A window that covered the page and goes away (a modal dialog, another application) leaves the page as it
     * was, though the page drew nothing since (without hardware GL nothing keeps the picture on this side).
     */
    @Test
    void aWindowThatCoveredThePageLeavesItsPictureWhenItGoes() throws Exception {
        select(first);
        paint(first, COLOURS[3]);
        shows(first, COLOURS[3], "before it is covered");
        Point at = browser.input().screenPoint(first, 600, 20);
        // a dialog the window manager places (a popup window would be saved under by the X server)
        java.util.concurrent.atomic.AtomicReference<javax.swing.JDialog> cover = new java.util.concurrent.atomic.AtomicReference<>();
        // modal, as a file dialog is (its own event loop runs while it shows)
        javax.swing.SwingUtilities.invokeLater(() -> {
            javax.swing.JDialog d = new javax.swing.JDialog(javax.swing.SwingUtilities.getWindowAncestor(
                    first.browser().getUIComponent()), "cover", java.awt.Dialog.ModalityType.APPLICATION_MODAL);
            d.getContentPane().setBackground(Color.WHITE);
            d.setBounds(at.x - 100, at.y - 40, 240, 200);
            cover.set(d);
            d.setVisible(true);
        });
        Wait.value("the covering window on the screen", Duration.ofSeconds(5), () -> robot.getPixelColor(at.x, at.y),
                p -> near(p, Color.WHITE));
        BrowserFixture.onEdt(() -> cover.get().dispose());
        Wait.value("the page's own picture where the window was", Duration.ofSeconds(3),
                () -> robot.getPixelColor(at.x, at.y), p -> near(p, COLOURS[3]));
    }

    /**
     * The page area shrinking and growing back (a prompt's row shown for a moment above it) leaves the page's
     * picture, though the page drew nothing: the engine paints nothing new for a size it already painted.
     */
    @Test
    void thePageAreaShrinkingAndGrowingBackKeepsItsPicture() throws Exception {
        select(first);
        paint(first, COLOURS[2]);
        shows(first, COLOURS[2], "before the resize");
        java.awt.Window window = BrowserFixture.onEdtGet(() -> javax.swing.SwingUtilities.getWindowAncestor(
                first.browser().getUIComponent()));
        java.awt.Dimension size = BrowserFixture.onEdtGet(window::getSize);
        int pageHeight = BrowserFixture.onEdtGet(() -> first.browser().getUIComponent().getHeight());
        BrowserFixture.onEdt(() -> {
            window.setSize(size.width, size.height - 40);
            window.validate();
        });
        Wait.until("the page area smaller", Duration.ofSeconds(5),
                () -> BrowserFixture.onEdtGet(() -> first.browser().getUIComponent().getHeight()) < pageHeight);
        BrowserFixture.onEdt(() -> {
            window.setSize(size);
            window.validate();
        });
        shows(first, COLOURS[2], "after the page area grew back");
    }

    /**
     * A file dialog opened over the page and closed by a key (the prompt's "Use a file instead...") leaves the
     * page's picture, though the chrome was laid out again meanwhile (the prompt re-lays itself out while the
     * window is not focused). A layout pass sets the page's GL canvas to its bounds, same size or not, and the
     * next display after that (here: the expose when the dialog goes) starts from a cleared window: without
     * hardware GL the page area stayed black until the page changed (found by hand under openbox).
     */
    @Test
    void aFileDialogClosedOverThePageLeavesItsPicture() throws Exception {
        select(first);
        paint(first, COLOURS[1]);
        shows(first, COLOURS[1], "before the file dialog");
        java.awt.Component canvas = first.browser().getUIComponent();
        java.util.concurrent.atomic.AtomicReference<javax.swing.JFileChooser> chooser = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.CompletableFuture<Integer> closed = new java.util.concurrent.CompletableFuture<>();
        javax.swing.SwingUtilities.invokeLater(() -> {
            javax.swing.JFileChooser c = new javax.swing.JFileChooser();
            chooser.set(c);
            closed.complete(c.showOpenDialog(canvas)); // modal: returns when the dialog is closed
        });
        Wait.until("the file dialog on the screen", Duration.ofSeconds(10), () -> BrowserFixture.onEdtGet(() -> {
            javax.swing.JFileChooser c = chooser.get();
            java.awt.Window w = c == null ? null : javax.swing.SwingUtilities.getWindowAncestor(c);
            return w != null && w.isShowing() && w.isFocused();
        }));
        BrowserFixture.onEdt(() -> canvas.getParent().revalidate()); // the chrome laid out while the dialog shows
        robot.keyPress(java.awt.event.KeyEvent.VK_ESCAPE); // a person's key, through the X server
        robot.keyRelease(java.awt.event.KeyEvent.VK_ESCAPE);
        Wait.until("the file dialog closed", Duration.ofSeconds(5), closed::isDone);
        shows(first, COLOURS[1], "after the file dialog closed");
        holds(first, COLOURS[1], Duration.ofMillis(1500), "after the file dialog closed");
    }
}
