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
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import dev.callsafe.browser.BrowserFixture;
import dev.callsafe.browser.Wait;
import dev.callsafe.browser.shell.BrowserTab;
import dev.callsafe.permissions.Origin;

/**
 * Cross-origin iframes get camera and microphone only as far as their embedder delegated them with
 * {@code allow=}, as Chromium's permissions policy says, and their prompt names both origins.
 */
class DelegationEndToEndTest {
    private BrowserFixture browser;
    private BrowserTab tab;

    @BeforeEach
    void open() throws Exception {
        browser = BrowserFixture.get();
        tab = browser.freshTab("/call.html");
    }

    @AfterEach
    void forget() {
        for (int i = 0; i < 2; i++) {
            int index = i;
            browser.eval(tab, "document.querySelectorAll('iframe').length > " + index
                    + " ? probe.inChild('probe.stopAll(), true', " + index + ") : true");
        }
        browser.stopAllCapture();
        BrowserFixture.onEdt(() -> {
            browser.media().clearSiteData(Origin.of(browser.pages().url("/")));
            browser.media().clearSiteData(Origin.of(browser.pages().otherOrigin("/")));
            browser.media().clearSiteData(Origin.of(browser.pages().otherPort("/")));
        });
    }

    /** Loads a page embedding {@code child} with that {@code allow=} (none when empty), and maybe a twin. */
    private void embed(String child, String allow, String twinAllow) {
        String url = browser.pages().url("/delegate.html?src=" + enc(child) + "&allow=" + enc(allow)
                + (twinAllow == null ? "" : "&twin=" + enc(twinAllow)));
        browser.navigate(tab, url);
        int frames = twinAllow == null ? 1 : 2;
        for (int i = 0; i < frames; i++) {
            String expr = "probe.inChild('document.readyState === \"complete\" && window.inlineSawShim', " + i + ")";
            Wait.until("iframe " + i + " loaded", Duration.ofSeconds(15), () -> browser.eval(tab, expr).getAsBoolean());
        }
    }

    /** Evaluates in the iframe inside the first iframe. */
    private JsonElement inGrandchild(String expr) {
        return inChild("probe.inChild(" + new com.google.gson.JsonPrimitive(expr) + ")");
    }

    /** The top page embeds {@code middle} with {@code allowMiddle}; that embeds {@code inner} with {@code allowInner}. */
    private void embedNested(String allowMiddle, String middleHost, String inner, String allowInner) {
        String middle = middleHost + "/delegate.html?src=" + enc(inner) + "&allow=" + enc(allowInner);
        embed(middle, allowMiddle, null);
        Wait.until("nested iframe loaded", Duration.ofSeconds(15), () -> inGrandchild(
                "document.readyState === 'complete' && window.inlineSawShim").getAsBoolean());
    }

    private JsonObject grandchildSettled() {
        return Wait.value("nested iframe getUserMedia settled", Duration.ofSeconds(15),
                () -> inGrandchild("probe.state()").getAsJsonObject(), s -> s.get("settled").getAsBoolean());
    }

    private JsonElement inChild(String expr) {
        return browser.eval(tab, "probe.inChild(" + new com.google.gson.JsonPrimitive(expr) + ")");
    }

    private JsonObject childSettled() {
        return Wait.value("iframe getUserMedia settled", Duration.ofSeconds(15),
                () -> inChild("probe.state()").getAsJsonObject(), s -> s.get("settled").getAsBoolean());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private void assertRefusedWithoutPrompt(String constraints) {
        inChild("probe.start(" + constraints + ")");
        JsonObject s = childSettled();
        JsonObject error = s.getAsJsonObject("error");
        assertEquals("NotAllowedError", error.get("name").getAsString(), s.toString());
        assertTrue(error.get("message").getAsString().contains("allow="), s.toString());
        assertTrue(browser.showing("consent.prompt").isEmpty(), "no prompt for an undelegated frame");
    }

    @Test
    void crossSiteIframeWithAllowIsAskedInBothOriginsNamesAndGetsFrames() {
        String child = browser.pages().otherOrigin("/call.html");
        embed(child, "camera; microphone", null);
        assertEquals("prompt", inChild("probe.query('camera')").getAsString());
        inChild("probe.start({video: {width: 320, height: 240}, audio: true})");
        String prompt = browser.text("consent.text");
        assertTrue(prompt.contains("http://localhost:" + browser.pages().port()), prompt);
        assertTrue(prompt.contains("embedded in <b>http://127.0.0.1:" + browser.pages().port()), prompt);
        browser.clickNamed("consent.allow");
        JsonObject s = childSettled();
        assertTrue(s.get("error").isJsonNull(), s.toString());
        assertEquals(2, s.getAsJsonArray("tracks").size(), s.toString());
        JsonArray frames = inChild("probe.video(5, 10000)").getAsJsonArray();
        assertTrue(frames.size() >= 5, "frames shown in the iframe: " + frames.size());
        long stamped = 0;
        for (JsonElement f : frames) {
            stamped += f.getAsJsonObject().get("stamp").isJsonNull() ? 0 : 1;
        }
        assertTrue(stamped >= 4, "frames with a readable stamp: " + stamped);
        assertEquals("granted", inChild("probe.query('camera')").getAsString());
        assertEquals("granted", inChild("probe.query('microphone')").getAsString());

        // The same origin embedded without allow=: denied, no longer masked as prompt after a success.
        embed(child, "", null);
        assertEquals("denied", inChild("probe.query('camera')").getAsString());
        assertRefusedWithoutPrompt("{video: true}");
    }

    @Test
    void aBlankFrameMadeByADelegatedIframeInheritsItsDelegation() {
        embed(browser.pages().otherOrigin("/call.html"), "camera", null);
        assertTrue(inChild("(() => { const f = document.createElement('iframe'); document.body.appendChild(f);"
                + " window.blank = f; return f.contentWindow.__callsafeMediaShim === true; })()").getAsBoolean());
        inChild("probe.start({video: {width: 320, height: 240}}, blank.contentWindow.navigator.mediaDevices)");
        String prompt = browser.text("consent.text");
        assertTrue(prompt.contains("http://localhost:" + browser.pages().port() + "</b> (embedded in"), prompt);
        browser.clickNamed("consent.allow");
        JsonObject s = childSettled();
        assertTrue(s.get("error").isJsonNull(), s.toString());
        JsonArray frames = inChild("probe.video(3, 10000)").getAsJsonArray();
        assertTrue(frames.size() >= 3, "frames shown: " + frames.size());
        inChild("probe.stopAll(), true");
        Wait.until("track stopped", Duration.ofSeconds(10), () -> browser.media().liveTrackCount() == 0);

        inChild("probe.start({audio: true}, blank.contentWindow.navigator.mediaDevices)");
        JsonObject refused = childSettled();
        assertEquals("NotAllowedError", refused.getAsJsonObject("error").get("name").getAsString(), refused.toString());
    }

    @Test
    void crossSiteIframeWithoutAllowIsRefusedWithoutAPrompt() {
        embed(browser.pages().otherOrigin("/call.html"), "", null);
        assertEquals("denied", inChild("probe.query('camera')").getAsString(),
                "an iframe missing allow= reads denied (seed 004): the page's markup, not the user's block");
        assertRefusedWithoutPrompt("{video: true, audio: true}");
        assertEquals(0, browser.media().liveTrackCount());
    }

    @Test
    void cameraOnlyDelegationRefusesTheMicrophone() {
        embed(browser.pages().otherOrigin("/call.html"), "camera", null);
        assertRefusedWithoutPrompt("{audio: true}");
        assertRefusedWithoutPrompt("{video: true, audio: true}");
        inChild("probe.start({video: {width: 320, height: 240}})");
        browser.clickNamed("consent.allow");
        JsonObject s = childSettled();
        assertTrue(s.get("error").isJsonNull(), s.toString());
        assertEquals("granted", inChild("probe.query('camera')").getAsString());
        assertEquals("denied", inChild("probe.query('microphone')").getAsString());
    }

    private String childDeviceKinds() {
        JsonArray list = inChild("probe.devices()").getAsJsonArray();
        StringBuilder kinds = new StringBuilder();
        for (JsonElement d : list) {
            JsonObject o = d.getAsJsonObject();
            kinds.append(o.get("kind").getAsString()).append(o.get("label").getAsString().isEmpty() ? "" : "+label")
                    .append(' ');
        }
        return kinds.toString().trim();
    }

    @Test
    void enumerateDevicesLeavesOutWhatTheFrameWasNotDelegated() {
        String child = browser.pages().otherOrigin("/call.html");
        embed(child, "", null);
        assertEquals("", childDeviceKinds(), "no allow=: no devices at all");
        // The top-level page holds a camera grant: labels are revealed to delegated frames only.
        browser.eval(tab, "probe.start({video: {width: 320, height: 240}})");
        browser.clickNamed("consent.allow");
        Wait.until("top-level capturing", Duration.ofSeconds(15), () -> browser.media().liveTrackCount() == 1);
        assertEquals("", childDeviceKinds());

        embed(child, "camera", null);
        assertEquals("videoinput", childDeviceKinds(), "camera only, no labels once the call ended");
        browser.eval(tab, "probe.start({video: {width: 320, height: 240}})");
        browser.clickNamed("consent.allow");
        Wait.until("top-level capturing", Duration.ofSeconds(15), () -> browser.media().liveTrackCount() == 1);
        assertEquals("videoinput+label", childDeviceKinds(), "the top-level grant is the delegated frame's");

        embed(child, "camera; microphone", null);
        assertEquals("videoinput audioinput", childDeviceKinds());
    }

    @Test
    void twinIframesOfOneUrlWithDifferentAllowEachGetWhatTheirOwnAttributeGives() {
        // Issue 15 item 5: the engine tells the twins apart; before, the undelegated one decided for both.
        embed(browser.pages().otherOrigin("/call.html"), "camera; microphone", "");
        // Lookups of both twins at once (six overlapping): each twin still answers for itself.
        String each = "Promise.all([probe.query(\\'camera\\'), probe.query(\\'microphone\\'),"
                + " navigator.mediaDevices.enumerateDevices().then(l => l.length)])";
        assertEquals("[[\"prompt\",\"prompt\",2],[\"denied\",\"denied\",0]]", browser.eval(tab,
                "Promise.all([probe.inChild('" + each + "', 0), probe.inChild('" + each + "', 1)])").toString());
        inChild("probe.start({video: {width: 320, height: 240}})");
        String prompt = browser.text("consent.text");
        assertTrue(prompt.contains("http://localhost:" + browser.pages().port()), prompt);
        browser.clickNamed("consent.allow");
        JsonObject s = childSettled();
        assertTrue(s.get("error").isJsonNull(), "the delegated twin got its camera: " + s);
        assertEquals("granted", inChild("probe.query('camera')").getAsString());

        // The twin without allow= is refused without a prompt, though its delegated twin holds a call grant.
        browser.eval(tab, "probe.inChild('probe.start({video: {width: 320, height: 240}})', 1)");
        JsonObject t = Wait.value("the undelegated twin settled", Duration.ofSeconds(15),
                () -> browser.eval(tab, "probe.inChild('probe.state()', 1)").getAsJsonObject(),
                r -> r.get("settled").getAsBoolean());
        JsonObject error = t.getAsJsonObject("error");
        assertEquals("NotAllowedError", error.get("name").getAsString(), t.toString());
        assertTrue(error.get("message").getAsString().contains("allow="), t.toString());
        assertTrue(browser.showing("consent.prompt").isEmpty(), "no prompt for the undelegated twin");
        assertEquals("denied", browser.eval(tab, "probe.inChild(\"probe.query('camera')\", 1)").getAsString());
        assertEquals(1, browser.media().liveTrackCount(), "only the delegated twin captures");
    }

    @Test
    void aNestedOutOfProcessIframeHasThePageScriptAndIsDelegatedThroughEveryAncestor() {
        String localhost = "http://localhost:" + browser.pages().port();
        String inner = browser.pages().otherPort("/call.html");
        embedNested("camera; microphone", localhost, inner, "camera; microphone");
        inGrandchild("probe.start({video: {width: 320, height: 240}})");
        String prompt = browser.text("consent.text");
        assertTrue(prompt.contains(Origin.of(inner).display() + "</b> (embedded in <b>http://127.0.0.1:"
                + browser.pages().port()), prompt);
        browser.clickNamed("consent.allow");
        JsonObject s = grandchildSettled();
        assertTrue(s.get("error").isJsonNull(), s.toString());
        assertEquals(1, browser.media().liveTrackCount());
        inGrandchild("probe.stopAll(), true");
        Wait.until("track stopped", Duration.ofSeconds(10), () -> browser.media().liveTrackCount() == 0);

        // The middle frame delegates, but was not delegated itself: nothing to pass on.
        embedNested("", localhost, inner, "camera; microphone");
        inGrandchild("probe.start({video: true})");
        JsonObject refused = grandchildSettled();
        assertEquals("NotAllowedError", refused.getAsJsonObject("error").get("name").getAsString(), refused.toString());
        assertTrue(browser.showing("consent.prompt").isEmpty());
    }

    @Test
    void anUndelegatedIframeCannotBorrowADelegatedSiblingsUrl() {
        String delegated = browser.pages().otherOrigin("/call.html?delegated");
        String other = browser.pages().otherOrigin("/call.html?other");
        browser.navigate(tab, browser.pages().url("/delegate.html?src=" + enc(delegated) + "&allow="
                + enc("camera; microphone") + "&twin=&twinSrc=" + enc(other)));
        for (int i = 0; i < 2; i++) {
            String expr = "probe.inChild('document.readyState === \"complete\" && window.inlineSawShim', " + i + ")";
            Wait.until("iframe " + i + " loaded", Duration.ofSeconds(15), () -> browser.eval(tab, expr).getAsBoolean());
        }
        // The second frame rewrites its URL to the delegated one's (same origin, so history allows it).
        assertEquals(delegated, browser.eval(tab, "probe.inChild(\"history.replaceState(null, '', '/call.html?delegated'),"
                + " location.href\", 1)").getAsString());
        browser.eval(tab, "probe.inChild('probe.start({video: true})', 1)");
        JsonObject s = Wait.value("second iframe settled", Duration.ofSeconds(15),
                () -> browser.eval(tab, "probe.inChild('probe.state()', 1)").getAsJsonObject(),
                x -> x.get("settled").getAsBoolean());
        assertEquals("NotAllowedError", s.getAsJsonObject("error").get("name").getAsString(), s.toString());
        assertTrue(browser.showing("consent.prompt").isEmpty(), "no prompt for the borrowed URL");
    }

    @Test
    void sameSiteCrossOriginIframeFollowsAllowToo() {
        String child = browser.pages().otherPort("/call.html");
        embed(child, "", null);
        assertRefusedWithoutPrompt("{video: true}");

        embed(child, "camera; microphone", null);
        inChild("probe.start({video: {width: 320, height: 240}})");
        String prompt = browser.text("consent.text");
        assertTrue(prompt.contains(Origin.of(child).serialize()) && prompt.contains("embedded in"), prompt);
        browser.clickNamed("consent.allow");
        JsonObject s = childSettled();
        assertTrue(s.get("error").isJsonNull(), s.toString());
        assertEquals(1, browser.media().liveTrackCount());
    }
}
