package dev.callsafe.browser.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Frame;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.Robot;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.callsafe.browser.BrowserFixture;
import dev.callsafe.browser.Wait;
import dev.callsafe.capture.screen.Bounds;
import dev.callsafe.capture.screen.ColourWindows;

/**
 * A desktop's life around the browser: the window manager restarting, minimise and restore, resizing,
 * fullscreen. After each, the page is painted on the screen (its colour read back from the X server) and a
 * person's click (XTest) still reaches it.
 */
class DesktopLifeEndToEndTest {
    /** target.html's background, #00c853. */
    private static final Color GREEN = new Color(0x00, 0xc8, 0x53);
    private BrowserFixture browser;
    private BrowserTab tab;
    private Robot robot;

    @BeforeEach
    void open() throws Exception {
        browser = BrowserFixture.get();
        tab = browser.freshTab("/target.html");
        browser.eval(tab, "window.clicks = 0; addEventListener('click', e => { if (e.isTrusted) clicks++; }), true");
        robot = new Robot();
    }

    @AfterEach
    void restore() {
        BrowserFixture.onEdt(() -> {
            BrowserWindow w = browser.browser().window();
            w.setWindowFullscreen(false);
            w.setExtendedState(Frame.NORMAL);
            w.setBounds(0, 0, 1200, 760);
        });
        // The window manager applies these later: the next test starts once the window is back.
        Wait.until("window restored", Duration.ofSeconds(10), () -> state() == Frame.NORMAL
                && !browser.browser().window().isFullscreen() && bounds().getSize().equals(new java.awt.Dimension(1200, 760)));
    }

    /** The page shows on the screen at its centre and a click there reaches it. */
    private void pageIsPaintedAndClickable(String after) {
        Point centre = browser.input().screenPoint(tab, 200, 200);
        Wait.until("page painted after " + after, Duration.ofSeconds(15), () -> near(robot.getPixelColor(centre.x, centre.y), GREEN));
        int before = browser.eval(tab, "clicks").getAsInt();
        browser.input().click(centre, java.awt.event.InputEvent.BUTTON1_DOWN_MASK, 1);
        Wait.until("click reached the page after " + after, Duration.ofSeconds(10),
                () -> browser.eval(tab, "clicks").getAsInt() == before + 1);
    }

    private static boolean near(Color a, Color b) {
        return Math.abs(a.getRed() - b.getRed()) < 12 && Math.abs(a.getGreen() - b.getGreen()) < 12
                && Math.abs(a.getBlue() - b.getBlue()) < 12;
    }

    @Test
    void theWindowManagerRestartingLeavesThePagePaintedAndClickable() throws Exception {
        // Replacing the window manager is done only on the tests' own Xvfb, never on a person's desktop.
        org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv("CALLSAFE_XVFB_PID") != null,
                "not on a private display started by scripts/with-display.sh");
        pageIsPaintedAndClickable("start");
        // openbox --replace takes the screen over from the running window manager, as a session restart does.
        Process wm = new ProcessBuilder("openbox", "--replace", "--sm-disable").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(wm.isAlive() || wm.waitFor(1, TimeUnit.SECONDS) && wm.exitValue() == 0, "openbox started");
        pageIsPaintedAndClickable("a window manager restart");
    }

    @Test
    void minimiseAndRestoreResizeAndFullscreenKeepThePage() {
        pageIsPaintedAndClickable("start"); // the click also makes the browser the active window
        browser.input().windowManager("getactivewindow", "windowminimize");
        Wait.until("iconified", Duration.ofSeconds(10), () -> state() == Frame.ICONIFIED);
        browser.input().windowManager("search", "--name", "\u2014 Callsafe$", "windowactivate");
        Wait.until("restored", Duration.ofSeconds(10), () -> state() == Frame.NORMAL);
        pageIsPaintedAndClickable("minimise and restore");

        BrowserFixture.onEdt(() -> browser.browser().window().setBounds(40, 30, 900, 600));
        Wait.until("resized", Duration.ofSeconds(10), () -> bounds().width == 900);
        pageIsPaintedAndClickable("a resize");

        browser.input().click(browser.input().screenPoint(tab, 200, 200), java.awt.event.InputEvent.BUTTON1_DOWN_MASK, 1);
        browser.input().key("F11");
        Wait.until("fullscreen", Duration.ofSeconds(10), () -> browser.browser().window().isFullscreen()
                && browser.showing("chrome.strip").size() == 1 && browser.showing("nav.address").isEmpty());
        pageIsPaintedAndClickable("F11");
        browser.input().key("Escape");
        Wait.until("left fullscreen", Duration.ofSeconds(10), () -> !browser.browser().window().isFullscreen()
                && browser.showing("nav.address").size() == 1);
    }

    @Test
    void aTabOpensAndLoadsWhileTheWindowIsMinimisedOrCovered() throws Exception {
        pageIsPaintedAndClickable("start");
        browser.input().windowManager("getactivewindow", "windowminimize");
        Wait.until("iconified", Duration.ofSeconds(10), () -> state() == Frame.ICONIFIED);
        // What Ctrl+T or a page's window.open does; the tab's engine used to be created on its first paint,
        // which a minimised window never gets (BrowserFixture.open then timed out waiting for it).
        browser.open(browser.pages().url("/target.html?minimised"));
        assertEquals(Frame.ICONIFIED, state(), "the tab loaded while the window stayed minimised");
        browser.input().windowManager("search", "--name", "\u2014 Callsafe$", "windowactivate");
        Wait.until("restored", Duration.ofSeconds(10), () -> state() == Frame.NORMAL);

        java.awt.Dimension screen = java.awt.Toolkit.getDefaultToolkit().getScreenSize();
        Color blue = new Color(30, 60, 220);
        try (ColourWindows other = ColourWindows.start()) {
            other.open("cover", blue, new Bounds(0, 0, screen.width, screen.height)); // waits until it is on top
            BrowserTab covered = browser.open(browser.pages().url("/target.html?covered"));
            Point centre = browser.input().screenPoint(covered, 200, 200);
            assertTrue(near(robot.getPixelColor(centre.x, centre.y), blue), "the browser stayed covered while the tab loaded");
        }
    }

    @Test
    void escapeLeavesAPagesFullscreenAndTheChromeStripStays() {
        pageIsPaintedAndClickable("start");
        // requestFullscreen needs a person's click: it runs as the handler of a real click
        assertEquals("granted", browser.evalOnClick(tab, "document.documentElement.requestFullscreen()"
                + ".then(() => 'granted', e => String(e))").getAsString());
        Wait.until("window fullscreen", Duration.ofSeconds(10), () -> browser.browser().window().isFullscreen());
        assertTrue(browser.showing("chrome.strip").size() == 1, "the chrome strip stays in fullscreen");
        browser.input().key("Escape");
        Wait.until("page left fullscreen", Duration.ofSeconds(10), () -> !browser.eval(tab, "!!document.fullscreenElement").getAsBoolean()
                && !browser.browser().window().isFullscreen());
    }

    private int state() {
        return BrowserFixture.onEdtGet(() -> browser.browser().window().getExtendedState());
    }

    private Rectangle bounds() {
        return BrowserFixture.onEdtGet(() -> browser.browser().window().getBounds());
    }
}
