package dev.callsafe.browser.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Point;
import java.awt.Rectangle;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;

import dev.callsafe.browser.BrowserFixture;
import dev.callsafe.browser.DisplayShares;
import dev.callsafe.browser.Wait;
import dev.callsafe.browser.shell.BrowserTab;
import dev.callsafe.capture.screen.Bounds;
import dev.callsafe.capture.screen.ColourWindows;

/**
 * A presenter's pointer in a screen share: the real pointer, moved by the mouse over a flat blue window of
 * another application, is in the frames the page decodes where it is and nowhere else (not over the browser's
 * own window, which the share masks); {@code cursor: 'never'} leaves it out, and {@code applyConstraints} turns it
 * on for the running share.
 */
class SharedPointerEndToEndTest {
    static final Color BLUE = new Color(30, 60, 220);

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
    void thePointerIsDrawnWhereItIsUnlessThePageAsksForNever() throws Exception {
        BrowserFixture browser = BrowserFixture.get();
        BrowserTab tab = DisplayShares.openSharePage(browser);
        Rectangle b = DisplayShares.browserWindow(browser);
        Bounds blue = new Bounds(b.x + b.width + 20, 40, 200, 200);
        var blueWindow = windows.open("blue", BLUE, blue);
        Point first = new Point(blue.x() + 40, blue.y() + 40);
        Point second = new Point(blue.x() + 130, blue.y() + 130);
        try {
            JsonObject settings = DisplayShares.shareScreen(browser, tab, "share.display({video: {cursor: 'never'}})");
            assertEquals("never", settings.get("cursor").getAsString(), settings::toString);
            assertEquals("[\"always\",\"motion\",\"never\"]",
                    browser.eval(tab, "share.capabilities()").getAsJsonObject().get("cursor").toString());
            double w = settings.get("width").getAsInt();
            double h = settings.get("height").getAsInt();
            // around each point, the pointer's image (any theme's arrow lies within 24 pixels of its hotspot)
            // n frames after the call: the second of two is surely grabbed after a mouse move that came before
            java.util.function.IntFunction<String> inspect = n -> "share.inspect({n: " + n
                    + ", colours: [[30, 60, 220]], away: {colour: [30, 60, 220], rects: [" + around(first, w, h) + ", "
                    + around(second, w, h) + "]}})";

            browser.input().moveTo(first);
            JsonObject never = browser.eval(tab, inspect.apply(2)).getAsJsonObject();
            assertTrue(never.getAsJsonArray("counts").get(0).getAsLong() > 2 * 90 * 90, () -> "the window arrives: " + never);
            assertEquals("[0,0]", never.get("off").toString(), () -> "no pointer drawn for 'never': " + never);

            JsonObject always = browser.eval(tab, "share.apply({cursor: 'always'})").getAsJsonObject();
            assertTrue(always.get("ok").getAsBoolean(), always::toString);
            assertEquals("always", always.getAsJsonObject("settings").get("cursor").getAsString());
            JsonObject drawn = Wait.value("the pointer drawn where the mouse is", Duration.ofSeconds(10),
                    () -> browser.eval(tab, inspect.apply(1)).getAsJsonObject(), px -> off(px, 0) >= 20);
            assertEquals(0, off(drawn, 1), () -> "and nowhere else: " + drawn);

            browser.input().moveTo(second);
            JsonObject moved = Wait.value("the pointer follows the mouse", Duration.ofSeconds(10),
                    () -> browser.eval(tab, inspect.apply(1)).getAsJsonObject(), px -> off(px, 1) >= 20);
            assertEquals(0, off(moved, 0), () -> "its old place is blue again: " + moved);

            // over the browser's own window, which a screen share masks: no pointer there either
            Point inBrowser = new Point(b.x + b.width / 2, b.y + b.height / 2);
            browser.input().moveTo(inBrowser);
            JsonObject masked = Wait.value("the pointer gone from the blue window", Duration.ofSeconds(10),
                    () -> browser.eval(tab, inspect.apply(1)).getAsJsonObject(), px -> off(px, 1) == 0);
            assertEquals(0, off(masked, 0));
            // the occlusion grey (Y = U = V = 128) is what (130, 130, 130) converts to
            JsonObject grey = browser.eval(tab, "share.inspect({n: 2, away: {colour: [130, 130, 130], rects: ["
                    + around(inBrowser, w, h) + "]}})").getAsJsonObject();
            assertEquals("[0]", grey.get("off").toString(), () -> "no pointer over the masked browser: " + grey);

            JsonObject impossible = browser.eval(tab, "share.apply({cursor: {exact: 'sometimes'}})").getAsJsonObject();
            assertFalse(impossible.get("ok").getAsBoolean(), impossible::toString);
            assertEquals("OverconstrainedError", impossible.get("name").getAsString());
            assertEquals("cursor", impossible.get("constraint").getAsString());
        } finally {
            DisplayShares.stop(browser, tab);
            windows.close("blue", blueWindow);
        }
    }

    /** The box from 8 pixels above-left of a point to 24 below-right, as fractions of the frame. */
    private static String around(Point p, double w, double h) {
        return "[" + (p.x - 8) / w + ", " + (p.y - 8) / h + ", " + (p.x + 24) / w + ", " + (p.y + 24) / h + "]";
    }

    private static long off(JsonObject px, int rect) {
        return px.getAsJsonArray("off").get(rect).getAsLong();
    }
}
