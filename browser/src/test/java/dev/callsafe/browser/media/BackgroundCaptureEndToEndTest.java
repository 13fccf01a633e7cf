package dev.callsafe.browser.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;

import dev.callsafe.browser.BrowserFixture;
import dev.callsafe.browser.Wait;
import dev.callsafe.browser.shell.BrowserTab;

/**
 * Every capture is visible (issue 10, item 8): a tab capturing the camera in the background is marked in the
 * tab strip, and the window-level sign (the always-on-top sharing bar) names its site with a Stop that works.
 */
class BackgroundCaptureEndToEndTest {
    private BrowserFixture browser;
    private BrowserTab caller;

    @BeforeEach
    void open() throws Exception {
        browser = BrowserFixture.get();
        caller = browser.freshTab("/call.html");
    }

    @AfterEach
    void cleanUp() {
        browser.stopAllCapture();
    }

    private String title(BrowserTab tab) {
        return BrowserFixture.onEdtGet(() -> browser.browser().window().tabStripTitle(tab));
    }

    @Test
    void aBackgroundTabsCameraIsMarkedAndNamedWithAStopThatEndsIt() throws Exception {
        browser.eval(caller, "probe.start({video: true})");
        browser.clickNamed("consent.allow");
        JsonObject s = Wait.value("camera started", Duration.ofSeconds(20),
                () -> browser.eval(caller, "probe.state()").getAsJsonObject(), x -> x.get("settled").getAsBoolean());
        assertTrue(s.get("error").isJsonNull(), () -> "error " + s.get("error"));
        assertEquals(1, browser.media().liveTrackCount());

        BrowserTab other = browser.open(browser.pages().url("/call.html?other"));
        other.select();
        Wait.until("other tab selected", Duration.ofSeconds(10), () -> browser.current().orElse(null) == other);
        // The chrome strip's indicator follows the selected tab: it no longer says anything about the caller.
        browser.awaitGone("capture.indicator");

        Wait.until("the capturing tab is marked", Duration.ofSeconds(10),
                () -> title(caller).startsWith("\u25CF Camera: "));
        assertFalse(title(other).startsWith("\u25CF"), title(other));

        String origin = browser.eval(caller, "location.origin").getAsString();
        String row = "capture.bar.tab" + caller.id();
        String sign = browser.text(row + ".text");
        assertTrue(sign.contains("Camera") && sign.contains(origin), sign);
        assertTrue(browser.showing("capture.bar.tab" + other.id()).isEmpty(), "no line for a tab not capturing");

        browser.clickNamed(row + ".stop");
        Wait.value("the page's track ended", Duration.ofSeconds(10),
                () -> browser.eval(caller, "probe.state()").getAsJsonObject(),
                x -> x.getAsJsonArray("ended").size() == 1);
        assertEquals(0, browser.media().liveTrackCount());
        browser.awaitGone(row);
        Wait.until("the mark is gone", Duration.ofSeconds(10), () -> !title(caller).startsWith("\u25CF"));
        assertEquals("ended", browser.eval(caller, "probe.state().tracks[0].readyState").getAsString());
    }
}
