package dev.callsafe.browser.cef;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.Component;
import java.awt.Dimension;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.image.BufferedImage;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonArray;

import dev.callsafe.browser.BrowserFixture;
import dev.callsafe.browser.Wait;
import dev.callsafe.browser.shell.BrowserTab;

/**
 * The page on a screen scaled by 2: Chromium lays it out at the canvas's logical size and renders it at twice
 * the pixels, the picture fills the page area from its top (it was drawn one logical height too low before
 * {@link ScaledPageViewport}), and a real click lands on the page's button. Needs a JVM started with
 * {@code GDK_SCALE=2}: {@code scripts/test-hidpi.sh}; in the ordinary run (scale 1) it is skipped.
 */
class ScaledScreenEndToEndTest {
    private static final Duration SHORT = Duration.ofSeconds(20);

    @Test
    void thePageFillsItsAreaAtDeviceScaleAndAClickLandsOnItsButton() throws Exception {
        BrowserFixture browser = BrowserFixture.get();
        BrowserTab tab = browser.freshTab("/scaled.html");
        Component canvas = BrowserFixture.onEdtGet(() -> tab.browser().getUIComponent());
        double uiScale = BrowserFixture.onEdtGet(() -> canvas.getGraphicsConfiguration().getDefaultTransform().getScaleX());
        assumeTrue(uiScale == 2, "needs a screen scaled by 2 (GDK_SCALE=2: scripts/test-hidpi.sh)");

        // the last value says which of the three was off when it times out
        Wait.value("laid out at the canvas's logical size with device pixel ratio 2", SHORT, () -> {
            JsonArray m = browser.eval(tab, "[innerWidth, innerHeight, devicePixelRatio]").getAsJsonArray();
            return new Layout(m.get(0).getAsInt(), m.get(1).getAsInt(), m.get(2).getAsDouble(),
                    BrowserFixture.onEdtGet(canvas::getSize));
        }, l -> l.width() == l.canvas().width && l.height() == l.canvas().height && l.ratio() == 2.0);

        Rectangle area = BrowserFixture.onEdtGet(() -> new Rectangle(canvas.getLocationOnScreen(), canvas.getSize()));
        Rectangle screen = BrowserFixture.onEdtGet(() -> canvas.getGraphicsConfiguration().getBounds());
        assertTrue(screen.contains(area), "the page area " + area + " must be on the screen " + screen
                + " (at scale 2 the screen needs twice the pixels: scripts/test-hidpi.sh)");
        Robot robot = new Robot();
        // before ScaledPageViewport: black above, the page's top band in the middle, the bottom band not shown
        Wait.value("the page's red top band at the top of its area, white in the middle, the blue bottom band at"
                + " the bottom", SHORT, () -> {
            BufferedImage shot = robot.createScreenCapture(area);
            int x = area.width * 3 / 4;
            return new Samples(shot.getRGB(x, 10), shot.getRGB(x, area.height / 2), shot.getRGB(x, area.height - 10));
        }, c -> near(c.top(), 0xd00000) && near(c.middle(), 0xffffff) && near(c.bottom(), 0x0000d0));

        browser.input().click(tab, "#press");
        Wait.until("the button pressed by the click", SHORT, () -> browser.eval(tab, "window.presses").getAsInt() == 1);
        assertEquals("pressed 1", browser.eval(tab, "document.getElementById('press').textContent").getAsString());
    }

    /** The page's layout size and device pixel ratio, and the canvas's logical size. */
    private record Layout(int width, int height, double ratio, Dimension canvas) {
        @Override
        public String toString() {
            return "page " + width + "x" + height + " at " + ratio + ", canvas " + canvas.width + "x" + canvas.height;
        }
    }

    /** Colours read at the top, middle and bottom of the page area. */
    private record Samples(int top, int middle, int bottom) {
        @Override
        public String toString() {
            return String.format("top #%06x, middle #%06x, bottom #%06x", top & 0xffffff, middle & 0xffffff,
                    bottom & 0xffffff);
        }
    }

    private static boolean near(int rgb, int expected) {
        for (int shift = 0; shift <= 16; shift += 8) {
            if (Math.abs(((rgb >> shift) & 0xff) - ((expected >> shift) & 0xff)) > 24) {
                return false;
            }
        }
        return true;
    }
}
