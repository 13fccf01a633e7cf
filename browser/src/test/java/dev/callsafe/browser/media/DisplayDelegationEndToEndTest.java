package dev.callsafe.browser.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

import dev.callsafe.browser.BrowserFixture;
import dev.callsafe.browser.Wait;
import dev.callsafe.browser.shell.BrowserTab;
import dev.callsafe.capture.screen.Bounds;
import dev.callsafe.capture.screen.ColourWindows;
import dev.callsafe.capture.screen.DesktopWindow;
import dev.callsafe.permissions.Origin;

/**
 * A cross-site iframe may share the screen only when its embedder delegated it with
 * {@code allow="display-capture"}; the share is started by a real click inside the iframe.
 */
class DisplayDelegationEndToEndTest {
    private static ColourWindows application;
    private BrowserFixture browser;
    private BrowserTab tab;
    private DesktopWindow window;

    @BeforeAll
    static void startApplication() throws Exception {
        application = ColourWindows.start();
    }

    @AfterAll
    static void stopApplication() {
        application.close();
    }

    @BeforeEach
    void open() throws Exception {
        browser = BrowserFixture.get();
        tab = browser.freshTab("/call.html");
        window = application.open("blue", new Color(30, 60, 200), new Bounds(120, 120, 200, 150));
    }

    @AfterEach
    void cleanUp() throws Exception {
        browser.eval(tab, "document.querySelector('iframe') ? probe.inChild('share.stopAll(), true') : true");
        browser.stopAllCapture();
        application.close("blue", window);
        BrowserFixture.onEdt(() -> {
            browser.media().clearSiteData(Origin.of(browser.pages().url("/")));
            browser.media().clearSiteData(Origin.of(browser.pages().otherOrigin("/")));
        });
    }

    /** Loads a page of this origin embedding the share page of the other site with that allow= (none when empty). */
    private void embedShare(String allow) {
        String child = browser.pages().otherOrigin("/share.html");
        browser.navigate(tab, browser.pages().url("/delegate.html?src="
                + URLEncoder.encode(child, StandardCharsets.UTF_8) + "&allow=" + URLEncoder.encode(allow, StandardCharsets.UTF_8)));
        Wait.until("iframe loaded", Duration.ofSeconds(15), () -> inChild(
                "document.readyState === 'complete' && !!window.share").getAsBoolean());
    }

    private JsonElement inChild(String expr) {
        return browser.eval(tab, "probe.inChild(" + new JsonPrimitive(expr) + ")");
    }

    /** Arms the iframe's button with getDisplayMedia and clicks it with a person's mouse (XTest). */
    private void clickShareInIframe() throws Exception {
        inChild("share.armButton('share.display()')");
        JsonArray frame = browser.eval(tab, "(() => { const r = document.querySelector('iframe')"
                + ".getBoundingClientRect(); return [r.x, r.y]; })()").getAsJsonArray();
        JsonArray button = inChild("(() => { const r = document.getElementById('go').getBoundingClientRect();"
                + " return [r.x + r.width / 2, r.y + r.height / 2]; })()").getAsJsonArray();
        // The iframe's border (2px by default) sits between its box and its document.
        java.awt.Point at = browser.input().screenPoint(tab, frame.get(0).getAsDouble() + 2 + button.get(0).getAsDouble(),
                frame.get(1).getAsDouble() + 2 + button.get(1).getAsDouble());
        browser.input().click(at, java.awt.event.InputEvent.BUTTON1_DOWN_MASK, 1);
    }

    private JsonObject childSettled() {
        return Wait.value("iframe share settled", Duration.ofSeconds(20),
                () -> inChild("share.state()").getAsJsonObject(), s -> s.get("settled").getAsBoolean());
    }

    @Test
    void withoutAllowTheIframeIsRefusedAndNoPickerOpens() throws Exception {
        embedShare("camera; microphone");
        clickShareInIframe();
        JsonObject s = childSettled();
        assertTrue(s.get("error").isJsonObject(), s.toString());
        assertEquals("NotAllowedError", s.getAsJsonObject("error").get("name").getAsString(), s.toString());
        assertTrue(s.getAsJsonObject("error").get("message").getAsString().contains("allow="), s.toString());
        assertTrue(browser.showing("share.picker").isEmpty(), "no picker for an undelegated frame");
        assertEquals(0, browser.media().liveTrackCount());
    }

    @Test
    void withAllowThePickerNamesBothOriginsAndTheChosenApplicationIsShared() throws Exception {
        embedShare("display-capture");
        clickShareInIframe();
        browser.awaitShowing("share.picker");
        String text = browser.text("share.picker.text");
        assertTrue(text.contains(browser.pages().otherOrigin("").replaceAll("/$", "")), text);
        assertTrue(text.contains("embedded in <b>" + browser.pages().url("").replaceAll("/$", "")), text);
        browser.clickNamed("share.picker.cancel");
        JsonObject refused = childSettled();
        assertEquals("NotAllowedError", refused.getAsJsonObject("error").get("name").getAsString(), refused.toString());
        browser.awaitGone("share.picker");

        clickShareInIframe();
        browser.awaitShowing("share.picker");
        browser.clickNamed("share.picker.application." + application.pid());
        browser.clickNamed("share.picker.share");
        JsonObject s = childSettled();
        assertTrue(s.get("error").isJsonNull(), s.toString());
        JsonObject settings = s.getAsJsonArray("tracks").get(0).getAsJsonObject().getAsJsonObject("settings");
        assertEquals("window", settings.get("displaySurface").getAsString());
        assertEquals(200, settings.get("width").getAsInt(), s.toString());
        Wait.until("frames reach the iframe", Duration.ofSeconds(10),
                () -> inChild("share.state().frames").getAsInt() > 0);
    }
}
