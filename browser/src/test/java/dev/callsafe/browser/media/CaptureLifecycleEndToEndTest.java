package dev.callsafe.browser.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import dev.callsafe.browser.BrowserFixture;
import dev.callsafe.browser.Wait;
import dev.callsafe.browser.shell.BrowserTab;

/** Capture ends whenever the user, the page or the document says so, and the chrome follows. */
class CaptureLifecycleEndToEndTest {
    private BrowserFixture browser;
    private BrowserTab tab;

    @BeforeEach
    void open() throws Exception {
        browser = BrowserFixture.get();
        tab = browser.freshTab("/call.html");
    }

    @AfterEach
    void cleanUp() {
        browser.stopAllCapture();
    }

    private void allowCall() {
        browser.eval(tab, "probe.start({video: {width: 320, height: 240}, audio: true})");
        browser.clickNamed("consent.allow");
        JsonObject s = Wait.value("call started", Duration.ofSeconds(20),
                () -> browser.eval(tab, "probe.state()").getAsJsonObject(), x -> x.get("settled").getAsBoolean());
        assertTrue(s.get("error").isJsonNull(), () -> "error " + s.get("error"));
        assertEquals(2, browser.media().liveTrackCount());
        browser.awaitShowing("capture.indicator");
    }

    @Test
    void stopInTheChromeEndsThePagesTracksWithEndedEvents() {
        allowCall();
        browser.clickNamed("capture.indicator.stop");
        JsonObject s = Wait.value("both tracks ended", Duration.ofSeconds(10),
                () -> browser.eval(tab, "probe.state()").getAsJsonObject(),
                x -> x.getAsJsonArray("ended").size() == 2);
        for (var t : s.getAsJsonArray("tracks")) {
            assertEquals("ended", t.getAsJsonObject().get("readyState").getAsString());
        }
        assertEquals(0, browser.media().liveTrackCount());
        browser.awaitGone("capture.indicator");
    }

    @Test
    void trackStopInThePageReleasesTheSource() {
        allowCall();
        browser.eval(tab, "probe.stopAll(), true");
        Wait.until("sources released", Duration.ofSeconds(10), () -> browser.media().liveTrackCount() == 0);
        browser.awaitGone("capture.indicator");
        // stop() is the page's own act: no 'ended' event (Media Capture spec).
        JsonArray ended = browser.eval(tab, "probe.state().ended").getAsJsonArray();
        assertEquals(0, ended.size());
    }

    @Test
    void navigationEndsCaptureAndTheIndicator() {
        allowCall();
        browser.navigate(tab, browser.pages().url("/call.html?next"));
        Wait.until("capture stopped", Duration.ofSeconds(10), () -> browser.media().liveTrackCount() == 0);
        browser.awaitGone("capture.indicator");
    }

    @Test
    void navigationWithdrawsAnOpenPrompt() {
        browser.eval(tab, "probe.start({video: true})");
        browser.awaitShowing("consent.prompt");
        browser.navigate(tab, browser.pages().url("/call.html?elsewhere"));
        browser.awaitGone("consent.prompt");
        assertEquals(0, browser.media().liveTrackCount());
    }

    @Test
    void closingTheTabEndsCaptureAndWithdrawsItsPrompt() throws Exception {
        BrowserTab other = browser.open(browser.pages().url("/call.html?other"));
        browser.eval(other, "probe.start({audio: true})");
        browser.clickNamed("consent.allow");
        Wait.until("capturing", Duration.ofSeconds(10), () -> browser.media().liveTrackCount() == 1);
        browser.eval(other, "probe.start({video: true})");
        browser.awaitShowing("consent.prompt");
        browser.close(other);
        Wait.until("capture stopped", Duration.ofSeconds(10), () -> browser.media().liveTrackCount() == 0);
        browser.awaitGone("consent.prompt");
    }
}
