package dev.callsafe.browser.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Dimension;
import java.awt.Toolkit;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;

import dev.callsafe.browser.BrowserFixture;
import dev.callsafe.browser.DisplayShares;
import dev.callsafe.browser.Wait;
import dev.callsafe.browser.shell.BrowserTab;

/**
 * A screen share as meeting sites read and shape it: the surface and cursor in its settings, width, height
 * and frame rate shrinking and thinning what is sent (the whole screen, never cropped), applyConstraints on
 * the running share.
 */
class DisplayConstraintsEndToEndTest {
    @Test
    void aShareReportsItsSurfaceAndIsScaledToTheSizeAsked() throws Exception {
        BrowserFixture browser = BrowserFixture.get();
        BrowserTab tab = DisplayShares.openSharePage(browser);
        Dimension screen = Toolkit.getDefaultToolkit().getScreenSize();
        try {
            JsonObject settings = DisplayShares.shareScreen(browser, tab, "share.display({video: {width: {max: 640}, frameRate: {max: 10}}})");
            assertEquals("monitor", settings.get("displaySurface").getAsString());
            assertEquals("always", settings.get("cursor").getAsString(), "a screen share draws the pointer, as Chrome's");
            assertTrue(settings.get("logicalSurface").getAsBoolean());
            assertEquals("crop-and-scale", settings.get("resizeMode").getAsString());
            int expectHeight = (int) Math.round(screen.height * 640.0 / screen.width) & ~1;
            assertEquals(640, settings.get("width").getAsInt(), settings::toString);
            assertEquals(expectHeight, settings.get("height").getAsInt(), settings::toString);
            assertEquals(10.0, settings.get("frameRate").getAsDouble(), 0.01);

            JsonObject px = browser.eval(tab, "share.inspect({n: 2})").getAsJsonObject();
            assertEquals(640, px.get("width").getAsInt(), px::toString);
            assertEquals(expectHeight, px.get("height").getAsInt(), () -> "the whole screen, shrunk: " + px);

            JsonObject caps = browser.eval(tab, "share.capabilities()").getAsJsonObject();
            assertEquals(screen.width, caps.getAsJsonObject("width").get("max").getAsInt(), caps::toString);
            assertEquals("monitor", caps.get("displaySurface").getAsString());
            assertEquals("[\"always\",\"motion\",\"never\"]", caps.get("cursor").toString());

            // A site shrinks the running share further, then asks for something this share is not.
            JsonObject smaller = browser.eval(tab, "share.apply({width: 320})").getAsJsonObject();
            assertTrue(smaller.get("ok").getAsBoolean(), smaller::toString);
            assertEquals(320, smaller.getAsJsonObject("settings").get("width").getAsInt());
            Wait.until("frames of 320 pixels arrive", Duration.ofSeconds(10),
                    () -> browser.eval(tab, "share.inspect({n: 1})").getAsJsonObject().get("width").getAsInt() == 320);
            JsonObject window = browser.eval(tab, "share.apply({displaySurface: {exact: 'window'}})").getAsJsonObject();
            assertFalse(window.get("ok").getAsBoolean());
            assertEquals("displaySurface", window.get("constraint").getAsString(), window::toString);
        } finally {
            DisplayShares.stop(browser, tab);
        }
    }
}
