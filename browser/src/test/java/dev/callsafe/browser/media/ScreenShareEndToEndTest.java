package dev.callsafe.browser.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Rectangle;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import dev.callsafe.browser.BrowserFixture;
import dev.callsafe.browser.Wait;
import dev.callsafe.browser.shell.BrowserTab;
import dev.callsafe.capture.screen.Bounds;
import dev.callsafe.capture.screen.ColourWindows;
import dev.callsafe.permissions.Origin;

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
        BrowserTab tab = browser.freshTab("/share.html");
        Origin origin = Origin.of(browser.pages().url("/"));
        browser.media().clearSiteData(origin);
        browser.media().installDisplayCapture(origin);
        AtomicReference<Rectangle> frame = new AtomicReference<>();
        BrowserFixture.onEdt(() -> frame.set(browser.browser().window().getBounds()));
        Rectangle b = frame.get();
        Bounds blue = new Bounds(b.x + b.width + 20, 40, 200, 200);
        windows.open("blue", BLUE, blue);
        try {
            browser.evalOnClick(tab, "share.viaUserMedia({video: {mediaSource: 'screen'}})");
            browser.awaitShowing("share.picker");
            browser.clickNamed("share.picker.screen.0");
            browser.clickNamed("share.picker.share");
            JsonObject s = Wait.value("share settled", Duration.ofSeconds(20),
                    () -> browser.eval(tab, "share.state()").getAsJsonObject(), x -> x.get("settled").getAsBoolean());
            assertTrue(s.get("error").isJsonNull(), () -> "share failed: " + s);
            JsonObject settings = s.getAsJsonArray("tracks").get(0).getAsJsonObject().getAsJsonObject("settings");
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
            browser.eval(tab, "share.stopAll()");
            browser.stopAllCapture();
        }
    }
}
