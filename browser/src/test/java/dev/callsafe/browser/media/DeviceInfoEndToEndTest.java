package dev.callsafe.browser.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * enumerateDevices() gives real MediaDeviceInfo / InputDeviceInfo objects; an input device's
 * getCapabilities() is empty before the site may see devices and describes the device after a grant.
 */
class DeviceInfoEndToEndTest {
    /** Each entry as a page inspects it: class, JSON and capabilities. */
    private static final String INSPECT = "navigator.mediaDevices.enumerateDevices().then((list) => list.map((d) => ({"
            + " mediaDeviceInfo: d instanceof MediaDeviceInfo, inputDeviceInfo: d instanceof InputDeviceInfo,"
            + " tag: Object.prototype.toString.call(d), protoIsNative: Object.getPrototypeOf(d) === InputDeviceInfo.prototype,"
            + " ownKeys: Object.keys(d).length, json: JSON.parse(JSON.stringify(d)), viaToJSON: d.toJSON(),"
            + " kind: d.kind, deviceId: d.deviceId, label: d.label, groupId: d.groupId,"
            + " capabilities: d.getCapabilities() })))";

    private BrowserFixture browser;
    private BrowserTab tab;

    @BeforeEach
    void open() throws Exception {
        browser = BrowserFixture.get();
        browser.media().clearSiteData(Origin.of(browser.pages().url("/")));
        tab = browser.freshTab("/call.html");
    }

    @AfterEach
    void cleanUp() {
        browser.stopAllCapture();
        browser.media().clearSiteData(Origin.of(browser.pages().url("/")));
    }

    @Test
    void entriesAreInputDeviceInfosThatDescribeTheirDeviceOnlyAfterAGrant() {
        JsonArray before = browser.eval(tab, INSPECT).getAsJsonArray();
        assertEquals(2, before.size(), before::toString);
        for (JsonElement e : before) {
            JsonObject d = e.getAsJsonObject();
            assertTrue(d.get("mediaDeviceInfo").getAsBoolean() && d.get("inputDeviceInfo").getAsBoolean(), d::toString);
            assertEquals("[object InputDeviceInfo]", d.get("tag").getAsString());
            assertTrue(d.get("protoIsNative").getAsBoolean());
            assertEquals(0, d.get("ownKeys").getAsInt(), "attributes live on the prototype, as native ones do");
            assertEquals(d.get("json"), d.get("viaToJSON"));
            assertEquals(d.get("kind"), d.getAsJsonObject("json").get("kind"));
            assertEquals("", d.get("deviceId").getAsString());
            assertEquals(0, d.getAsJsonObject("capabilities").size(), "no capabilities before a grant: " + d);
        }

        browser.eval(tab, "probe.start({video: true, audio: true})");
        browser.clickNamed("consent.allow");
        JsonObject state = Wait.value("getUserMedia settled", Duration.ofSeconds(20),
                () -> browser.eval(tab, "probe.state()").getAsJsonObject(), s -> s.get("settled").getAsBoolean());
        assertTrue(state.get("error").isJsonNull(), () -> "error: " + state.get("error"));
        String cameraId = browser.eval(tab, "probe.state().tracks.find((t) => t.kind === 'video').settings.deviceId")
                .getAsString();

        JsonArray after = browser.eval(tab, INSPECT).getAsJsonArray();
        JsonObject camera = null;
        JsonObject microphone = null;
        for (JsonElement e : after) {
            JsonObject d = e.getAsJsonObject();
            assertTrue(d.get("inputDeviceInfo").getAsBoolean(), d::toString);
            assertEquals(d.get("deviceId"), d.getAsJsonObject("capabilities").get("deviceId"));
            assertEquals(d.get("groupId"), d.getAsJsonObject("capabilities").get("groupId"));
            assertEquals(d.get("label"), d.getAsJsonObject("viaToJSON").get("label"));
            if (d.get("deviceId").getAsString().equals(cameraId)) {
                camera = d;
            }
            if (d.get("kind").getAsString().equals("audioinput")) {
                microphone = d;
            }
        }
        assertTrue(camera != null, () -> "the captured camera is listed: " + after);
        JsonObject caps = camera.getAsJsonObject("capabilities");
        assertEquals(1920, caps.getAsJsonObject("width").get("max").getAsInt(), caps::toString);
        assertEquals(1080, caps.getAsJsonObject("height").get("max").getAsInt(), caps::toString);
        assertTrue(caps.has("frameRate") && caps.has("aspectRatio"), caps::toString);
        assertTrue(microphone != null, after::toString);
        JsonObject mic = microphone.getAsJsonObject("capabilities");
        assertEquals(48000, mic.getAsJsonObject("sampleRate").get("max").getAsInt(), mic::toString);
        assertEquals(1, mic.getAsJsonObject("channelCount").get("max").getAsInt(), mic::toString);

        // The device describes what a track of it can do: the same as the track's own getCapabilities().
        JsonArray pairs = browser.eval(tab, SAME_CAPABILITIES).getAsJsonArray();
        assertEquals(2, pairs.size(), pairs::toString);
        for (JsonElement e : pairs) {
            JsonObject p = e.getAsJsonObject();
            assertEquals(p.get("track"), p.get("device"), () -> p.get("kind") + " capabilities differ");
        }
    }

    /** For each captured track: its getCapabilities() and its device's, as canonical (key-sorted) JSON. */
    private static final String SAME_CAPABILITIES = "navigator.mediaDevices.enumerateDevices().then((list) => {"
            + " const canon = (o) => JSON.stringify(o, (k, v) => v && typeof v === 'object' && !Array.isArray(v)"
            + "  ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v);"
            + " return probe.stream().getTracks().map((t) => {"
            + "  const d = list.find((x) => x.deviceId === t.getSettings().deviceId && x.kind === t.kind + 'input');"
            + "  return { kind: t.kind, track: canon(t.getCapabilities()), device: d ? canon(d.getCapabilities()) : null };"
            + " }); })";
}
