package dev.callsafe.browser.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import dev.callsafe.browser.BrowserFixture;
import dev.callsafe.browser.Wait;
import dev.callsafe.browser.shell.BrowserTab;
import dev.callsafe.permissions.Origin;
import dev.callsafe.permissions.PermissionStore;

/** The consent model as a page and a user see it: query states, device privacy, install, revoke, merge. */
class ConsentModelEndToEndTest {
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
    void forget() {
        browser.stopAllCapture();
        BrowserFixture.onEdt(() -> {
            browser.media().clearSiteData(origin);
            browser.media().clearSiteData(Origin.of(browser.pages().otherOrigin("/")));
        });
        for (java.awt.Window w : java.awt.Window.getWindows()) {
            if (w instanceof javax.swing.JDialog && w.isShowing()) {
                BrowserFixture.onEdt(w::dispose);
            }
        }
    }

    private JsonObject settled(BrowserTab t) {
        return Wait.value("getUserMedia settled", Duration.ofSeconds(15),
                () -> browser.eval(t, "probe.state()").getAsJsonObject(), x -> x.get("settled").getAsBoolean());
    }

    private void allowCall(String constraints) {
        browser.eval(tab, "probe.start(" + constraints + ")");
        try {
            browser.awaitShowing("consent.allow");
        } catch (AssertionError e) {
            System.err.println("DEBUG allowCall state " + browser.eval(tab, "probe.state()"));
            throw e;
        }
        browser.clickNamed("consent.allow");
        JsonObject s = settled(tab);
        assertTrue(s.get("error").isJsonNull(), () -> "error " + s.get("error"));
    }

    private void openSiteInfo() {
        browser.clickNamed("siteinfo.button");
        browser.awaitShowing("siteinfo.panel");
    }

    @Test
    void queryStatesFollowTheCallAndChangeEventsFollowTheChrome() {
        assertEquals("prompt", browser.eval(tab, "probe.query('camera')").getAsString());
        allowCall("{video: {width: 320, height: 240}}");
        assertEquals("granted", browser.eval(tab, "probe.query('camera')").getAsString(), "live one-time grant");
        assertEquals("prompt", browser.eval(tab, "probe.query('microphone')").getAsString());
        browser.eval(tab, "probe.stopAll(), true");
        Wait.until("tracks ended", Duration.ofSeconds(10), () -> browser.media().liveTrackCount() == 0);
        assertEquals("granted", browser.eval(tab, "probe.query('camera')").getAsString(),
                "the call outlives its tracks");
        browser.clickNamed("capture.call.stop");
        Wait.until("call over: prompt again", Duration.ofSeconds(10),
                () -> "prompt".equals(browser.eval(tab, "probe.query('camera')").getAsString()));

        openSiteInfo();
        browser.clickNamed("siteinfo.camera.block");
        try {
            Wait.until("change event: denied", Duration.ofSeconds(10), () -> browser.eval(tab,
                    "probe.permissionChanges().includes('camera:denied')").getAsBoolean());
        } catch (AssertionError e) {
            System.err.println("DEBUG query now " + browser.eval(tab, "probe.query('camera')") + " changes "
                    + browser.eval(tab, "probe.permissionChanges()"));
            throw e;
        }
        assertTrue(browser.text("siteinfo.camera.state").contains("Blocked"));
        browser.eval(tab, "probe.start({video: true})");
        JsonObject s = settled(tab);
        assertEquals("NotAllowedError", s.getAsJsonObject("error").get("name").getAsString());
        assertTrue(browser.showing("consent.prompt").isEmpty(), "a stored block does not prompt");

        browser.clickNamed("siteinfo.camera.reset");
        Wait.until("change event: prompt", Duration.ofSeconds(10), () -> browser.eval(tab,
                "probe.permissionChanges().includes('camera:prompt')").getAsBoolean());
    }

    @Test
    void devicesAreHiddenBeforeAGrantAndScopedToTheOriginAfter() throws Exception {
        JsonArray before = browser.eval(tab, "probe.devices()").getAsJsonArray();
        assertEquals(2, before.size(), "one entry per kind: " + before);
        for (var d : before) {
            assertEquals("", d.getAsJsonObject().get("label").getAsString());
            assertEquals("", d.getAsJsonObject().get("deviceId").getAsString());
        }
        allowCall("{video: {width: 320, height: 240}, audio: true}");
        JsonArray after = browser.eval(tab, "probe.devices()").getAsJsonArray();
        String camId = null;
        for (var d : after) {
            JsonObject o = d.getAsJsonObject();
            assertFalse(o.get("label").getAsString().isEmpty(), "label after grant: " + o);
            if (o.get("kind").getAsString().equals("videoinput")) {
                camId = o.get("deviceId").getAsString();
            }
        }
        JsonObject video = browser.eval(tab, "probe.state().tracks.find(t => t.kind === 'video')").getAsJsonObject();
        assertEquals(camId, video.getAsJsonObject("settings").get("deviceId").getAsString());

        BrowserTab other = browser.open(browser.pages().otherOrigin("/call.html"));
        browser.eval(other, "probe.start({video: {width: 320, height: 240}})");
        try {
            browser.awaitShowing("consent.allow");
        } catch (AssertionError e) {
            System.err.println("DEBUG other state " + browser.eval(other, "probe.state()"));
            throw e;
        }
        browser.clickNamed("consent.allow");
        settled(other);
        String otherCam = browser.eval(other, "probe.devices().then(l => l.find(d => d.kind === 'videoinput').deviceId)")
                .getAsString();
        assertNotEquals(camId, otherCam, "device ids differ across origins");
        browser.close(other);

        BrowserFixture.onEdt(() -> browser.media().clearSiteData(origin));
        Wait.until("tracks ended by clearing site data", Duration.ofSeconds(10),
                () -> browser.eval(tab, "probe.state().ended.length").getAsInt() == 2);
        allowCall("{video: {width: 320, height: 240}}");
        String renewed = browser.eval(tab, "probe.devices().then(l => l.find(d => d.kind === 'videoinput').deviceId)")
                .getAsString();
        assertNotEquals(camId, renewed, "clearing site data gives new device ids");
    }

    @Test
    void anInstalledCallingAppSkipsThePromptAndIsStored() throws Exception {
        openSiteInfo();
        browser.clickNamed("siteinfo.install");
        assertTrue(browser.text("install.text").contains("camera and microphone whenever"));
        browser.clickNamed("install.confirm");
        Wait.until("application permission shown", Duration.ofSeconds(10),
                () -> browser.text("siteinfo.camera.state").contains("installed calling app"));

        browser.eval(tab, "probe.start({video: {width: 320, height: 240}, audio: true})");
        JsonObject s = settled(tab);
        assertTrue(s.get("error").isJsonNull(), () -> "error " + s.get("error"));
        assertTrue(browser.showing("consent.prompt").isEmpty(), "no prompt for an installed app");
        assertEquals("granted", browser.eval(tab, "probe.query('microphone')").getAsString());

        browser.navigate(tab, browser.pages().url("/call.html?second-visit"));
        browser.eval(tab, "probe.start({audio: true})");
        assertTrue(settled(tab).get("error").isJsonNull());
        assertTrue(browser.showing("consent.prompt").isEmpty());

        browser.media().flushPermissions();
        String stored = Files.readString(browser.browser().options().profile().resolve(PermissionStore.FILE));
        assertTrue(stored.contains(origin.serialize()) && stored.contains("ALLOW"), stored);
    }

    @Test
    void aOneTimeGrantDoesNotSurviveNavigation() {
        allowCall("{audio: true}");
        browser.navigate(tab, browser.pages().url("/call.html?after"));
        browser.eval(tab, "probe.start({audio: true})");
        browser.awaitShowing("consent.prompt");
        browser.clickNamed("consent.block");
        assertEquals("NotAllowedError", settled(tab).getAsJsonObject("error").get("name").getAsString());
    }

    @Test
    void revokingInTheChromeEndsLiveTracks() {
        allowCall("{video: {width: 320, height: 240}, audio: true}");
        browser.awaitShowing("capture.indicator");
        openSiteInfo();
        browser.clickNamed("siteinfo.camera.reset");
        Wait.until("camera track ended", Duration.ofSeconds(10),
                () -> browser.eval(tab, "probe.state().ended").getAsJsonArray().toString().contains("video"));
        assertEquals(1, browser.media().liveTrackCount(), "the microphone goes on");
        Wait.until("indicator says microphone only", Duration.ofSeconds(10),
                () -> !browser.text("capture.indicator.text").contains("Camera"));
    }

    @Test
    void callsBeforeTheAnswerShareOnePrompt() {
        browser.eval(tab, "window.a = navigator.mediaDevices.getUserMedia({video: {width: 320, height: 240}})"
                + ".then(s => (window.sa = s, s.getTracks().length), e => e.name); true");
        browser.awaitShowing("consent.prompt");
        browser.eval(tab, "window.b = navigator.mediaDevices.getUserMedia({audio: true})"
                + ".then(s => (window.sb = s, s.getTracks().length), e => e.name); true");
        Wait.until("merged prompt names both", Duration.ofSeconds(10),
                () -> browser.text("consent.text").contains("camera and microphone"));
        assertEquals(1, browser.showing("consent.prompt").size());
        browser.clickNamed("consent.allow");
        assertEquals(1, browser.eval(tab, "window.a").getAsInt());
        assertEquals(1, browser.eval(tab, "window.b").getAsInt());
        Wait.until("both captured", Duration.ofSeconds(10), () -> browser.media().liveTrackCount() == 2);
        browser.eval(tab, "[sa, sb].forEach(s => s.getTracks().forEach(t => t.stop())), true");
    }

    @Test
    void repeatedDismissalsPutTheOriginUnderAQuietEmbargo() {
        for (int i = 0; i < 3; i++) {
            browser.eval(tab, "probe.start({audio: true})");
            browser.clickNamed("consent.dismiss");
            assertEquals("NotAllowedError", settled(tab).getAsJsonObject("error").get("name").getAsString());
        }
        browser.eval(tab, "probe.start({audio: true})");
        JsonObject s = settled(tab);
        assertEquals("NotAllowedError", s.getAsJsonObject("error").get("name").getAsString());
        assertTrue(browser.showing("consent.prompt").isEmpty(), "embargo: no prompt");
    }
}
