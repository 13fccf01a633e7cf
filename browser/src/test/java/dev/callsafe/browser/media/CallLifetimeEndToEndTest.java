package dev.callsafe.browser.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;

import dev.callsafe.browser.BrowserFixture;
import dev.callsafe.browser.Wait;
import dev.callsafe.browser.shell.BrowserTab;
import dev.callsafe.permissions.CallLimits;
import dev.callsafe.permissions.Origin;

/**
 * A call lasts as long as the page's session (issue 16): a person allows once, the meeting turns its camera
 * off and on without a new prompt, and the grant ends with navigation, Stop, or a while in the background.
 * The page's camera button is a person's real click (XTest) in the page; the prompt's buttons are clicked by
 * the real mouse.
 */
class CallLifetimeEndToEndTest {
    private static final String CAMERA = "probe.start({video: {width: 320, height: 240}})";

    private BrowserFixture browser;
    private BrowserTab tab;
    private Origin origin;

    @BeforeEach
    void open() throws Exception {
        browser = BrowserFixture.get();
        tab = browser.freshTab("/call.html");
        origin = Origin.of(browser.pages().url("/"));
    }

    @AfterEach
    void hangUp() {
        System.clearProperty(CallLimits.BACKGROUND_PROPERTY);
        browser.stopAllCapture();
        BrowserFixture.onEdt(() -> browser.media().clearSiteData(origin));
    }

    private JsonObject settled() {
        return Wait.value("getUserMedia settled", Duration.ofSeconds(15),
                () -> browser.eval(tab, "probe.state()").getAsJsonObject(), x -> x.get("settled").getAsBoolean());
    }

    /** The person clicks the page's camera button and then Allow. */
    private void allowOnce() {
        browser.evalOnClick(tab, CAMERA);
        browser.clickNamed("consent.allow");
        JsonObject s = settled();
        assertTrue(s.get("error").isJsonNull(), () -> "error " + s.get("error"));
        browser.awaitShowing("capture.indicator");
    }

    /** The person turns the meeting's camera off: the page stops its tracks. */
    private void cameraOff() {
        browser.evalOnClick(tab, "(probe.stopAll(), true)");
        Wait.until("camera released", Duration.ofSeconds(10), () -> browser.media().liveTrackCount() == 0);
    }

    private String query() {
        return browser.eval(tab, "probe.query('camera')").getAsString();
    }

    @Test
    void cameraOffAndOnThreeTimesDoesNotPromptAgain() {
        allowOnce();
        assertTrue(browser.text("capture.indicator.text").contains("Synthetic camera"),
                "the indicator names the camera in use: " + browser.text("capture.indicator.text"));
        for (int i = 0; i < 3; i++) {
            cameraOff();
            browser.awaitShowing("capture.call");
            String quiet = browser.text("capture.call.text");
            assertTrue(quiet.contains("Camera allowed for this call \u2014 off"), quiet);
            assertEquals("granted", query(), "off is not the end of the call");

            browser.evalOnClick(tab, CAMERA);
            JsonObject s = settled();
            assertTrue(s.get("error").isJsonNull(), () -> "camera back on, round " + s);
            assertTrue(browser.showing("consent.prompt").isEmpty(), "no prompt when the camera comes back on");
            assertEquals(1, browser.media().liveTrackCount());
            browser.awaitShowing("capture.indicator");
        }
    }

    @Test
    void anotherKindInTheCallAsksForThatKindOnly() {
        allowOnce();
        cameraOff();
        browser.evalOnClick(tab, "probe.start({audio: true})");
        browser.awaitShowing("consent.prompt");
        String prompt = browser.text("consent.text");
        assertTrue(prompt.contains("microphone") && !prompt.contains("camera"), prompt);
        browser.clickNamed("consent.block");
        assertEquals("NotAllowedError", settled().getAsJsonObject("error").get("name").getAsString());
        assertEquals("granted", query(), "blocking the microphone for now leaves the camera's grant");
    }

    @Test
    void navigationEndsTheCall() {
        allowOnce();
        cameraOff();
        assertEquals("granted", query());
        browser.navigate(tab, browser.pages().url("/call.html?next"));
        assertEquals("prompt", query());
        browser.awaitGone("capture.call");
        browser.evalOnClick(tab, CAMERA);
        browser.awaitShowing("consent.prompt");
        browser.clickNamed("consent.block");
        assertEquals("NotAllowedError", settled().getAsJsonObject("error").get("name").getAsString());
    }

    @Test
    void stopInTheQuietIndicatorEndsTheGrant() {
        allowOnce();
        cameraOff();
        browser.clickNamed("capture.call.stop");
        browser.awaitGone("capture.call");
        Wait.until("query says prompt", Duration.ofSeconds(10), () -> "prompt".equals(query()));
        browser.evalOnClick(tab, CAMERA);
        browser.awaitShowing("consent.prompt");
        browser.clickNamed("consent.dismiss");
        assertEquals("NotAllowedError", settled().getAsJsonObject("error").get("name").getAsString());
    }

    @Test
    void aWhileInTheBackgroundWithoutCaptureEndsTheGrant() throws Exception {
        System.setProperty(CallLimits.BACKGROUND_PROPERTY, "2000");
        allowOnce();
        cameraOff();
        assertEquals("granted", query());
        BrowserTab other = browser.open(browser.pages().url("/target.html"));
        Wait.until("the call's tab is in the background", Duration.ofSeconds(10),
                () -> browser.current().orElse(null) == other);
        Wait.until("the grant ended in the background", Duration.ofSeconds(15), () -> "prompt".equals(query()));
        browser.evalOnClick(tab, CAMERA); // selects the call's tab again, then the person's click
        browser.awaitShowing("consent.prompt");
        browser.clickNamed("consent.allow");
        assertTrue(settled().get("error").isJsonNull());
    }
}
