package dev.callsafe.browser.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import com.google.gson.JsonPrimitive;

import dev.callsafe.browser.BrowserFixture;
import dev.callsafe.browser.Wait;
import dev.callsafe.browser.shell.BrowserTab;
import dev.callsafe.permissions.Origin;

/**
 * One request object per call, queued per tab: frames asking at once see one prompt at a time, and a frame
 * that is removed or navigates takes its prompt (and camera preview), picker, tracks and call grant with it.
 * The getUserMedia calls are sent through DevTools evaluation (this is about the queue, not a person's input);
 * every answer is a real click on the prompt, and the share is started by a real click in the iframe.
 */
class RequestQueueEndToEndTest {
    private static final String CAMERA = "probe.start({video: {width: 320, height: 240}})";

    private BrowserFixture browser;
    private BrowserTab tab;

    @BeforeEach
    void open() throws Exception {
        browser = BrowserFixture.get();
        tab = browser.freshTab("/call.html");
    }

    @AfterEach
    void forget() {
        // Leaving the page ends its frames' tracks (some frames here have no probe left to ask).
        browser.navigate(tab, browser.pages().url("/call.html"));
        browser.stopAllCapture();
        browser.awaitGone("consent.prompt");
        BrowserFixture.onEdt(() -> {
            browser.media().clearSiteData(Origin.of(browser.pages().url("/")));
            browser.media().clearSiteData(Origin.of(browser.pages().otherOrigin("/")));
            browser.media().clearSiteData(Origin.of(browser.pages().otherPort("/")));
        });
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** A page of 127.0.0.1 embedding frames of other origins, each delegated {@code allow} (twin: optional second). */
    private void embed(String src, String allow, String twinSrc) {
        String url = "/delegate.html?src=" + enc(src) + "&allow=" + enc(allow)
                + (twinSrc == null ? "" : "&twin=" + enc(allow) + "&twinSrc=" + enc(twinSrc));
        browser.navigate(tab, browser.pages().url(url));
        for (int i = 0; i < (twinSrc == null ? 1 : 2); i++) {
            int index = i;
            Wait.until("iframe " + i + " loaded", Duration.ofSeconds(15), () -> inChild(
                    "document.readyState === 'complete' && !!window.probe", index).getAsBoolean());
        }
    }

    private JsonElement inChild(String expr, int index) {
        return browser.eval(tab, "probe.inChild(" + new JsonPrimitive(expr) + ", " + index + ")");
    }

    private JsonObject childSettled(int index) {
        return Wait.value("iframe " + index + " getUserMedia settled", Duration.ofSeconds(15),
                () -> inChild("probe.state()", index).getAsJsonObject(), s -> s.get("settled").getAsBoolean());
    }

    private int queuedPrompts() {
        return BrowserFixture.onEdtGet(() -> browser.media().queuedPrompts(tab.id()));
    }

    private static String originText(String url) {
        return url.replaceAll("/$", "");
    }

    /** The page removes its iframe (index 0) from the document. */
    private void removeIframe() {
        browser.eval(tab, "document.querySelector('iframe').remove(), true");
    }

    /** The page adds an iframe of that URL with that allow=, and waits until it loaded. */
    private void addIframe(String src, String allow) {
        browser.eval(tab, "new Promise((loaded) => { const f = document.createElement('iframe'); f.setAttribute('allow', "
                + new JsonPrimitive(allow) + "); f.onload = () => loaded(true); f.src = " + new JsonPrimitive(src)
                + "; document.body.appendChild(f); })");
        Wait.until("new iframe's probe ready", Duration.ofSeconds(15),
                () -> inChild("document.readyState === 'complete' && !!window.probe", 0).getAsBoolean());
    }

    /** The camera (and any preview of it) is closed, no track or prompt is left, and the tab holds no call. */
    private void assertNothingLeft() {
        Wait.until("camera closed", Duration.ofSeconds(10), () -> browser.media().runningCaptureCount() == 0);
        assertEquals(0, browser.media().liveTrackCount());
        Wait.until("the tab's call grants ended", Duration.ofSeconds(10), () -> browser.media().permissions()
                .callGrants(id -> id.startsWith(tab.id() + "/")).isEmpty());
        browser.awaitGone("capture.indicator");
        browser.awaitGone("capture.call");
        assertEquals(0, queuedPrompts());
    }

    @Test
    void twoIframesAskingAtOnceSeeOnePromptAtATimeAndAnsweringItShowsTheNext() {
        String first = browser.pages().otherOrigin("/call.html?a");
        String second = browser.pages().otherPort("/call.html?b");
        embed(first, "camera", second);
        inChild(CAMERA, 0);
        String text = Wait.value("first prompt", Duration.ofSeconds(15), () -> browser.text("consent.text"), t -> true);
        assertTrue(text.contains(originText(browser.pages().otherOrigin("/"))), text);
        inChild(CAMERA, 1);
        Wait.until("the second frame's request reached the browser", Duration.ofSeconds(15),
                () -> queuedPrompts() == 2 || browser.showing("consent.prompt").size() > 1);
        assertEquals(1, browser.showing("consent.prompt").size(), "one prompt visible at a time");
        assertFalse(inChild("probe.state().settled", 1).getAsBoolean(), "the second frame waits");

        browser.clickNamed("consent.allow");
        JsonObject allowed = childSettled(0);
        assertTrue(allowed.get("error").isJsonNull(), allowed.toString());
        String next = Wait.value("the second frame's prompt", Duration.ofSeconds(15),
                () -> browser.showing("consent.prompt").size() == 1 ? browser.text("consent.text") : "",
                t -> t.contains(originText(browser.pages().otherPort("/"))));
        assertTrue(!next.contains("localhost"), next);
        assertEquals(1, browser.showing("consent.prompt").size());
        browser.clickNamed("consent.block");
        JsonObject blocked = childSettled(1);
        assertEquals("NotAllowedError", blocked.getAsJsonObject("error").get("name").getAsString(), blocked.toString());
        browser.awaitGone("consent.prompt");
        assertEquals(0, queuedPrompts());
    }

    @Test
    void anIframeRemovedWhileItsPromptPreviewsTheCameraTakesPromptAndPreviewWithIt() {
        embed(browser.pages().otherOrigin("/call.html"), "camera", null);
        long openedBefore = browser.media().openedCaptureCount();
        inChild(CAMERA, 0);
        browser.awaitShowing("consent.camera.preview");
        Wait.until("the preview opened the camera", Duration.ofSeconds(10),
                () -> browser.media().runningCaptureCount() == 1);
        long removed = System.nanoTime();
        removeIframe();
        browser.awaitGone("consent.prompt");
        long gone = (System.nanoTime() - removed) / 1_000_000;
        assertNothingLeft();
        System.out.println("prompt gone " + gone + " ms after the iframe's removal");
        assertEquals(1, browser.media().openedCaptureCount() - openedBefore, "the camera opened for the preview only");
    }

    @Test
    void anIframeNavigatingWhileItsPromptShowsTakesThePromptWithIt() {
        embed(browser.pages().otherOrigin("/call.html"), "camera", null);
        inChild(CAMERA, 0);
        browser.awaitShowing("consent.prompt");
        Wait.until("the preview opened the camera", Duration.ofSeconds(10),
                () -> browser.media().runningCaptureCount() == 1);
        inChild("location.href = " + new JsonPrimitive(browser.pages().url("/call.html?moved")) + ", true", 0);
        browser.awaitGone("consent.prompt");
        assertNothingLeft();
    }

    /** The person allows iframe 0's camera; its track runs and the indicator shows. */
    private void allowIframeCamera() {
        inChild(CAMERA, 0);
        browser.clickNamed("consent.allow");
        JsonObject s = childSettled(0);
        assertTrue(s.get("error").isJsonNull(), s.toString());
        browser.awaitShowing("capture.indicator");
        assertEquals(1, browser.media().liveTrackCount());
        assertTrue(!browser.media().permissions().callGrants(id -> id.startsWith(tab.id() + "/")).isEmpty());
    }

    /** A new frame of the origin is asked again: its permission reads prompt and its request prompts. */
    private void aNewFrameOfTheOriginIsAskedAgain(String src) {
        addIframe(src, "camera");
        assertEquals("prompt", inChild("probe.query('camera')", 0).getAsString(), "no call grant outlived its frame");
        inChild(CAMERA, 0);
        browser.awaitShowing("consent.prompt");
        browser.clickNamed("consent.dismiss");
        assertEquals("NotAllowedError", childSettled(0).getAsJsonObject("error").get("name").getAsString());
    }

    @Test
    void aGrantedIframeThatIsRemovedEndsItsTracksAndItsCall() {
        String src = browser.pages().otherOrigin("/call.html");
        embed(src, "camera", null);
        allowIframeCamera();
        removeIframe();
        assertNothingLeft();
        aNewFrameOfTheOriginIsAskedAgain(src);
    }

    @Test
    void aGrantedIframeThatNavigatesCrossSiteEndsItsTracksAndItsCall() {
        String src = browser.pages().otherOrigin("/call.html");
        embed(src, "camera", null);
        allowIframeCamera();
        inChild("location.href = " + new JsonPrimitive(browser.pages().url("/call.html?moved")) + ", true", 0);
        assertNothingLeft();
        removeIframe();
        aNewFrameOfTheOriginIsAskedAgain(src);
    }

    @Test
    void anIframeRemovedWhileItsSharePickerIsOpenTakesThePickerWithIt() {
        embed(browser.pages().otherOrigin("/share.html"), "display-capture", null);
        Wait.until("share script loaded", Duration.ofSeconds(15), () -> inChild("!!window.share", 0).getAsBoolean());
        inChild("share.armButton('share.display()')", 0);
        JsonArray frame = browser.eval(tab, "(() => { const r = document.querySelector('iframe')"
                + ".getBoundingClientRect(); return [r.x, r.y]; })()").getAsJsonArray();
        JsonArray button = inChild("(() => { const r = document.getElementById('go').getBoundingClientRect();"
                + " return [r.x + r.width / 2, r.y + r.height / 2]; })()", 0).getAsJsonArray();
        // A person's click on the iframe's button (the iframe's 2px border sits between its box and its document).
        browser.input().click(browser.input().screenPoint(tab, frame.get(0).getAsDouble() + 2 + button.get(0).getAsDouble(),
                frame.get(1).getAsDouble() + 2 + button.get(1).getAsDouble()), java.awt.event.InputEvent.BUTTON1_DOWN_MASK, 1);
        browser.awaitShowing("share.picker");
        removeIframe();
        browser.awaitGone("share.picker");
        assertEquals(0, browser.media().liveTrackCount());
    }
}
