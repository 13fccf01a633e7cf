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
import dev.callsafe.permissions.Origin;

/** getDisplayMedia and getUserMedia({video: {mediaSource}}) fail with the errors the Screen Capture spec names. */
class DisplayMediaErrorsEndToEndTest {
    private BrowserFixture browser;
    private BrowserTab tab;

    @BeforeEach
    void open() throws Exception {
        browser = BrowserFixture.get();
        tab = browser.freshTab("/share.html");
        browser.media().clearSiteData(Origin.of(browser.pages().url("/")));
    }

    @AfterEach
    void cleanUp() {
        for (BrowserTab t : browser.browser().window().tabs()) {
            browser.eval(t, "window.share && share.stopAll(), true");
        }
        browser.stopAllCapture();
    }

    private JsonObject settled() {
        return Wait.value("share settled", Duration.ofSeconds(15),
                () -> browser.eval(tab, "share.state()").getAsJsonObject(), s -> s.get("settled").getAsBoolean());
    }

    private String errorName(JsonObject s) {
        assertTrue(s.get("error").isJsonObject(), () -> "expected an error, got " + s);
        return s.getAsJsonObject("error").get("name").getAsString();
    }

    /** A page expression sending a display request straight to the browser, bypassing the page script. */
    private static String directShare(String request) {
        return "new Promise((resolve) => callsafeQuery({request: 'display:'"
                + " + JSON.stringify(" + request + "), persistent: false,"
                + " onSuccess: () => resolve('granted'), onFailure: (c, m) => resolve(JSON.parse(m).name)}))";
    }

    @Test
    void withoutUserActivationItIsAnInvalidStateError() {
        browser.eval(tab, "share.display()");
        assertEquals("InvalidStateError", errorName(settled()));
        browser.eval(tab, "share.viaUserMedia({video: {mediaSource: 'application'}})");
        assertEquals("InvalidStateError", errorName(settled()));
        assertTrue(browser.showing("share.picker").isEmpty());
    }

    @Test
    void aPageCannotFakeUserActivation() {
        // The page redefines the activation getter and then bypasses the page script altogether: the
        // browser reads activation in an isolated world and still refuses.
        browser.eval(tab, "Object.defineProperty(UserActivation.prototype, 'isActive', {get: () => true}), true");
        browser.eval(tab, "share.display()");
        assertEquals("InvalidStateError", errorName(settled()));
        String direct = browser.eval(tab, directShare("{op: 'share', mediaSource: 'application'}")).getAsString();
        assertEquals("InvalidStateError", direct);
        assertTrue(browser.showing("share.picker").isEmpty());
    }

    @Test
    void minAndExactConstraintsAreTypeErrors() {
        for (String options : new String[] {"{video: {width: {min: 640}}}", "{video: {frameRate: {exact: 30}}}",
                "{video: {advanced: [{width: 640}]}}", "{video: false}", "{audio: {sampleRate: {exact: 48000}}}"}) {
            browser.evalOnClick(tab, "share.display(" + options + ")");
            JsonObject s = settled();
            assertEquals("TypeError", errorName(s), options);
            assertTrue(s.getAsJsonObject("error").get("isTypeError").getAsBoolean(), options);
        }
        // The browser checks again when the page script is bypassed.
        String direct = browser.evalOnClick(tab, directShare("{op: 'share', video: {width: {exact: 640}}}"))
                .getAsString();
        assertEquals("TypeError", direct);
        assertTrue(browser.showing("share.picker").isEmpty());
    }

    @Test
    void refusingInThePickerIsANotAllowedError() {
        browser.evalOnClick(tab, "share.display()");
        browser.awaitShowing("share.picker");
        assertTrue(browser.text("share.picker.text").contains(browser.pages().url("").replaceAll("/$", "")));
        browser.clickNamed("share.picker.cancel");
        assertEquals("NotAllowedError", errorName(settled()));
        browser.awaitGone("share.picker");
        assertEquals(0, browser.media().liveTrackCount());
    }

    @Test
    void aSecondRequestWhileThePickerIsOpenWaitsForItsTurnAndATwoWaitingIsTheLimit() {
        browser.evalOnClick(tab, "share.display()");
        browser.awaitShowing("share.picker");
        String later = "navigator.mediaDevices.getDisplayMedia().then(() => 'granted', (e) => e.name + ': ' + e.message)";
        browser.evalOnClick(tab, "(window.second = " + later + ", true)");
        Wait.until("the second request waits in the tab's queue", Duration.ofSeconds(15),
                () -> BrowserFixture.onEdtGet(() -> browser.media().queuedShares(tab.id())) == 2);
        // A third while two wait: refused at once, no picker piles up (each needed its own click).
        String third = browser.evalOnClick(tab, later).getAsString();
        assertTrue(third.startsWith("QuotaExceededError") && third.contains("2 requests waiting"), third);
        assertEquals(1, browser.showing("share.picker").size(), "one picker at a time");
        browser.clickNamed("share.picker.cancel");
        assertEquals("NotAllowedError", errorName(settled()));
        // The waiting request's picker comes next.
        browser.awaitShowing("share.picker");
        browser.clickNamed("share.picker.cancel");
        String second = Wait.value("second request answered", Duration.ofSeconds(15),
                () -> browser.eval(tab, "window.second").getAsString(), v -> true);
        assertEquals("NotAllowedError: Permission denied by the user", second);
        browser.awaitGone("share.picker");
    }

    @Test
    void screenAndTabSharingNeedTheApplicationPermission() {
        for (String source : new String[] {"screen", "browser"}) {
            browser.evalOnClick(tab, "share.viaUserMedia({video: {mediaSource: '" + source + "'}})");
            JsonObject s = settled();
            assertEquals("NotAllowedError", errorName(s), source);
            assertTrue(s.getAsJsonObject("error").get("message").getAsString().contains("calling app"), source);
        }
        assertTrue(browser.showing("share.picker").isEmpty());
    }

    @Test
    void aPagesOwnPermissionsPolicyCanRefuseDisplayCapture() {
        browser.navigate(tab, browser.pages().url("/share.html?policy="
                + java.net.URLEncoder.encode("display-capture=()", java.nio.charset.StandardCharsets.UTF_8)));
        browser.evalOnClick(tab, "share.display()");
        JsonObject s = settled();
        assertEquals("NotAllowedError", errorName(s));
        assertTrue(s.getAsJsonObject("error").get("message").getAsString().contains("permissions policy"), s.toString());
        assertTrue(browser.showing("share.picker").isEmpty());
    }

    @Test
    void unknownMediaSourceIsATypeError() {
        browser.evalOnClick(tab, "share.viaUserMedia({video: {mediaSource: 'desktop'}})");
        assertEquals("TypeError", errorName(settled()));
    }
}
