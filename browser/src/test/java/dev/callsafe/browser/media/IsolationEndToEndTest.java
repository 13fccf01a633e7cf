package dev.callsafe.browser.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import dev.callsafe.browser.BrowserFixture;
import dev.callsafe.browser.Wait;
import dev.callsafe.browser.cef.DevTools;
import dev.callsafe.browser.shell.BrowserTab;

/**
 * The security boundary: the page script is in every document first, Chromium's own capture gives
 * nothing, cross-origin frames are refused without delegation, and a stream opens only for its frame.
 */
class IsolationEndToEndTest {
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
    void pageScriptRunsBeforeThePagesOwnInlineScript() {
        assertTrue(browser.eval(tab, "window.inlineSawShim").getAsBoolean());
    }

    @Test
    void chromiumsNativeCaptureIsDeniedWithoutAnyPrompt() throws Exception {
        // An isolated world has pristine prototypes: there the page reaches Chromium's own getUserMedia.
        var devtools = tab.browser().getDevToolsClient();
        JsonObject tree = JsonParser.parseString(DevTools.call(devtools, "Page.getFrameTree", null)
                .get(10, TimeUnit.SECONDS)).getAsJsonObject();
        String frameId = tree.getAsJsonObject("frameTree").getAsJsonObject("frame").get("id").getAsString();
        JsonObject world = JsonParser.parseString(DevTools.call(devtools, "Page.createIsolatedWorld",
                "{\"frameId\":\"" + frameId + "\",\"worldName\":\"native-probe\"}").get(10, TimeUnit.SECONDS))
                .getAsJsonObject();
        int context = world.get("executionContextId").getAsInt();
        JsonObject eval = new JsonObject();
        eval.addProperty("contextId", context);
        eval.addProperty("awaitPromise", true);
        eval.addProperty("returnByValue", true);
        eval.addProperty("userGesture", true);
        eval.addProperty("expression", "(async () => (window.__callsafeMediaShim ? 'shim present' : 'native') + ' / ' + "
                + "(navigator.mediaDevices.getUserMedia.toString().includes('[native code]') ? 'native fn' : 'shim fn')"
                + " + ' / ' + await navigator.mediaDevices.getUserMedia({video: true, audio: true})"
                + ".then(s => 'GOT ' + s.getTracks().length + ' tracks', e => e.name))()");
        String result = JsonParser.parseString(DevTools.call(devtools, "Runtime.evaluate", eval.toString())
                .get(20, TimeUnit.SECONDS)).getAsJsonObject().getAsJsonObject("result").get("value").getAsString();
        assertEquals("native / native fn / NotAllowedError", result);
        assertTrue(browser.showing("consent.prompt").isEmpty());
        assertEquals(0, browser.media().liveTrackCount());
    }

    @Test
    void scriptCreatedBlankIframeGoesThroughTheBrowsersPrompt() {
        assertTrue(browser.eval(tab, "(() => { const f = document.createElement('iframe');"
                + " document.body.appendChild(f); window.blank = f;"
                + " return f.contentWindow.__callsafeMediaShim === true; })()").getAsBoolean());
        browser.eval(tab, "probe.start({video: true}, blank.contentWindow.navigator.mediaDevices)");
        String prompt = browser.text("consent.text");
        assertTrue(prompt.contains("127.0.0.1:" + browser.pages().port()), prompt);
        browser.clickNamed("consent.block");
        JsonObject s = Wait.value("settled", Duration.ofSeconds(10),
                () -> browser.eval(tab, "probe.state()").getAsJsonObject(), x -> x.get("settled").getAsBoolean());
        assertEquals("NotAllowedError", s.getAsJsonObject("error").get("name").getAsString());
    }

    @Test
    void crossOriginIframeWithoutDelegationIsRefusedWithoutAPrompt() throws Exception {
        String child = browser.pages().otherOrigin("/call.html");
        browser.navigate(tab, browser.pages().url("/embed.html?" + child));
        Wait.until("child loaded", Duration.ofSeconds(15), () -> "complete".equals(
                browser.eval(tab, "probe.inChild('document.readyState')").getAsString()));
        assertTrue(browser.eval(tab, "probe.inChild('window.inlineSawShim')").getAsBoolean(),
                "the page script reached the cross-origin iframe before its inline script");
        String answer = browser.eval(tab, "probe.inChild(\"navigator.mediaDevices.getUserMedia({video: true})"
                + ".then(() => 'granted', e => e.name + ': ' + e.message)\")").getAsString();
        assertTrue(answer.startsWith("NotAllowedError") && answer.contains("allow="), answer);
        assertTrue(browser.showing("consent.prompt").isEmpty());
    }

    @Test
    void aStreamTokenReplayedFromAnotherOriginOrTwiceYieldsNothing() throws Exception {
        browser.eval(tab, "probe.start({video: {width: 320, height: 240}})");
        browser.clickNamed("consent.allow");
        Wait.until("capturing", Duration.ofSeconds(15), () -> browser.media().liveTrackCount() == 1);
        List<String> tokens = browser.media().liveTokens(tab.id());
        assertEquals(1, tokens.size());
        String url = "callsafe-stream://media/" + tokens.get(0);

        BrowserTab thief = browser.open(browser.pages().otherOrigin("/call.html"));
        JsonObject stolen = browser.eval(thief, "probe.readStream('" + url + "')").getAsJsonObject();
        assertFalse(stolen.get("ok").getAsBoolean(), "another origin read the stream: " + stolen);
        assertEquals(0, stolen.get("bytes").getAsInt());

        JsonObject again = browser.eval(tab, "probe.readStream('" + url + "')").getAsJsonObject();
        assertFalse(again.get("ok").getAsBoolean(), "the stream opened twice: " + again);
        // The legitimate track still runs.
        assertEquals(1, browser.media().liveTrackCount());
        browser.close(thief);
    }

    @Test
    void popupsOpenAsTabsThatHaveThePageScript() throws Exception {
        int before = browser.browser().window().tabs().size();
        browser.evalOnClick(tab, "window.open('" + browser.pages().url("/call.html?popup") + "'), true");
        Wait.until("popup tab opened", Duration.ofSeconds(15),
                () -> browser.browser().window().tabs().size() == before + 1);
        BrowserTab popup = browser.browser().window().tabs().get(before);
        popup.ready().get(30, TimeUnit.SECONDS);
        Wait.until("popup loaded", Duration.ofSeconds(15), () -> browser.eval(popup,
                "location.search === '?popup' && document.readyState === 'complete'").getAsBoolean());
        assertTrue(browser.eval(popup, "window.inlineSawShim").getAsBoolean());
    }
}
