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
 * The media API exists only in secure contexts (Media Capture spec, [SecureContext]); the legacy callback
 * getUserMedia takes the same consent path as mediaDevices.getUserMedia.
 */
class SecureContextEndToEndTest {
    private BrowserFixture browser;

    @BeforeEach
    void open() throws Exception {
        browser = BrowserFixture.get();
    }

    @AfterEach
    void cleanUp() {
        browser.stopAllCapture();
        browser.media().clearSiteData(dev.callsafe.permissions.Origin.of(browser.pages().url("/")));
    }

    @Test
    void anInsecurePageHasNoMediaApiAndItsBridgeCallsAreRefusedWithoutAPrompt() throws Exception {
        String url = "http://" + BrowserFixture.INSECURE_HOST + ":" + browser.pages().port() + "/call.html";
        BrowserTab insecure = browser.open(url);
        browser.closeAllBut(insecure);
        JsonObject api = browser.eval(insecure, "({secure: isSecureContext, mediaDevices: typeof navigator.mediaDevices,"
                + " inNavigator: 'mediaDevices' in navigator, getUserMedia: 'getUserMedia' in navigator,"
                + " webkitGetUserMedia: 'webkitGetUserMedia' in navigator, MediaDevices: typeof MediaDevices})")
                .getAsJsonObject();
        assertFalse(api.get("secure").getAsBoolean(), api::toString);
        assertEquals("undefined", api.get("mediaDevices").getAsString(), api::toString);
        assertFalse(api.get("inNavigator").getAsBoolean(), api::toString);
        assertFalse(api.get("getUserMedia").getAsBoolean(), api::toString);
        assertFalse(api.get("webkitGetUserMedia").getAsBoolean(), api::toString);

        // A page that calls the bridge itself is refused by the browser (the boundary is Java, not the script).
        JsonObject direct = browser.eval(insecure, "new Promise((resolve) => callsafeQuery({request: 'media:'"
                + " + JSON.stringify({op: 'getUserMedia', constraints: {video: true, audio: false}}), persistent: false,"
                + " onSuccess: (r) => resolve({granted: r}), onFailure: (c, m) => resolve(JSON.parse(m))}))")
                .getAsJsonObject();
        assertEquals("NotAllowedError", direct.get("name").getAsString(), direct::toString);
        assertTrue(direct.get("message").getAsString().contains("secure"), direct::toString);
        assertTrue(browser.showing("consent.prompt").isEmpty());
        assertEquals(0, browser.media().liveTrackCount());
    }

    @Test
    void legacyGetUserMediaAsksAndAnswersThroughItsCallbacks() throws Exception {
        BrowserTab tab = browser.freshTab("/call.html");
        JsonObject wrongUse = browser.eval(tab, "(() => { const out = {};"
                + " for (const name of ['getUserMedia', 'webkitGetUserMedia']) {"
                + "   try { navigator[name]({video: true}); out[name] = 'no error'; } catch (e) { out[name] = e.name; } }"
                + " try { navigator.getUserMedia({video: true}, 1, 2); out.notFunctions = 'no error'; }"
                + " catch (e) { out.notFunctions = e.name; }"
                + " return out; })()").getAsJsonObject();
        assertEquals("TypeError", wrongUse.get("getUserMedia").getAsString(), wrongUse::toString);
        assertEquals("TypeError", wrongUse.get("webkitGetUserMedia").getAsString(), wrongUse::toString);
        assertEquals("TypeError", wrongUse.get("notFunctions").getAsString(), wrongUse::toString);
        assertTrue(browser.showing("consent.prompt").isEmpty(), "a call that threw asked nothing");

        browser.eval(tab, "window.legacy = {}; navigator.webkitGetUserMedia({video: true},"
                + " (s) => { window.legacy.stream = s; window.legacy.ok = s.getVideoTracks()[0].readyState; },"
                + " (e) => { window.legacy.error = e.name; }), true");
        browser.clickNamed("consent.allow");
        JsonObject granted = Wait.value("success callback", Duration.ofSeconds(20),
                () -> browser.eval(tab, "({ok: window.legacy.ok || null, error: window.legacy.error || null})")
                        .getAsJsonObject(), r -> !r.get("ok").isJsonNull() || !r.get("error").isJsonNull());
        assertEquals("live", granted.get("ok").getAsString(), granted::toString);
        assertEquals(1, browser.media().liveTrackCount());
        browser.eval(tab, "window.legacy.stream.getTracks().forEach((t) => t.stop()), true");
        Wait.until("track stopped", Duration.ofSeconds(10), () -> browser.media().liveTrackCount() == 0);

        browser.eval(tab, "window.legacy = {}; navigator.getUserMedia({audio: true},"
                + " (s) => { window.legacy.ok = 'granted'; }, (e) => { window.legacy.error = e.name; }), true");
        browser.clickNamed("consent.block");
        JsonObject refused = Wait.value("error callback", Duration.ofSeconds(20),
                () -> browser.eval(tab, "({ok: window.legacy.ok || null, error: window.legacy.error || null})")
                        .getAsJsonObject(), r -> !r.get("ok").isJsonNull() || !r.get("error").isJsonNull());
        assertEquals("NotAllowedError", refused.get("error").getAsString(), refused::toString);
    }
}
