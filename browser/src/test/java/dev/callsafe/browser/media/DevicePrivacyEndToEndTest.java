package dev.callsafe.browser.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonArray;

import dev.callsafe.browser.BrowserFixture;
import dev.callsafe.browser.Wait;
import dev.callsafe.browser.shell.BrowserTab;
import dev.callsafe.capture.device.DeviceCatalog;
import dev.callsafe.permissions.Origin;

/**
 * Issue 10 item 6: device ids and device-change signals are scoped per (top-level site, origin), and nothing
 * machine-wide reaches a page before consent.
 */
class DevicePrivacyEndToEndTest {
    private BrowserFixture browser;
    private DeviceTestSupport devices;
    private BrowserTab tab;
    private final List<String> installed = new ArrayList<>();

    @BeforeEach
    void open() throws Exception {
        browser = BrowserFixture.get();
        devices = new DeviceTestSupport(browser);
        devices.plugSecondDevices();
        tab = browser.freshTab("/devices.html");
    }

    @AfterEach
    void cleanUp() throws Exception {
        installed.forEach(o -> browser.media().clearSiteData(Origin.of(o)));
        devices.cleanUp();
        browser.closeAllBut(tab);
    }

    /** A top-level page on a loopback name of its own: Chromium resolves every *.localhost to loopback. */
    private String siteOf(String name, String path) {
        return "http://" + name + ".localhost:" + browser.pages().port() + path;
    }

    /** The device ids a localhost iframe (camera and microphone delegated) sees in a tab of this page. */
    private List<String> widgetIdsUnder(String topLevel) throws Exception {
        String origin = Origin.of(topLevel).serialize();
        installed.add(origin);
        browser.media().installApplication(Origin.of(origin)); // labels and ids without a prompt
        BrowserTab t = browser.open(topLevel);
        assertTrue(browser.eval(t, "new Promise((loaded) => { const f = document.createElement('iframe');"
                + " f.setAttribute('allow', 'camera; microphone'); f.onload = () => loaded(true);"
                + " f.src = '" + browser.pages().otherOrigin("/devices.html") + "'; document.body.appendChild(f); })")
                .getAsBoolean());
        JsonArray ids = Wait.value("the widget's devices", Duration.ofSeconds(10), () -> browser.eval(t,
                        "probe.inChild('probe.devices().then(l => l.map(d => d.deviceId))', 0)"),
                v -> v.isJsonArray() && v.getAsJsonArray().size() == 4).getAsJsonArray();
        List<String> out = new ArrayList<>();
        ids.forEach(e -> out.add(e.getAsString()));
        assertFalse(out.contains(""), "ids revealed under an installed top-level site: " + out);
        return out;
    }

    @Test
    void aThirdPartyFrameSeesOtherDeviceIdsUnderAnotherTopLevelSiteAndTheSameUnderTheSameSite() throws Exception {
        List<String> underA = widgetIdsUnder(browser.pages().url("/devices.html"));
        // Another origin of the same site (127.0.0.1, another port): the same partition, the same ids.
        List<String> underA2 = widgetIdsUnder(browser.pages().otherPort("/devices.html"));
        List<String> underB = widgetIdsUnder(siteOf("calls", "/devices.html"));
        assertEquals(underA, underA2, "the same widget under the same top-level site");
        assertEquals(4, underA.stream().distinct().count());
        assertTrue(Collections.disjoint(underA, underB),
                "the same widget under another top-level site cannot be linked: " + underA + " / " + underB);
    }

    @Test
    void beforeConsentAPageHearsOfDevicesOnlyWhatItsOwnListShows() throws Exception {
        Wait.value("the page listening", Duration.ofSeconds(10),
                () -> browser.media().deviceWatcherCount(tab.id()), n -> n == 1);
        assertEquals("[\"videoinput:\",\"audioinput:\"]", browser.eval(tab,
                "probe.devices().then(l => l.map(d => d.kind + ':' + d.deviceId + d.label))").toString(),
                "one blank entry per kind before consent");
        int before = browser.eval(tab, "devprobe.changes()").getAsInt();
        // A third camera changes nothing this page can list: its long poll stays waiting, unanswered.
        browser.media().devices().plug(DeviceCatalog.syntheticCamera(3));
        assertEquals(1, browser.media().deviceWatcherCount(tab.id()), "no answer for a change the page cannot see");
        // The last microphones going does change its list (the audioinput entry goes): that it hears.
        browser.media().devices().unplug("synthetic-microphone-2");
        browser.media().devices().unplug("synthetic-microphone-1");
        Wait.until("devicechange for a kind gone", Duration.ofSeconds(10),
                () -> browser.eval(tab, "devprobe.changes()").getAsInt() == before + 1);
        assertEquals("[\"videoinput:\"]", browser.eval(tab,
                "probe.devices().then(l => l.map(d => d.kind + ':' + d.deviceId + d.label))").toString());
        // The signal itself is scoped: the same list under two sites gives unrelated values.
        String fingerprintHere = browser.eval(tab, "new Promise((r) => callsafeQuery({request: 'media:'"
                + " + JSON.stringify({op: 'watchDevices', known: null}), onSuccess: (s) => r(JSON.parse(s).devices),"
                + " onFailure: (c, m) => r('failed ' + m)}))").getAsString();
        BrowserTab other = browser.open(siteOf("calls", "/devices.html"));
        String fingerprintThere = browser.eval(other, "new Promise((r) => callsafeQuery({request: 'media:'"
                + " + JSON.stringify({op: 'watchDevices', known: null}), onSuccess: (s) => r(JSON.parse(s).devices),"
                + " onFailure: (c, m) => r('failed ' + m)}))").getAsString();
        assertFalse(fingerprintHere.startsWith("failed"), fingerprintHere);
        assertNotEquals(fingerprintHere, fingerprintThere);
    }
}
