package dev.callsafe.browser.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import dev.callsafe.browser.BrowserFixture;
import dev.callsafe.browser.Wait;
import dev.callsafe.browser.shell.BrowserTab;
import dev.callsafe.capture.screen.Bounds;
import dev.callsafe.capture.screen.ColourWindows;
import dev.callsafe.capture.screen.DesktopWindow;
import dev.callsafe.permissions.Origin;

/**
 * Application sharing with real windows of two other processes: the page reads the VideoFrames it
 * received and finds the shared window's colour, grey (or the frozen picture) where another application
 * covers it, and never the covering window's colour. The browser itself is never offered.
 */
class ApplicationShareEndToEndTest {
    static final Color GREEN = new Color(40, 180, 60);
    static final Color RED = new Color(220, 30, 30);
    /** The shared window; the frame is its box (one window). */
    static final Bounds SHARED = new Bounds(100, 100, 400, 300);
    /** Covers the shared window's bottom-right 100x100 (frame x 300..400, y 200..300). */
    static final Bounds COVER = new Bounds(400, 300, 300, 200);

    private static ColourWindows shared;
    private static ColourWindows other;
    private BrowserFixture browser;
    private BrowserTab tab;
    private DesktopWindow green;
    private DesktopWindow red;

    @BeforeAll
    static void startApplications() throws Exception {
        shared = ColourWindows.start();
        other = ColourWindows.start();
    }

    @AfterAll
    static void stopApplications() {
        shared.close();
        other.close();
    }

    @BeforeEach
    void open() throws Exception {
        browser = BrowserFixture.get();
        tab = browser.freshTab("/share.html");
        browser.media().clearSiteData(Origin.of(browser.pages().url("/")));
        green = shared.open("green", GREEN, SHARED);
    }

    @AfterEach
    void cleanUp() throws Exception {
        browser.eval(tab, "share.stopAll()");
        browser.stopAllCapture();
        if (red != null) {
            other.close("red", red);
            red = null;
        }
        shared.close("green", green);
    }

    private JsonObject shareTheApplication(boolean freeze) throws java.io.IOException {
        browser.evalOnClick(tab, "share.display()");
        browser.awaitShowing("share.picker");
        assertTrue(browser.showing("share.picker.application." + ProcessHandle.current().pid()).isEmpty(),
                "this browser is never offered");
        browser.clickNamed("share.picker.application." + shared.pid());
        if (freeze) {
            browser.clickNamed("share.picker.freeze");
        }
        browser.clickNamed("share.picker.share");
        JsonObject s = Wait.value("share settled", Duration.ofSeconds(20),
                () -> browser.eval(tab, "share.state()").getAsJsonObject(), x -> x.get("settled").getAsBoolean());
        assertTrue(s.get("error").isJsonNull(), () -> "share failed: " + s);
        // The person's click raised the browser over the application; bring the application back on top,
        // as a person would once sharing it (covered parts are grey, which the tests check).
        shared.raise("green");
        JsonObject settings = s.getAsJsonArray("tracks").get(0).getAsJsonObject().getAsJsonObject("settings");
        assertEquals("window", settings.get("displaySurface").getAsString());
        return settings;
    }

    private static void assertOneWindowBox(JsonObject settings) {
        assertEquals(SHARED.width(), settings.get("width").getAsInt());
        assertEquals(SHARED.height(), settings.get("height").getAsInt());
    }

    private static String rgb(Color c) {
        return "[" + c.getRed() + ", " + c.getGreen() + ", " + c.getBlue() + "]";
    }

    /** Green, red counts and samples: inside the visible part and inside the covered corner. */
    private JsonObject inspect() {
        return browser.eval(tab, "share.inspect({n: 3, colours: [" + rgb(GREEN) + ", " + rgb(RED) + "],"
                + " points: [[0.25, 0.25], [0.9, 0.9]]})").getAsJsonObject();
    }

    private static boolean near(JsonArray yuv, int y, int u, int v) {
        return Math.abs(yuv.get(0).getAsInt() - y) <= 10 && Math.abs(yuv.get(1).getAsInt() - u) <= 10
                && Math.abs(yuv.get(2).getAsInt() - v) <= 10;
    }

    private static boolean isGreen(JsonObject px, int sample) {
        JsonArray want = px.getAsJsonArray("yuv").get(0).getAsJsonArray();
        return near(px.getAsJsonArray("samples").get(sample).getAsJsonArray(), want.get(0).getAsInt(),
                want.get(1).getAsInt(), want.get(2).getAsInt());
    }

    @Test
    void coveredPartsAreGreyAndTheCoveringWindowNeverAppears() throws Exception {
        assertOneWindowBox(shareTheApplication(false));
        JsonObject before = Wait.value("all green before the cover", Duration.ofSeconds(10), this::inspect,
                px -> isGreen(px, 0) && isGreen(px, 1));
        red = other.open("red", RED, COVER);
        JsonObject after = Wait.value("covered corner grey", Duration.ofSeconds(10), this::inspect,
                px -> near(px.getAsJsonArray("samples").get(1).getAsJsonArray(), 128, 128, 128));
        assertTrue(isGreen(after, 0), () -> "the visible part stays green: " + after);
        assertEquals(0, after.getAsJsonArray("counts").get(1).getAsLong(), () -> "red never appears: " + after);
        assertTrue(browser.text("capture.indicator.text").contains("Application:"));
    }

    @Test
    void inFreezeModeCoveredPartsKeepTheirLastVisiblePicture() throws Exception {
        assertOneWindowBox(shareTheApplication(true));
        Wait.value("green before the cover", Duration.ofSeconds(10), this::inspect, px -> isGreen(px, 1));
        red = other.open("red", RED, COVER);
        // The first frames may have been grabbed before the cover (at most a pipe's queue of 2 in flight):
        // nine fresh frames in a row are checked, the later ones certainly grabbed with the cover on top.
        for (int i = 0; i < 3; i++) {
            JsonObject px = inspect();
            assertTrue(isGreen(px, 1), () -> "the covered corner stays frozen green: " + px);
            assertEquals(0, px.getAsJsonArray("counts").get(1).getAsLong(), () -> "red never appears: " + px);
        }
    }

    @Test
    void severalWindowsAreSharedAsTheirBoundingBoxWithTheGapsGrey() throws Exception {
        DesktopWindow second = shared.open("second", GREEN, new Bounds(600, 150, 200, 200));
        try {
            JsonObject settings = shareTheApplication(false);
            shared.raise("second");
            assertEquals(700, settings.get("width").getAsInt(), "from x 100 to 800");
            assertEquals(300, settings.get("height").getAsInt(), "from y 100 to 400");
            // (550, 250) lies between the two windows; (700, 250) is the second window's middle
            JsonObject px = Wait.value("the second window shown", Duration.ofSeconds(10), () -> browser.eval(tab,
                    "share.inspect({n: 3, colours: [" + rgb(GREEN) + "], points: [[" + (450.0 / 700) + ", 0.5], ["
                    + (600.0 / 700) + ", 0.5]]})").getAsJsonObject(), x -> isGreen(x, 1));
            assertTrue(near(px.getAsJsonArray("samples").get(0).getAsJsonArray(), 128, 128, 128),
                    () -> "the gap between the windows is grey: " + px);
            assertTrue(isGreen(px, 1), () -> "the second window arrives: " + px);
        } finally {
            browser.eval(tab, "share.stopAll()");
            shared.close("second", second);
        }
    }
}
