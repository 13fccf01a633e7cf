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
 * A document capturing the camera and microphone may play media with sound without a click, as in Chromium
 * (a call's remote audio must not stay silent); a document that captures nothing still may not.
 */
class AutoplayEndToEndTest {
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

    @Test
    void aDocumentCapturingCameraAndMicrophonePlaysSoundWithoutAClick() {
        browser.eval(tab, "probe.start({video: {width: 320, height: 240}, audio: true})");
        browser.clickNamed("consent.allow");
        JsonObject state = Wait.value("getUserMedia settled", Duration.ofSeconds(20),
                () -> browser.eval(tab, "probe.state()").getAsJsonObject(), s -> s.get("settled").getAsBoolean());
        assertTrue(state.get("error").isJsonNull(), () -> "error: " + state.get("error"));

        JsonObject tone = browser.eval(tab, "probe.playTone()").getAsJsonObject();
        assertTrue(tone.get("error").isJsonNull(), () -> "audio.play() refused: " + tone);
        assertFalse(tone.get("muted").getAsBoolean());
        assertTrue(tone.get("advanced").getAsDouble() >= 0.2, () -> "the tone did not play: " + tone);

        JsonObject call = browser.eval(tab, "probe.playStream()").getAsJsonObject();
        assertTrue(call.get("error").isJsonNull(), () -> "unmuted video.play() refused: " + call);
        assertTrue(call.get("advanced").getAsDouble() >= 0.2, () -> "the stream did not play: " + call);

        // Only playback was granted: no transient activation, which would open popups and share pickers.
        assertFalse(browser.eval(tab, "navigator.userActivation.isActive").getAsBoolean());
    }

    @Test
    void aDocumentWithoutCaptureStillNeedsAClick() {
        JsonObject tone = browser.eval(tab, "probe.playTone()").getAsJsonObject();
        assertEquals("NotAllowedError", tone.get("error").isJsonNull() ? "played" : tone.get("error").getAsString(),
                () -> "autoplay with sound was allowed without capture: " + tone);
        assertFalse(browser.eval(tab, "navigator.userActivation.hasBeenActive").getAsBoolean());
    }
}
