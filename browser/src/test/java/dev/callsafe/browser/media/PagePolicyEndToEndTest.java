package dev.callsafe.browser.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

import dev.callsafe.browser.BrowserFixture;
import dev.callsafe.browser.Wait;
import dev.callsafe.browser.shell.BrowserTab;
import dev.callsafe.permissions.Origin;

/**
 * A page's own permissions policy (its {@code Permissions-Policy} header, {@code allow="camera 'none'"} on a
 * same-origin iframe) binds our getUserMedia as it binds Chromium's: a defence pages use against injected
 * scripts.
 */
class PagePolicyEndToEndTest {
    private BrowserFixture browser;
    private BrowserTab tab;

    @BeforeEach
    void open() throws Exception {
        browser = BrowserFixture.get();
        tab = browser.freshTab("/call.html");
    }

    @AfterEach
    void forget() {
        browser.stopAllCapture();
        BrowserFixture.onEdt(() -> browser.media().clearSiteData(Origin.of(browser.pages().url("/"))));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private JsonObject settled(String where) {
        return Wait.value("getUserMedia settled", Duration.ofSeconds(15),
                () -> browser.eval(tab, String.format(where, "probe.state()")).getAsJsonObject(),
                s -> s.get("settled").getAsBoolean());
    }

    private String kinds(String where) {
        JsonArray list = browser.eval(tab, String.format(where, "probe.devices()")).getAsJsonArray();
        StringBuilder out = new StringBuilder();
        list.forEach(d -> out.append(d.getAsJsonObject().get("kind").getAsString()).append(' '));
        return out.toString().trim();
    }

    @Test
    void thePagesPermissionsPolicyHeaderBlocksWhatItNames() {
        browser.navigate(tab, browser.pages().url("/call.html?policy=" + enc("camera=()")));
        String here = "%s"; // evaluated in the page itself
        browser.eval(tab, "probe.start({video: true})");
        JsonObject s = settled(here);
        assertEquals("NotAllowedError", s.getAsJsonObject("error").get("name").getAsString(), s.toString());
        assertTrue(s.getAsJsonObject("error").get("message").getAsString().contains("permissions policy"), s.toString());
        assertTrue(browser.showing("consent.prompt").isEmpty(), "no prompt for a blocked kind");
        assertEquals("denied", browser.eval(tab, "probe.query('camera')").getAsString(),
                "the page's own policy reads denied from the start: no user choice to hide");
        assertEquals("audioinput", kinds(here), "the blocked kind is not enumerated");

        browser.eval(tab, "probe.start({audio: true})");
        browser.clickNamed("consent.allow");
        JsonObject ok = settled(here);
        assertTrue(ok.get("error").isJsonNull(), ok.toString());
        assertEquals("denied", browser.eval(tab, "probe.query('camera')").getAsString(), "after a success: still denied");
        assertEquals("granted", browser.eval(tab, "probe.query('microphone')").getAsString());
    }

    @Test
    void aSameOriginIframeWithAllowNoneIsRefused() {
        String child = browser.pages().url("/call.html");
        browser.navigate(tab, browser.pages().url("/delegate.html?src=" + enc(child) + "&allow=" + enc("camera 'none'")));
        Wait.until("iframe loaded", Duration.ofSeconds(15), () -> browser.eval(tab, "probe.inChild("
                + new JsonPrimitive("document.readyState === 'complete' && !!window.probe") + ")").getAsBoolean());
        browser.eval(tab, "probe.inChild('probe.start({video: true})')");
        JsonObject s = settled("probe.inChild('%s')");
        assertEquals("NotAllowedError", s.getAsJsonObject("error").get("name").getAsString(), s.toString());
        assertTrue(browser.showing("consent.prompt").isEmpty());
        assertEquals("audioinput", kinds("probe.inChild('%s')"));
        assertEquals("denied", browser.eval(tab, "probe.inChild('probe.query(\\'camera\\')')").getAsString());
    }
}
