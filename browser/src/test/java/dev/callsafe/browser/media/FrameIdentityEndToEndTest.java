package dev.callsafe.browser.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

import dev.callsafe.browser.BrowserFixture;
import dev.callsafe.browser.Wait;
import dev.callsafe.browser.cef.FramePolicies;
import dev.callsafe.browser.shell.BrowserTab;
import dev.callsafe.permissions.Origin;

/**
 * A frame's identity comes from the engine, and a lookup the engine cannot answer refuses: a sandboxed
 * iframe (opaque origin, whatever its URL) is refused without a prompt, and a renderer kept busy past the
 * lookup's time-out gets a refusal, never a prompt.
 */
class FrameIdentityEndToEndTest {
    private BrowserFixture browser;
    private BrowserTab tab;

    @BeforeEach
    void open() throws Exception {
        browser = BrowserFixture.get();
        tab = browser.freshTab("/call.html");
    }

    @AfterEach
    void forget() {
        System.clearProperty(FramePolicies.TIMEOUT_PROPERTY);
        // Leaving the page ends its frames' tracks (some frames here have no probe left to ask).
        browser.navigate(tab, browser.pages().url("/call.html"));
        browser.stopAllCapture();
        BrowserFixture.onEdt(() -> browser.media().clearSiteData(Origin.of(browser.pages().url("/"))));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private void embedSameOrigin(String sandbox) {
        browser.navigate(tab, browser.pages().url("/delegate.html?src=" + enc(browser.pages().url("/call.html"))
                + "&allow=" + enc("camera; microphone") + "&sandbox=" + enc(sandbox)));
        Wait.until("iframe loaded", Duration.ofSeconds(15), () -> inChild(
                "document.readyState === 'complete' && window.inlineSawShim === true").getAsBoolean());
    }

    private JsonElement inChild(String expr) {
        return browser.eval(tab, "probe.inChild(" + new JsonPrimitive(expr) + ")");
    }

    /** Waits until the request settled or a prompt showed, whichever comes first. */
    private JsonObject settledOrPrompted(String stateExpr) {
        return settledOrPrompted(tab, stateExpr);
    }

    private JsonObject settledOrPrompted(BrowserTab in, String stateExpr) {
        return Wait.value("getUserMedia settled or prompted", Duration.ofSeconds(20), () -> {
            JsonObject s = browser.eval(in, stateExpr).getAsJsonObject();
            s.addProperty("prompted", !browser.showing("consent.prompt").isEmpty());
            return s;
        }, s -> s.get("settled").getAsBoolean() || s.get("prompted").getAsBoolean());
    }

    @Test
    void aSandboxedIframeWithoutAllowSameOriginHasNoOriginAndIsRefusedWithoutAPrompt() {
        embedSameOrigin("allow-scripts");
        assertEquals("null", inChild("self.origin").getAsString(), "the engine made the frame's origin opaque");
        // getUserMedia through DevTools evaluation: this is about the frame's identity, not a person's input.
        inChild("probe.start({video: true})");
        JsonObject s = settledOrPrompted("probe.inChild('probe.state()')");
        assertTrue(!s.get("prompted").getAsBoolean(), "no prompt in the top-level site's name: " + s);
        assertEquals("NotAllowedError", s.getAsJsonObject("error").get("name").getAsString(), s.toString());
        assertTrue(s.getAsJsonObject("error").get("message").getAsString().contains("opaque origin"), s.toString());
        assertEquals("denied", inChild("probe.query('camera')").getAsString());
        assertEquals(0, inChild("probe.devices()").getAsJsonArray().size(), "nothing enumerated");
    }

    @Test
    void aSandboxedIframeAllowedItsOriginKeepsItAndIsAsked() {
        embedSameOrigin("allow-scripts allow-same-origin");
        inChild("probe.start({video: {width: 320, height: 240}})");
        String prompt = browser.text("consent.text");
        assertTrue(prompt.contains("http://127.0.0.1:" + browser.pages().port()), prompt);
        browser.clickNamed("consent.allow");
        JsonObject s = Wait.value("iframe getUserMedia settled", Duration.ofSeconds(15),
                () -> inChild("probe.state()").getAsJsonObject(), x -> x.get("settled").getAsBoolean());
        assertTrue(s.get("error").isJsonNull(), s.toString());
    }

    private JsonElement inChild(String expr, int index) {
        return browser.eval(tab, "probe.inChild(" + new JsonPrimitive(expr) + ", " + index + ")");
    }

    @Test
    void anAboutBlankDocumentAnotherOriginNavigatedIsNotTakenForItsParentsOrigin() {
        // Frame 0 (localhost, delegated) and frame 1 (localhost, not delegated) under a 127.0.0.1 page. Frame 1
        // navigates frame 0 to about:blank: that document's origin is localhost (its initiator's), while its URL
        // and parent would make it look like the top-level page's own.
        browser.navigate(tab, browser.pages().url("/delegate.html?src=" + enc(browser.pages().otherOrigin("/call.html?a"))
                + "&allow=" + enc("camera; microphone") + "&twin=&twinSrc=" + enc(browser.pages().otherOrigin("/call.html?b"))));
        for (int i = 0; i < 2; i++) {
            int index = i;
            Wait.until("iframe " + i + " loaded", Duration.ofSeconds(15), () -> inChild(
                    "document.readyState === 'complete' && window.inlineSawShim === true", index).getAsBoolean());
        }
        inChild("parent.frames[0].location.href = 'about:blank', true", 1);
        Wait.until("frame 0 shows about:blank with the page script", Duration.ofSeconds(15), () -> inChild(
                "(() => { try { const w = parent.frames[0]; return w.location.href === 'about:blank'"
                        + " && w.document.readyState === 'complete' && w.__callsafeMediaShim === true; }"
                        + " catch (e) { return false; } })()", 1).getAsBoolean());
        assertEquals(browser.pages().otherOrigin(""), inChild("parent.frames[0].origin", 1).getAsString());
        // getUserMedia through DevTools evaluation: this is about the frame's identity, not a person's input.
        inChild("probe.start({video: true}, parent.frames[0].navigator.mediaDevices)", 1);
        JsonObject s = settledOrPrompted("probe.inChild('probe.state()', 1)");
        assertTrue(!s.get("prompted").getAsBoolean(), "no prompt in the top-level site's name: " + s);
        assertEquals("NotAllowedError", s.getAsJsonObject("error").get("name").getAsString(), s.toString());
    }

    /** Clicks the first iframe's document through Chromium's input pipeline (real user activation there). */
    /** A person's click (XTest) in the middle of the iframe. */
    private void clickInIframe() {
        JsonArray box = browser.eval(tab, "(() => { const r = document.querySelector('iframe')"
                + ".getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; })()").getAsJsonArray();
        browser.input().click(browser.input().screenPoint(tab, box.get(0).getAsDouble(), box.get(1).getAsDouble()),
                java.awt.event.InputEvent.BUTTON1_DOWN_MASK, 1);
    }

    /** Runs {@code open} (which calls window.open for /call.html?popup) and returns the loaded popup tab. */
    private BrowserTab popup(Runnable open) throws Exception {
        int before = browser.browser().window().tabs().size();
        open.run();
        Wait.until("popup tab opened", Duration.ofSeconds(15),
                () -> browser.browser().window().tabs().size() > before);
        BrowserTab popup = browser.browser().window().tabs().get(before);
        popup.ready().get(30, TimeUnit.SECONDS);
        Wait.until("popup loaded", Duration.ofSeconds(15), () -> browser.eval(popup,
                "location.search === '?popup' && document.readyState === 'complete' && !!window.probe").getAsBoolean());
        return popup;
    }

    @Test
    void aPopupOfASandboxedFrameKeepsTheSandboxsEffectOnMedia() throws Exception {
        String url = browser.pages().url("/call.html?popup");
        embedSameOrigin("allow-scripts allow-popups");
        // A popup opens only on user activation: a person's click in the iframe.
        inChild("document.addEventListener('click', () => window.open('" + url + "')), true");
        BrowserTab sandboxed = popup(this::clickInIframe);
        // getUserMedia through DevTools evaluation: this is about the popup's origin, not a person's input.
        browser.eval(sandboxed, "probe.start({video: true})");
        JsonObject s = settledOrPrompted(sandboxed, "probe.state()");
        assertTrue(!s.get("prompted").getAsBoolean(), "no prompt for a sandboxed frame's popup: " + s);
        assertEquals("NotAllowedError", s.getAsJsonObject("error").get("name").getAsString(), s.toString());
        assertTrue(s.getAsJsonObject("error").get("message").getAsString().contains("opaque origin"), s.toString());
        browser.close(sandboxed);

        // A popup of the (unsandboxed) page itself is asked as usual.
        BrowserTab plain = popup(() -> browser.evalOnClick(tab, "window.open('" + url + "'), true"));
        browser.eval(plain, "probe.start({video: {width: 320, height: 240}})");
        browser.clickNamed("consent.dismiss");
        JsonObject dismissed = Wait.value("dismissed", Duration.ofSeconds(15),
                () -> browser.eval(plain, "probe.state()").getAsJsonObject(), x -> x.get("settled").getAsBoolean());
        assertEquals("Permission dismissed", dismissed.getAsJsonObject("error").get("message").getAsString());
        browser.close(plain);
    }

    @Test
    void aRendererBusyPastTheLookupTimeOutGetsARefusalNeverAPrompt() {
        System.setProperty(FramePolicies.TIMEOUT_PROPERTY, "300");
        // The request leaves in this task's microtasks; the next task keeps the renderer busy for 3 s, so the
        // engine cannot answer the lookup in time.
        browser.eval(tab, "probe.start({video: true}), setTimeout(() => { const end = Date.now() + 3000;"
                + " while (Date.now() < end) {} }, 0), true");
        JsonObject s = settledOrPrompted("probe.state()");
        assertTrue(!s.get("prompted").getAsBoolean(), "no prompt: unknown is not same-origin: " + s);
        assertEquals("NotAllowedError", s.getAsJsonObject("error").get("name").getAsString(), s.toString());
        assertTrue(s.getAsJsonObject("error").get("message").getAsString().contains("could not verify"), s.toString());
        assertTrue(browser.showing("consent.prompt").isEmpty());

        // An idle renderer answers in time again: the same request is asked.
        System.clearProperty(FramePolicies.TIMEOUT_PROPERTY);
        browser.eval(tab, "probe.start({video: {width: 320, height: 240}})");
        browser.clickNamed("consent.dismiss");
        JsonObject dismissed = Wait.value("dismissed", Duration.ofSeconds(15),
                () -> browser.eval(tab, "probe.state()").getAsJsonObject(), x -> x.get("settled").getAsBoolean());
        assertEquals("NotAllowedError", dismissed.getAsJsonObject("error").get("name").getAsString());
    }
}
