package dev.callsafe.browser.media;

import static dev.callsafe.browser.media.DeviceTestSupport.assertColour;
import static dev.callsafe.browser.media.DeviceTestSupport.track;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;

import javax.swing.JButton;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;

import dev.callsafe.browser.BrowserFixture;
import dev.callsafe.browser.Wait;
import dev.callsafe.browser.shell.BrowserTab;
import dev.callsafe.capture.device.DeviceCatalog;

/**
 * Devices as a shared resource: reserved by the page that got them, taken over only when the user says so,
 * shared (one capture) within an origin, several per page, and coming and going while pages run.
 */
class DeviceSharingEndToEndTest {
    private BrowserFixture browser;
    private DeviceTestSupport devices;
    private BrowserTab tab;

    @BeforeEach
    void open() throws Exception {
        browser = BrowserFixture.get();
        devices = new DeviceTestSupport(browser);
        devices.plugSecondDevices();
        tab = browser.freshTab("/devices.html");
    }

    @AfterEach
    void cleanUp() throws Exception {
        devices.cleanUp();
        browser.closeAllBut(tab);
    }

    private String allowText() {
        JButton allow = (JButton) browser.awaitShowing("consent.allow");
        AtomicReference<String> t = new AtomicReference<>();
        BrowserFixture.onEdt(() -> t.set(allow.getText()));
        return t.get();
    }

    @Test
    void aBusyCameraIsShownWithItsTabAndTakenOverOnlyWhenTheUserSaysSo() throws Exception {
        browser.eval(tab, "devprobe.get('a', {video: true})");
        browser.clickNamed("consent.allow");
        assertTrue(track(devices.granted(tab, "a"), "video").get("label").getAsString()
                .startsWith("Synthetic camera (test pattern)"));

        BrowserTab other = browser.open(browser.pages().otherOrigin("/devices.html"));
        browser.eval(other, "devprobe.get('b', {video: true})");
        String[] cams = devices.entries("consent.camera");
        String busy = Arrays.stream(cams).filter(s -> s.startsWith("Synthetic camera (test pattern)")).findFirst()
                .orElseThrow();
        assertTrue(busy.contains("in use by " + browser.pages().url("").replaceAll("/$", "")
                + " in tab \u201CDevice test\u201D"), busy);
        assertTrue(devices.selected("consent.camera").startsWith("Synthetic camera 2"), "a free camera first");
        assertEquals("Allow", allowText());

        devices.choose("consent.camera", "Synthetic camera (test pattern)");
        Wait.until("Allow says Take over", Duration.ofSeconds(5), () -> allowText().equals("Take over"));
        devices.awaitText("consent.note", "taking it over ends that tab's track");
        browser.clickNamed("consent.allow");

        JsonObject r = devices.granted(other, "b");
        assertTrue(track(r, "video").get("label").getAsString().startsWith("Synthetic camera (test pattern)"));
        Wait.until("the first tab's track ended", Duration.ofSeconds(10),
                () -> browser.eval(tab, "devprobe.ended()").toString().equals("[\"a:video\"]"));
        assertEquals("[\"ended\"]", browser.eval(tab, "devprobe.readyStates('a')").toString());
        assertTrue(browser.media().liveTokens(tab.id()).isEmpty());
        assertEquals(1, browser.media().liveTokens(other.id()).size());
        JsonObject c = browser.eval(other, "devprobe.colours('b')").getAsJsonObject();
        assertColour("left box", c.getAsJsonArray("left"), 255, 0, 0);
        // Both indicators follow: the new holder's shows the camera, the old holder's is gone.
        assertTrue(browser.text("capture.indicator.text").contains(browser.pages().otherOrigin("").replaceAll("/$", "")));
        BrowserFixture.onEdt(tab::select);
        browser.awaitGone("capture.indicator");
    }

    @Test
    void anInstalledOriginAsksBeforeTakingABusyCamera() throws Exception {
        // Granted without a prompt, but the only suitable camera is busy: the user is asked.
        browser.media().devices().unplug("synthetic-camera-2");
        browser.eval(tab, "devprobe.get('a', {video: true})");
        browser.clickNamed("consent.allow");
        devices.granted(tab, "a");
        BrowserTab other = browser.open(browser.pages().otherOrigin("/devices.html"));
        browser.media().installApplication(dev.callsafe.permissions.Origin.of(browser.pages().otherOrigin("/")));
        browser.eval(other, "devprobe.get('b', {video: true})");
        Wait.until("Take over offered", Duration.ofSeconds(10), () -> allowText().equals("Take over"));
        browser.clickNamed("consent.block");
        assertEquals("NotAllowedError", devices.settled(other, "b").getAsJsonObject("error").get("name").getAsString());
        assertEquals("[\"live\"]", browser.eval(tab, "devprobe.readyStates('a')").toString(), "not taken");
    }

    @Test
    void oneCaptureFeedsEveryTrackOfAnOriginAndThePreview() throws Exception {
        long openedBefore = browser.media().openedCaptureCount();
        browser.eval(tab, "devprobe.get('a', {video: {width: 320, height: 240}})");
        browser.awaitShowing("consent.camera.preview");
        browser.clickNamed("consent.allow");
        devices.granted(tab, "a");
        // A second call of the same page: a discrete track, no prompt (the call's grant), same capture.
        browser.eval(tab, "devprobe.get('b', {video: {width: 320, height: 240}})");
        devices.granted(tab, "b");
        BrowserTab same = browser.open(browser.pages().url("/devices.html?again"));
        browser.eval(same, "devprobe.get('c', {video: true})");
        String shared = devices.selected("consent.camera");
        assertTrue(shared.startsWith("Synthetic camera (test pattern)") && shared.contains("shared with this site's tab"),
                shared);
        browser.clickNamed("consent.allow");
        JsonObject c = devices.granted(same, "c");
        assertEquals(320, track(c, "video").getAsJsonObject("settings").get("width").getAsInt(),
                "a shared capture reports its real format");
        Wait.until("three tracks on one capture", Duration.ofSeconds(10),
                () -> browser.media().captureConsumers("synthetic-camera-1") == 3);
        assertEquals(1, browser.media().runningCaptureCount());
        assertEquals(1, browser.media().openedCaptureCount() - openedBefore,
                "preview and three tracks opened the camera once");
        for (String name : new String[] {"a", "b"}) {
            JsonObject px = browser.eval(tab, "devprobe.colours('" + name + "')").getAsJsonObject();
            assertColour(name + " left box", px.getAsJsonArray("left"), 255, 0, 0);
        }
        assertColour("c left box", browser.eval(same, "devprobe.colours('c')").getAsJsonObject()
                .getAsJsonArray("left"), 255, 0, 0);
        // Ending one consumer leaves the others running.
        browser.eval(tab, "devprobe.stopAll()");
        Wait.until("one consumer left", Duration.ofSeconds(10),
                () -> browser.media().captureConsumers("synthetic-camera-1") == 1);
        assertEquals("[\"live\"]", browser.eval(same, "devprobe.readyStates('c')").toString());
    }

    @Test
    void twoCamerasInOnePage() {
        browser.eval(tab, "devprobe.get('a', {video: true})");
        browser.clickNamed("consent.allow");
        devices.granted(tab, "a");
        String second = browser.eval(tab, "probe.devices().then(l => l.find(d => d.label.startsWith('Synthetic camera 2')).deviceId)")
                .getAsString();
        browser.eval(tab, "devprobe.get('b', {video: {deviceId: {exact: '" + second + "'}}})");
        JsonObject b = devices.granted(tab, "b");
        assertEquals(second, track(b, "video").getAsJsonObject("settings").get("deviceId").getAsString());
        assertColour("first camera", browser.eval(tab, "devprobe.colours('a')").getAsJsonObject()
                .getAsJsonArray("left"), 255, 0, 0);
        assertColour("second camera", browser.eval(tab, "devprobe.colours('b')").getAsJsonObject()
                .getAsJsonArray("left"), 255, 255, 0);
        assertEquals(2, browser.media().runningCaptureCount());
    }

    @Test
    void devicesComingAndGoingFireDevicechangeAndUnpluggingEndsTheTrack() {
        // The page's long poll must be waiting with the device list it knows before anything changes: a
        // device plugged while its first call was answered is already in what it knows (no event).
        Wait.value("the page listening", Duration.ofSeconds(10),
                () -> browser.media().deviceWatcherCount(tab.id()), n -> n == 1);
        int before = browser.eval(tab, "devprobe.changes()").getAsInt();
        browser.eval(tab, "devprobe.get('a', {video: true})");
        assertEquals(2, devices.entries("consent.camera").length);
        // The open prompt follows the devices: camera 3 plugged joins its list, camera 2 unplugged leaves it.
        browser.media().devices().plug(DeviceCatalog.syntheticCamera(3));
        Wait.until("camera 3 in the prompt", Duration.ofSeconds(10),
                () -> devices.entries("consent.camera").length == 3);
        devices.choose("consent.camera", "Synthetic camera 2");
        browser.media().devices().unplug("synthetic-camera-2");
        Wait.until("camera 2 gone from the prompt", Duration.ofSeconds(10),
                () -> devices.entries("consent.camera").length == 2);
        assertTrue(devices.selected("consent.camera").startsWith("Synthetic camera (test pattern)"),
                "the selection moved to a camera that is there: " + devices.selected("consent.camera"));
        assertEquals(before, browser.eval(tab, "devprobe.changes()").getAsInt(),
                "before consent the page's list (one blank camera) did not change: no event");
        devices.choose("consent.camera", "Synthetic camera 3");
        browser.clickNamed("consent.allow");
        assertTrue(track(devices.granted(tab, "a"), "video").get("label").getAsString().startsWith("Synthetic camera 3"));
        assertTrue(browser.text("capture.indicator.text").contains("Camera"));

        // With the camera granted the page lists every camera: a camera plugged is heard.
        browser.media().devices().plug(DeviceCatalog.syntheticCamera(2));
        Wait.until("devicechange on add", Duration.ofSeconds(10),
                () -> browser.eval(tab, "devprobe.changes()").getAsInt() == before + 1);
        assertEquals(before + 1, browser.eval(tab, "devprobe.handlerChanges()").getAsInt(),
                "ondevicechange hears the same events");
        browser.media().devices().unplug("synthetic-camera-3");
        Wait.until("devicechange on remove", Duration.ofSeconds(10),
                () -> browser.eval(tab, "devprobe.changes()").getAsInt() == before + 2);
        Wait.until("the unplugged camera's track ended", Duration.ofSeconds(10),
                () -> browser.eval(tab, "devprobe.ended()").toString().equals("[\"a:video\"]"));
        assertEquals(0, browser.media().liveTrackCount());
        browser.awaitGone("capture.indicator");
        Wait.until("capture closed", Duration.ofSeconds(10), () -> browser.media().runningCaptureCount() == 0);
    }

    @Test
    void callsMergedIntoOnePromptGetTheCamerasTheirConstraintsName() {
        browser.eval(tab, "devprobe.get('first', {video: true})");
        browser.clickNamed("consent.allow");
        devices.granted(tab, "first");
        String ids = "probe.devices().then(l => l.filter(d => d.kind === 'videoinput').map(d => d.deviceId))";
        var cams = browser.eval(tab, ids).getAsJsonArray();
        assertEquals(2, cams.size());
        browser.eval(tab, "devprobe.stopAll()");
        Wait.until("call ended", Duration.ofSeconds(10), () -> browser.media().liveTrackCount() == 0);

        // Two calls before the user answers: one prompt; each call's deviceId decides its camera.
        browser.eval(tab, "devprobe.get('a', {video: {deviceId: {exact: '" + cams.get(0).getAsString() + "'}}}), "
                + "devprobe.get('b', {video: {deviceId: {exact: '" + cams.get(1).getAsString() + "'}}, audio: true})");
        devices.awaitText("consent.text", "camera and microphone"); // the second call merged into the prompt
        assertEquals(1, browser.showing("consent.prompt").size());
        browser.clickNamed("consent.allow");
        JsonObject a = devices.granted(tab, "a");
        JsonObject b = devices.granted(tab, "b");
        assertEquals(cams.get(0).getAsString(), track(a, "video").getAsJsonObject("settings").get("deviceId").getAsString());
        assertEquals(cams.get(1).getAsString(), track(b, "video").getAsJsonObject("settings").get("deviceId").getAsString());
        assertColour("a", browser.eval(tab, "devprobe.colours('a')").getAsJsonObject().getAsJsonArray("left"), 255, 0, 0);
        assertColour("b", browser.eval(tab, "devprobe.colours('b')").getAsJsonObject().getAsJsonArray("left"), 255, 255, 0);
        assertEquals("audio", track(b, "audio").get("kind").getAsString());
    }

    @Test
    void aCrossOriginFrameHearsOfDeviceChangesOnlyForKindsItWasDelegated() {
        // Installed, so the page and its delegated frame list every device (before consent only blank kinds).
        browser.media().installApplication(dev.callsafe.permissions.Origin.of(browser.pages().url("/")));
        String other = browser.pages().otherOrigin("/devices.html");
        // Resolves once both frames have loaded (their scripts ran), so messages to them are heard.
        browser.eval(tab, "Promise.all([['?none', ''], ['?camera', 'camera']].map(([q, allow]) =>"
                + " new Promise((loaded) => { const f = document.createElement('iframe');"
                + " if (allow) f.setAttribute('allow', allow); f.onload = () => loaded(true);"
                + " f.src = '" + other + "' + q; document.body.appendChild(f); })))");
        for (int i = 0; i < 2; i++) {
            String ready = "probe.inChild('!!window.devprobe', " + i + ")";
            assertTrue(browser.eval(tab, ready).getAsBoolean(), "iframe " + i + " has the probe");
        }
        // The page and both frames listen (each has its long poll waiting) before anything changes.
        Wait.value("three listeners waiting", Duration.ofSeconds(10),
                () -> browser.media().deviceWatcherCount(tab.id()), n -> n == 3);
        int before = browser.eval(tab, "devprobe.changes()").getAsInt();
        browser.media().devices().plug(DeviceCatalog.syntheticCamera(3));
        Wait.until("the delegated frame heard it", Duration.ofSeconds(10),
                () -> browser.eval(tab, "probe.inChild('devprobe.changes()', 1)").getAsInt() == 1);
        Wait.until("the page heard it", Duration.ofSeconds(10),
                () -> browser.eval(tab, "devprobe.changes()").getAsInt() == before + 1);
        assertEquals(0, browser.eval(tab, "probe.inChild('devprobe.changes()', 0)").getAsInt(),
                "a frame without allow= learns nothing about devices");
        // A microphone is not a camera: the camera-only frame does not hear of it either.
        browser.media().devices().plug(DeviceCatalog.syntheticMicrophone(3));
        Wait.until("the page heard the microphone", Duration.ofSeconds(10),
                () -> browser.eval(tab, "devprobe.changes()").getAsInt() == before + 2);
        assertEquals(1, browser.eval(tab, "probe.inChild('devprobe.changes()', 1)").getAsInt());
    }
}
