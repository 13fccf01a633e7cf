package dev.callsafe.browser.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
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

/**
 * Constraints as a calling site uses them: what tracks report (capabilities, settings), which device an exact
 * deviceId or groupId gives, what fails before any prompt, and applyConstraints really changing the pictures
 * that arrive (size, crop, frame rate).
 */
class ConstraintsEndToEndTest {
    /** A page-side probe: named streams, their tracks' descriptions, applyConstraints, pixels and frame rate. */
    private static final String PROBE = String.join("\n",
            "window.cprobe = (() => {",
            "  const streams = {}, results = {};",
            "  function get(name, c) {",
            "    results[name] = { settled: false };",
            "    navigator.mediaDevices.getUserMedia(c).then((s) => { streams[name] = s; results[name] = { settled: true, error: null }; },",
            "      (e) => { results[name] = { settled: true, error: { name: e.name, constraint: e.constraint || null, message: e.message } }; });",
            "    return true;",
            "  }",
            "  const track = (name, kind) => streams[name].getTracks().find((t) => t.kind === kind);",
            "  function describe(name, kind) {",
            "    const t = track(name, kind);",
            "    return { settings: t.getSettings(), capabilities: t.getCapabilities(), constraints: t.getConstraints() };",
            "  }",
            "  function apply(name, kind, c) {",
            "    const t = track(name, kind);",
            "    return t.applyConstraints(c).then(() => ({ ok: true, settings: t.getSettings(), constraints: t.getConstraints() }),",
            "      (e) => ({ ok: false, name: e.name, constraint: e.constraint || null, settings: t.getSettings() }));",
            "  }",
            // The colours at the three box centres along the bottom edge of a shown frame, and its size.
            "  async function colours(name) {",
            "    const v = document.createElement('video');",
            "    v.muted = true; v.autoplay = true;",
            "    v.srcObject = new MediaStream([track(name, 'video')]);",
            "    document.body.appendChild(v);",
            "    await v.play();",
            "    for (let i = 0; i < 4; i++) await new Promise((r) => v.requestVideoFrameCallback(r));",
            "    const w = v.videoWidth, h = v.videoHeight, c = document.createElement('canvas');",
            "    c.width = w; c.height = h;",
            "    const ctx = c.getContext('2d', { willReadFrequently: true });",
            "    ctx.drawImage(v, 0, 0, w, h);",
            "    const box = Math.floor(h / 6), px = (x, y) => Array.from(ctx.getImageData(x, y, 1, 1).data.slice(0, 3));",
            "    const out = { w, h, left: px(box >> 1, h - (box >> 1)), middle: px(w >> 1, h - (box >> 1)),",
            "      right: px(w - (box >> 1), h - (box >> 1)) };",
            "    v.remove();",
            "    return out;",
            "  }",
            // Frames the track delivers in 2 s (read straight from the track), and their sizes.
            "  async function rate(name) {",
            "    const reader = new MediaStreamTrackProcessor({ track: track(name, 'video') }).readable.getReader();",
            "    const first = await reader.read(); first.value.close();",
            "    const start = performance.now(); let n = 0; const sizes = new Set();",
            "    while (performance.now() - start < 2000) {",
            "      const { value, done } = await reader.read();",
            "      if (done) break;",
            "      n++; sizes.add(value.codedWidth + 'x' + value.codedHeight); value.close();",
            "    }",
            "    const secs = (performance.now() - start) / 1000;",
            "    reader.cancel();",
            "    return { fps: n / secs, sizes: Array.from(sizes) };",
            "  }",
            // Decoded frames of a track until one of w x h comes (8 s at most), then the sizes of the next five.
            "  async function frames(name, w, h) {",
            "    const reader = new MediaStreamTrackProcessor({ track: track(name, 'video') }).readable.getReader();",
            "    const want = w + 'x' + h, end = performance.now() + 8000, before = [], after = [];",
            "    let reached = false;",
            "    while (after.length < 5 && performance.now() < end) {",
            "      const r = await Promise.race([reader.read(), new Promise((res) => setTimeout(res, end - performance.now()))]);",
            "      if (!r || r.done) break;",
            "      const size = r.value.codedWidth + 'x' + r.value.codedHeight; r.value.close();",
            "      if (reached) after.push(size); else if (size === want) reached = true; else before.push(size);",
            "    }",
            "    reader.cancel();",
            "    return { reached, after, before: before.slice(-3) };",
            "  }",
            // Watches a track's frames in the background: their sizes and the longest wait between two.
            "  const watches = {};",
            "  function watch(name) {",
            "    const reader = new MediaStreamTrackProcessor({ track: track(name, 'video') }).readable.getReader();",
            "    const w = watches[name] = { reader, sizes: new Set(), n: 0, last: 0, maxGap: 0 };",
            "    (async () => { for (;;) { const r = await reader.read(); if (r.done) return; const now = performance.now();",
            "      if (w.n++ > 0) w.maxGap = Math.max(w.maxGap, now - w.last); w.last = now;",
            "      w.sizes.add(r.value.codedWidth + 'x' + r.value.codedHeight); r.value.close(); } })().catch(() => {});",
            "    return true;",
            "  }",
            "  function watched(name) {",
            "    const w = watches[name]; w.reader.cancel();",
            "    return { frames: w.n, maxGapMs: Math.round(w.maxGap), sizes: Array.from(w.sizes) };",
            "  }",
            "  async function devices() {",
            "    return (await navigator.mediaDevices.enumerateDevices()).map((d) => ({ kind: d.kind, deviceId: d.deviceId,",
            "      groupId: d.groupId, label: d.label }));",
            "  }",
            "  const stopAll = () => { Object.values(streams).forEach((s) => s.getTracks().forEach((t) => t.stop())); return true; };",
            "  return { get, result: (n) => results[n] || null, describe, apply, colours, rate, frames, watch, watched,",
            "    devices, stopAll };",
            "})(), true");

    private static final Color RED = new Color(255, 0, 0);
    private static final Color GREEN = new Color(0, 255, 0);
    private static final Color BLUE = new Color(0, 0, 255);

    private BrowserFixture browser;
    private DeviceTestSupport devices;
    private BrowserTab tab;

    @BeforeEach
    void open() throws Exception {
        browser = BrowserFixture.get();
        devices = new DeviceTestSupport(browser);
        devices.plugSecondDevices();
        tab = browser.freshTab("/devices.html");
        browser.eval(tab, PROBE);
    }

    @AfterEach
    void cleanUp() throws Exception {
        browser.eval(tab, "window.cprobe && cprobe.stopAll()");
        devices.cleanUp();
    }

    private JsonObject settled(String name) {
        return Wait.value(name + " settled", Duration.ofSeconds(20), () -> browser.eval(tab, "cprobe.result('" + name + "')"),
                r -> r.isJsonObject() && r.getAsJsonObject().get("settled").getAsBoolean()).getAsJsonObject();
    }

    private void granted(String name) {
        JsonObject r = settled(name);
        assertTrue(r.get("error").isJsonNull(), () -> name + " failed: " + r.get("error"));
    }

    private JsonObject apply(String kind, String constraints) {
        return browser.eval(tab, "cprobe.apply('a', '" + kind + "', " + constraints + ")").getAsJsonObject();
    }

    private JsonObject colours() {
        return browser.eval(tab, "cprobe.colours('a')").getAsJsonObject();
    }

    private JsonObject rate() {
        return browser.eval(tab, "cprobe.rate('a')").getAsJsonObject();
    }

    private static void assertColour(JsonArray rgb, Color c) {
        DeviceTestSupport.assertColour("box", rgb, c.getRed(), c.getGreen(), c.getBlue());
    }

    private static boolean looksLike(JsonArray rgb, Color c) {
        return Math.abs(rgb.get(0).getAsInt() - c.getRed()) < 70 && Math.abs(rgb.get(1).getAsInt() - c.getGreen()) < 70
                && Math.abs(rgb.get(2).getAsInt() - c.getBlue()) < 70;
    }

    @Test
    void tracksDescribeThemselvesAndApplyConstraintsChangesThePicturesThatArrive() {
        browser.eval(tab, "cprobe.get('a', {video: true, audio: true})");
        browser.clickNamed("consent.allow");
        granted("a");

        JsonObject audio = browser.eval(tab, "cprobe.describe('a', 'audio')").getAsJsonObject();
        JsonObject audioCaps = audio.getAsJsonObject("capabilities");
        for (String range : new String[] {"sampleRate", "sampleSize", "channelCount", "latency"}) {
            assertTrue(audioCaps.get(range).isJsonObject() && audioCaps.getAsJsonObject(range).has("max"),
                    () -> range + " is a range: " + audioCaps);
        }
        for (String flag : new String[] {"echoCancellation", "autoGainControl", "noiseSuppression"}) {
            assertTrue(audioCaps.get(flag).isJsonArray(), () -> flag + " lists its values: " + audioCaps);
        }
        assertEquals(audio.getAsJsonObject("settings").get("groupId"), audioCaps.get("groupId"));
        assertTrue(audio.getAsJsonObject("settings").get("latency").getAsDouble() > 0, audio::toString);

        JsonObject video = browser.eval(tab, "cprobe.describe('a', 'video')").getAsJsonObject();
        JsonObject videoCaps = video.getAsJsonObject("capabilities");
        assertTrue(videoCaps.getAsJsonObject("aspectRatio").has("max"), videoCaps::toString);
        assertTrue(videoCaps.get("facingMode").isJsonArray(), videoCaps::toString);
        assertEquals("[\"none\",\"crop-and-scale\"]", videoCaps.get("resizeMode").toString());

        // Default: the camera's own 640x480 at 30 frames a second, red, green and blue boxes along the bottom.
        JsonObject native_ = colours();
        assertEquals(640, native_.get("w").getAsInt());
        assertColour(native_.getAsJsonArray("left"), RED);
        assertColour(native_.getAsJsonArray("right"), BLUE);
        double fullRate = rate().get("fps").getAsDouble();
        assertTrue(fullRate > 20, "frames a second before: " + fullRate);

        // Scaled: same picture, smaller.
        JsonObject scaled = apply("video", "{width: 320, height: 240}");
        assertTrue(scaled.get("ok").getAsBoolean(), scaled::toString);
        assertEquals("crop-and-scale", scaled.getAsJsonObject("settings").get("resizeMode").getAsString());
        JsonObject small = colours();
        assertEquals(320, small.get("w").getAsInt());
        assertEquals(240, small.get("h").getAsInt());
        assertColour(small.getAsJsonArray("left"), RED);
        assertColour(small.getAsJsonArray("middle"), GREEN);
        assertColour(small.getAsJsonArray("right"), BLUE);

        // Cropped: a square from the middle; the side boxes are cut off, the middle one stays.
        JsonObject square = apply("video", "{width: {exact: 240}, height: {exact: 240}}");
        assertTrue(square.get("ok").getAsBoolean(), square::toString);
        JsonObject cut = colours();
        assertEquals(240, cut.get("w").getAsInt());
        assertEquals(240, cut.get("h").getAsInt());
        assertColour(cut.getAsJsonArray("middle"), GREEN);
        assertFalse(looksLike(cut.getAsJsonArray("left"), RED) && looksLike(cut.getAsJsonArray("right"), BLUE),
                () -> "the sides were cropped away: " + cut);

        // Decimated: a third of the frames.
        JsonObject slow = apply("video", "{frameRate: 10}");
        assertEquals(10.0, slow.getAsJsonObject("settings").get("frameRate").getAsDouble(), 0.01, slow::toString);
        JsonObject r = rate();
        double fps = r.get("fps").getAsDouble();
        assertTrue(fps > 7 && fps < 13, "frames a second at frameRate 10: " + r);
        assertEquals("[\"640x480\"]", r.get("sizes").toString(), "no size asked: the camera's own");
        System.out.println("measured frames a second: " + fullRate + " before, " + fps + " at frameRate 10");

        // Ideal values never fail (the camera is reopened at its widest); required ones that cannot be met fail
        // and change nothing.
        JsonObject wide = apply("video", "{width: 5000}");
        assertTrue(wide.get("ok").getAsBoolean(), wide::toString);
        assertEquals(videoCaps.getAsJsonObject("width").get("max").getAsInt(),
                wide.getAsJsonObject("settings").get("width").getAsInt(), wide::toString);
        assertEquals("none", wide.getAsJsonObject("settings").get("resizeMode").getAsString());
        JsonObject tooWide = apply("video", "{width: {exact: 5000}}");
        assertFalse(tooWide.get("ok").getAsBoolean());
        assertEquals("OverconstrainedError", tooWide.get("name").getAsString());
        assertEquals("width", tooWide.get("constraint").getAsString());
        assertEquals(wide.get("settings"), tooWide.get("settings"));
        JsonObject bogus = apply("video", "{resizeMode: {exact: 'stretch'}}");
        assertEquals("resizeMode", bogus.get("constraint").getAsString(), bogus::toString);
        JsonObject crop = apply("video", "{resizeMode: {exact: 'crop-and-scale'}}");
        assertEquals("crop-and-scale", crop.getAsJsonObject("settings").get("resizeMode").getAsString());
        assertEquals("{\"resizeMode\":{\"exact\":\"crop-and-scale\"}}", crop.get("constraints").toString());
        JsonObject echo = apply("audio", "{echoCancellation: true}");
        assertTrue(echo.get("ok").getAsBoolean(), () -> "an ideal the microphone cannot give is no error: " + echo);
        JsonObject mustEcho = apply("audio", "{echoCancellation: {exact: true}}");
        assertEquals("echoCancellation", mustEcho.get("constraint").getAsString(), mustEcho::toString);
    }

    /** Asserts the track's decoded frames become (or stay) {@code w x h}. */
    private void assertFrames(String name, int w, int h) {
        JsonObject f = browser.eval(tab, "cprobe.frames('" + name + "', " + w + ", " + h + ")").getAsJsonObject();
        assertTrue(f.get("reached").getAsBoolean(), () -> name + " never delivered " + w + "x" + h + ": " + f);
        String size = "\"" + w + "x" + h + "\"";
        assertEquals("[" + String.join(",", java.util.Collections.nCopies(5, size)) + "]", f.get("after").toString(),
                () -> name + "'s frames after the first of " + w + "x" + h + ": " + f);
    }

    private String captureFormat() {
        return browser.media().cameraCaptureFormat("synthetic-camera-1").orElse("not running");
    }

    private void assertSize(String name, int w, int h) {
        JsonObject settings = browser.eval(tab, "cprobe.describe('" + name + "', 'video').settings").getAsJsonObject();
        assertEquals(w + "x" + h, settings.get("width").getAsInt() + "x" + settings.get("height").getAsInt(),
                settings::toString);
    }

    @Test
    void theCameraIsReopenedLargerWhenATrackNeedsItAndOtherTracksKeepTheirSize() {
        browser.eval(tab, "cprobe.get('a', {video: {width: {exact: 320}, height: {exact: 240}}})");
        browser.clickNamed("consent.allow");
        granted("a");
        assertFrames("a", 320, 240);
        // Diagnostics back door: the page cannot see the shared capture behind its tracks.
        assertEquals("320x240@30.0", captureFormat());

        // A second track of the call requires more than the running capture gives: the camera is reopened at its
        // size (no prompt: the call's grant covers it), and the first track keeps its own.
        browser.eval(tab, "cprobe.get('b', {video: {width: {exact: 640}, height: {exact: 480}}})");
        granted("b");
        assertSize("b", 640, 480);
        assertEquals("640x480@30.0", captureFormat());
        assertFrames("b", 640, 480);
        assertFrames("a", 320, 240);

        // applyConstraints asks for more than that: reopened again; the asking track gets it, the other keeps its
        // size all along, with no pause long enough to be muted (1.5 s).
        browser.eval(tab, "cprobe.watch('b')");
        long asked = System.nanoTime();
        JsonObject hd = apply("video", "{width: {exact: 1280}, height: {exact: 720}}");
        long applied = System.nanoTime();
        assertTrue(hd.get("ok").getAsBoolean(), hd::toString);
        assertSize("a", 1280, 720);
        assertEquals("none", hd.getAsJsonObject("settings").get("resizeMode").getAsString(), "the camera's own frames");
        assertEquals("1280x720@30.0", captureFormat());
        assertFrames("a", 1280, 720);
        JsonObject b = browser.eval(tab, "cprobe.watched('b')").getAsJsonObject();
        assertEquals("[\"640x480\"]", b.get("sizes").toString(), b::toString);
        assertTrue(b.get("maxGapMs").getAsInt() < 1500, () -> "b paused while the camera was reopened: " + b);
        assertFrames("b", 640, 480);
        assertSize("b", 640, 480);
        System.out.println("measured: applyConstraints with a reopen answered in " + (applied - asked) / 1_000_000
                + " ms; the other track's longest wait between frames " + b.get("maxGapMs") + " ms over "
                + b.get("frames") + " frames");
    }

    @Test
    void impossibleConstraintsFailBeforeAnyPrompt() {
        String[][] cases = {
            {"{video: {groupId: {exact: ''}}}", "groupId"},
            {"{video: {resizeMode: {exact: 'stretch'}}}", "resizeMode"},
            {"{audio: {groupId: {exact: 'no-such-group'}}}", "groupId"},
        };
        for (String[] c : cases) {
            browser.eval(tab, "cprobe.get('x', " + c[0] + ")");
            JsonObject r = settled("x");
            assertFalse(r.get("error").isJsonNull(), () -> c[0] + " gave a stream");
            JsonObject e = r.getAsJsonObject("error");
            assertEquals("OverconstrainedError", e.get("name").getAsString(), e::toString);
            assertEquals(c[1], e.get("constraint").getAsString(), e::toString);
            assertTrue(browser.showing("consent.prompt").isEmpty(), "no prompt for " + c[0]);
        }
    }

    @Test
    void anExactDeviceIdOrGroupIdFromEnumerateDevicesGivesThatCamera() {
        browser.eval(tab, "cprobe.get('a', {video: true})");
        browser.clickNamed("consent.allow");
        granted("a");
        JsonObject second = null;
        for (JsonElement d : browser.eval(tab, "cprobe.devices()").getAsJsonArray()) {
            JsonObject o = d.getAsJsonObject();
            if (o.get("kind").getAsString().equals("videoinput") && o.get("label").getAsString().contains("2")) {
                second = o;
            }
        }
        assertTrue(second != null, "camera 2 is listed");
        String id = second.get("deviceId").getAsString();
        String group = second.get("groupId").getAsString();
        Color[] yellowCyanMagenta = {new Color(255, 255, 0), new Color(0, 255, 255), new Color(255, 0, 255)};

        // The call's grant covers cameras: no prompt, the camera named.
        browser.eval(tab, "cprobe.get('b', {video: {deviceId: {exact: '" + id + "'}}})");
        JsonObject b = settled("b");
        assertTrue(b.get("error").isJsonNull(), () -> "exact deviceId: " + b);
        assertEquals(id, browser.eval(tab, "cprobe.describe('b', 'video').settings.deviceId").getAsString());
        JsonObject bColours = browser.eval(tab, "cprobe.colours('b')").getAsJsonObject();
        assertColour(bColours.getAsJsonArray("left"), yellowCyanMagenta[0]);
        assertColour(bColours.getAsJsonArray("right"), yellowCyanMagenta[2]);

        browser.eval(tab, "cprobe.get('c', {video: {groupId: {exact: '" + group + "'}}})");
        JsonObject c = settled("c");
        assertTrue(c.get("error").isJsonNull(), () -> "exact groupId: " + c);
        JsonObject cSettings = browser.eval(tab, "cprobe.describe('c', 'video').settings").getAsJsonObject();
        assertEquals(group, cSettings.get("groupId").getAsString());
        assertEquals(id, cSettings.get("deviceId").getAsString());
        assertColour(browser.eval(tab, "cprobe.colours('c')").getAsJsonObject().getAsJsonArray("middle"),
                yellowCyanMagenta[1]);
    }
}
