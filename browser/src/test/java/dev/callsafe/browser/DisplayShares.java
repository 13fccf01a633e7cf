package dev.callsafe.browser;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Rectangle;
import java.time.Duration;

import com.google.gson.JsonObject;

import dev.callsafe.browser.shell.BrowserTab;
import dev.callsafe.permissions.Origin;

/**
 * A screen share given as a person gives one, on the test page {@code share.html}: the page asks on the
 * person's click, the person picks the first screen in the picker and presses Share.
 */
public final class DisplayShares {
    private DisplayShares() {
    }

    /** Opens {@code share.html} as the only tab, its site's data cleared and display capture installed. */
    public static BrowserTab openSharePage(BrowserFixture browser) throws Exception {
        BrowserTab tab = browser.freshTab("/share.html");
        Origin origin = Origin.of(browser.pages().url("/"));
        browser.media().clearSiteData(origin);
        browser.media().installDisplayCapture(origin);
        return tab;
    }

    /**
     * Runs {@code call} (a share.js request, e.g. {@code share.display({video: {cursor: 'never'}})}) on a
     * person's click, picks screen 1 and shares; returns the first track's settings once the page's request
     * settled without an error.
     */
    public static JsonObject shareScreen(BrowserFixture browser, BrowserTab tab, String call) {
        browser.evalOnClick(tab, call);
        browser.awaitShowing("share.picker");
        browser.clickNamed("share.picker.screen.0");
        browser.clickNamed("share.picker.share");
        JsonObject s = Wait.value("share settled", Duration.ofSeconds(20),
                () -> browser.eval(tab, "share.state()").getAsJsonObject(), x -> x.get("settled").getAsBoolean());
        assertTrue(s.get("error").isJsonNull(), () -> "share failed: " + s);
        return s.getAsJsonArray("tracks").get(0).getAsJsonObject().getAsJsonObject("settings");
    }

    /** Where the browser's window is on the screen (a screen share masks it). */
    public static Rectangle browserWindow(BrowserFixture browser) {
        return BrowserFixture.onEdtGet(() -> browser.browser().window().getBounds());
    }

    /** Ends the page's shares and waits until nothing is captured. */
    public static void stop(BrowserFixture browser, BrowserTab tab) {
        browser.eval(tab, "share.stopAll()");
        browser.stopAllCapture();
    }
}
