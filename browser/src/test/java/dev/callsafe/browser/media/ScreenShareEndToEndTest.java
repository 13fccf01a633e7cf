package dev.callsafe.browser.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Rectangle;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import dev.callsafe.browser.BrowserFixture;
import dev.callsafe.browser.DisplayShares;
import dev.callsafe.browser.Wait;
import dev.callsafe.browser.shell.BrowserTab;
import dev.callsafe.capture.screen.Bounds;
import dev.callsafe.capture.screen.ColourWindows;

/**
 * Screen sharing: another application's window arrives, and nothing of this browser does — neither the
 * sharing page's own distinctive colour nor any pixel inside the browser window (masked grey).
 */
class ScreenShareEndToEndTest {
    static final Color BLUE = new Color(30, 60, 220);
    /** The sharing page's background, #ff00ff. */
    static final String MAGENTA = "[255, 0, 255]";

    private static ColourWindows windows;

    @BeforeAll
    static void start() throws Exception {
        windows = ColourWindows.start();
    }

    @AfterAll
    static void stop() {
        windows.close();
    }

    @Test
    void aScreenShareNeverContainsTheBrowsersOwnWindow() throws Exception {
        BrowserFixture browser = BrowserFixture.get();
        BrowserTab tab = DisplayShares.openSharePage(browser);
        Rectangle b = DisplayShares.browserWindow(browser);
        Bounds blue = new Bounds(b.x + b.width + 20, 40, 200, 200);
        var blueWindow = windows.open("blue", BLUE, blue);
        try {
            JsonObject settings = DisplayShares.shareScreen(browser, tab, "share.viaUserMedia({video: {mediaSource: 'screen'}})");
            assertEquals("monitor", settings.get("displaySurface").getAsString());
            int w = settings.get("width").getAsInt();
            int h = settings.get("height").getAsInt();
            double cx = (b.x + b.width / 2.0) / w;
            double cy = (b.y + b.height / 2.0) / h;
            double bx = (blue.x() + blue.width() / 2.0) / w;
            double by = (blue.y() + blue.height() / 2.0) / h;
            JsonObject px = browser.eval(tab, "share.inspect({n: 3, colours: [" + MAGENTA + ", [30, 60, 220]],"
                    + " points: [[" + cx + ", " + cy + "], [" + bx + ", " + by + "]]})").getAsJsonObject();
            JsonArray counts = px.getAsJsonArray("counts");
            assertEquals(0, counts.get(0).getAsLong(), () -> "the page's magenta never appears: " + px);
            assertTrue(counts.get(1).getAsLong() > 3 * 90 * 90, () -> "the other application's blue arrives: " + px);
            JsonArray inside = px.getAsJsonArray("samples").get(0).getAsJsonArray();
            for (int i = 0; i < 3; i++) {
                assertTrue(Math.abs(inside.get(i).getAsInt() - 128) <= 10, () -> "the browser window is grey: " + px);
            }
            assertTrue(browser.text("sharing.bar.text").contains("Screen 1"));
        } finally {
            DisplayShares.stop(browser, tab);
            windows.close("blue", blueWindow);
        }
    }

    /**
     * Only what changed travels (damage): a small window moves over a still screen, and the page's frame shows
     * it at its new position, not at its old one, with a still window elsewhere and the masked browser intact.
     */
    @Test
    void aMovingWindowArrivesWhereItMovedAndTheStillPartsStay() throws Exception {
        BrowserFixture browser = BrowserFixture.get();
        BrowserTab tab = DisplayShares.openSharePage(browser);
        Rectangle b = DisplayShares.browserWindow(browser);
        int left = b.x + b.width + 20;
        Bounds still = new Bounds(left, b.y + b.height + 20, 150, 100);
        Bounds from = new Bounds(left, 40, 100, 100);
        Bounds to = new Bounds(left + 150, 300, 100, 100);
        var stillWindow = windows.open("still", GREEN, still);
        var mover = windows.open("mover", BLUE, from);
        try {
            JsonObject settings = DisplayShares.shareScreen(browser, tab, "share.viaUserMedia({video: {mediaSource: 'screen'}})");
            double w = settings.get("width").getAsInt();
            double h = settings.get("height").getAsInt();
            String points = "[[" + centreX(from) / w + ", " + centreY(from) / h + "], [" + centreX(to) / w + ", "
                    + centreY(to) / h + "], [" + centreX(still) / w + ", " + centreY(still) / h + "], ["
                    + (b.x + b.width / 2.0) / w + ", " + (b.y + b.height / 2.0) / h + "]]";
            String inspect = "share.inspect({n: 1, colours: [" + MAGENTA + "], points: " + points + "})";
            JsonObject before = Wait.value("the window at its first place", Duration.ofSeconds(10),
                    () -> browser.eval(tab, inspect).getAsJsonObject(), px -> is(px, 0, BLUE));
            assertTrue(is(before, 2, GREEN), () -> "the still window arrives: " + before);

            windows.move("mover", to);
            JsonObject after = Wait.value("the window at its new place", Duration.ofSeconds(10),
                    () -> browser.eval(tab, inspect).getAsJsonObject(), px -> is(px, 1, BLUE));
            assertTrue(!is(after, 0, BLUE), () -> "the window's old place was updated: " + after);
            assertTrue(is(after, 2, GREEN), () -> "the still window stays in the picture: " + after);
            JsonArray inside = after.getAsJsonArray("samples").get(3).getAsJsonArray();
            for (int i = 0; i < 3; i++) {
                assertTrue(Math.abs(inside.get(i).getAsInt() - 128) <= 10, () -> "the browser window stays grey: " + after);
            }
            assertEquals(0, after.getAsJsonArray("counts").get(0).getAsLong(), () -> "the page's magenta never appears: " + after);
        } finally {
            DisplayShares.stop(browser, tab);
            windows.close("mover", mover);
            windows.close("still", stillWindow);
        }
    }

    static final Color GREEN = new Color(20, 200, 60);

    private static double centreX(Bounds r) {
        return r.x() + r.width() / 2.0;
    }

    private static double centreY(Bounds r) {
        return r.y() + r.height() / 2.0;
    }

    /** Whether the frame's sample {@code i} is near {@code colour} (YUV, as the page read it). */
    private static boolean is(JsonObject px, int i, Color colour) {
        JsonArray p = px.getAsJsonArray("samples").get(i).getAsJsonArray();
        int r = colour.getRed();
        int g = colour.getGreen();
        int bl = colour.getBlue();
        int[] yuv = {((66 * r + 129 * g + 25 * bl + 128) >> 8) + 16, ((-38 * r - 74 * g + 112 * bl + 128) >> 8) + 128,
            ((112 * r - 94 * g - 18 * bl + 128) >> 8) + 128};
        for (int k = 0; k < 3; k++) {
            if (Math.abs(p.get(k).getAsInt() - yuv[k]) > 14) {
                return false;
            }
        }
        return true;
    }
}
