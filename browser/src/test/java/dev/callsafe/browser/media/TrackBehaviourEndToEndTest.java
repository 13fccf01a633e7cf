package dev.callsafe.browser.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import dev.callsafe.browser.BrowserFixture;
import dev.callsafe.browser.Wait;
import dev.callsafe.browser.shell.BrowserTab;
import dev.callsafe.capture.device.Camera;
import dev.callsafe.capture.device.DeviceCatalog;
import dev.callsafe.capture.device.VideoCapabilities;
import dev.callsafe.capture.video.VideoFormat;
import dev.callsafe.capture.video.VideoFrame;
import dev.callsafe.capture.video.VideoSource;

/**
 * Our tracks behave as MediaStreamTracks do: clones live on their own, disabling sends black and silence
 * (and the chrome says paused), a stalled source mutes, and MediaRecorder and ImageCapture work on them.
 */
class TrackBehaviourEndToEndTest {
    private BrowserFixture browser;
    private DeviceTestSupport devices;
    private BrowserTab tab;

    @BeforeEach
    void open() throws Exception {
        browser = BrowserFixture.get();
        devices = new DeviceTestSupport(browser);
        tab = browser.freshTab("/call.html");
    }

    @AfterEach
    void cleanUp() throws Exception {
        browser.eval(tab, "[window.c1, window.c2].forEach((t) => t && t.stop()), true");
        devices.cleanUp();
        browser.media().devices().unplug(StallingCamera.ID);
    }

    private void grant(String constraints) {
        browser.eval(tab, "probe.start(" + constraints + ")");
        browser.clickNamed("consent.allow");
        JsonObject state = Wait.value("getUserMedia settled", Duration.ofSeconds(20),
                () -> browser.eval(tab, "probe.state()").getAsJsonObject(), s -> s.get("settled").getAsBoolean());
        assertTrue(state.get("error").isJsonNull(), () -> "error: " + state.get("error"));
    }

    /** The colour of the left (red) box in the frames a track shows, and how many frames came. */
    private JsonArray frames(String track, int n) {
        return browser.eval(tab, "probe.video(" + n + ", 10000, " + track + ")").getAsJsonArray();
    }

    private static boolean allRed(JsonArray frames) {
        for (JsonElement f : frames) {
            JsonArray px = f.getAsJsonObject().getAsJsonArray("red");
            if (px.get(0).getAsInt() < 180 || px.get(1).getAsInt() > 90) {
                return false;
            }
        }
        return frames.size() > 0;
    }

    @Test
    void aCloneKeepsTheSourceOpenUntilEveryCloneStops() {
        grant("{video: {width: 320, height: 240}}");
        Wait.until("one capture (the preview released)", Duration.ofSeconds(10),
                () -> browser.media().runningCaptureCount() == 1);
        JsonObject clone = browser.eval(tab, "(() => { const t = probe.stream().getVideoTracks()[0];"
                + " window.c1 = t.clone(); return {live: c1.readyState, id: c1.id !== t.id, kind: c1.kind,"
                + " settings: c1.getSettings(), label: c1.label === t.label}; })()").getAsJsonObject();
        assertEquals("live", clone.get("live").getAsString());
        assertTrue(clone.get("id").getAsBoolean() && clone.get("label").getAsBoolean(), clone::toString);
        assertEquals(320, clone.getAsJsonObject("settings").get("width").getAsInt(), clone::toString);

        browser.eval(tab, "probe.stream().getVideoTracks()[0].stop(), true");
        assertEquals("ended", browser.eval(tab, "probe.stream().getVideoTracks()[0].readyState").getAsString());
        JsonArray shown = frames("c1", 15);
        assertTrue(shown.size() >= 15 && allRed(shown), () -> "the clone still shows the camera: " + shown);
        assertEquals(1, browser.media().runningCaptureCount(), "the source stays open for the clone");
        assertEquals(1, browser.media().liveTrackCount());

        browser.eval(tab, "window.c2 = c1.clone(); c1.stop(), true");
        JsonArray second = frames("c2", 10);
        assertTrue(allRed(second), () -> "a clone of a clone shows the camera: " + second);
        assertEquals(1, browser.media().runningCaptureCount());

        browser.eval(tab, "c2.stop(), true");
        Wait.until("the capture closed with the last clone", Duration.ofSeconds(10),
                () -> browser.media().runningCaptureCount() == 0 && browser.media().liveTrackCount() == 0);
    }

    @Test
    void disablingSendsBlackAndSilenceAndTheChromeSaysPaused() {
        grant("{video: {width: 320, height: 240}, audio: true}");
        assertFalse(browser.text("capture.indicator.text").contains("paused"));

        browser.eval(tab, "probe.stream().getTracks().forEach((t) => { t.enabled = false; }), true");
        Wait.until("the chrome says paused", Duration.ofSeconds(10), () -> {
            String text = browser.text("capture.indicator.text");
            return text.contains("Camera (paused)") && text.contains("Microphone (paused)");
        });
        JsonArray dark = frames("undefined", 10);
        for (JsonElement f : dark) {
            for (JsonElement v : f.getAsJsonObject().getAsJsonArray("red")) {
                assertTrue(v.getAsInt() <= 30, () -> "a disabled track shows black: " + dark);
            }
        }
        double quiet = browser.evalOnClick(tab, "probe.audioLevel()").getAsDouble();
        assertTrue(quiet < 0.001, "a disabled microphone is silent: " + quiet);
        assertEquals(false, browser.eval(tab, "probe.stream().getVideoTracks()[0].enabled").getAsBoolean());

        browser.eval(tab, "probe.stream().getTracks().forEach((t) => { t.enabled = true; }), true");
        Wait.until("the chrome says live", Duration.ofSeconds(10),
                () -> !browser.text("capture.indicator.text").contains("paused"));
        JsonArray back = frames("undefined", 10);
        assertTrue(allRed(back), () -> "the camera is back: " + back);
        double level = browser.evalOnClick(tab, "probe.audioLevel()").getAsDouble();
        assertTrue(level > 0.05, "the tone is back: " + level);
    }

    /** A camera whose frames stop while {@link #stalled} is set (a webcam that hangs, then recovers). */
    private static final class StallingCamera implements Camera {
        static final String ID = "stalling-camera";
        final AtomicBoolean stalled = new AtomicBoolean();
        private final Camera inner = DeviceCatalog.syntheticCamera(1);

        @Override
        public String id() {
            return ID;
        }

        @Override
        public String label() {
            return "Stalling camera";
        }

        @Override
        public VideoCapabilities capabilities() {
            return inner.capabilities();
        }

        @Override
        public VideoSource open(VideoFormat format) throws IOException {
            VideoSource source = inner.open(format);
            Map<Consumer<VideoFrame>, Consumer<VideoFrame>> wrapped = new ConcurrentHashMap<>();
            return new VideoSource() {
                @Override
                public VideoFormat format() {
                    return source.format();
                }

                @Override
                public void addSink(Consumer<VideoFrame> sink) {
                    Consumer<VideoFrame> w = f -> {
                        if (!stalled.get()) {
                            sink.accept(f);
                        }
                    };
                    wrapped.put(sink, w);
                    source.addSink(w);
                }

                @Override
                public void removeSink(Consumer<VideoFrame> sink) {
                    Consumer<VideoFrame> w = wrapped.remove(sink);
                    if (w != null) {
                        source.removeSink(w);
                    }
                }

                @Override
                public void onEnded(Runnable callback) {
                    source.onEnded(callback);
                }

                @Override
                public boolean isRunning() {
                    return source.isRunning();
                }

                @Override
                public void close() {
                    source.close();
                }
            };
        }
    }

    @Test
    void aStalledSourceMutesItsTrackAndUnmutesWhenFramesFlowAgain() {
        StallingCamera camera = new StallingCamera();
        browser.media().devices().plug(camera);
        browser.eval(tab, "probe.start({video: {width: 320, height: 240, frameRate: 30}})");
        devices.choose("consent.camera", "Stalling camera");
        browser.clickNamed("consent.allow");
        Wait.until("granted", Duration.ofSeconds(20), () -> browser.eval(tab, "probe.state().settled").getAsBoolean());
        assertTrue(browser.eval(tab, "probe.state().tracks[0].label").getAsString().startsWith("Stalling camera"));
        browser.eval(tab, "window.muteLog = []; const t = probe.stream().getVideoTracks()[0];"
                + " t.onmute = () => muteLog.push('mute:' + t.muted); t.onunmute = () => muteLog.push('unmute:' + t.muted); true");
        assertFalse(browser.eval(tab, "probe.stream().getVideoTracks()[0].muted").getAsBoolean());

        camera.stalled.set(true);
        Wait.until("muted", Duration.ofSeconds(10), () -> browser.eval(tab,
                "probe.stream().getVideoTracks()[0].muted && muteLog[muteLog.length - 1] === 'mute:true'").getAsBoolean());
        camera.stalled.set(false);
        Wait.until("unmuted", Duration.ofSeconds(10), () -> browser.eval(tab,
                "!probe.stream().getVideoTracks()[0].muted && muteLog[muteLog.length - 1] === 'unmute:false'").getAsBoolean());
        assertEquals("live", browser.eval(tab, "probe.stream().getVideoTracks()[0].readyState").getAsString());
    }

    @Test
    void mediaRecorderRecordsOurTracks() {
        grant("{video: {width: 320, height: 240}, audio: true}");
        JsonObject r = browser.eval(tab, "(async () => {"
                + " const rec = new MediaRecorder(probe.stream()); const chunks = [];"
                + " rec.ondataavailable = (e) => { if (e.data.size) chunks.push(e.data); };"
                + " const stopped = new Promise((res) => { rec.onstop = res; }); rec.start(250);"
                // a recording of 1.5 s of the call: the length recorded, not a wait for something to happen
                + " await new Promise((res) => setTimeout(res, 1500));"
                + " rec.stop(); await stopped;"
                + " const blob = new Blob(chunks, {type: rec.mimeType});"
                + " const v = document.createElement('video'); v.muted = true; v.src = URL.createObjectURL(blob);"
                + " document.body.appendChild(v);"
                + " await new Promise((res, rej) => { v.onloadeddata = res; v.onerror = () => rej(new Error('undecodable')); });"
                + " await v.play(); await new Promise((res) => v.requestVideoFrameCallback(res)); v.pause(); v.remove();"
                + " const c = document.createElement('canvas'); c.width = v.videoWidth; c.height = v.videoHeight;"
                + " const x = c.getContext('2d'); x.drawImage(v, 0, 0); const box = Math.floor(c.height / 6);"
                + " return {type: rec.mimeType, size: blob.size, chunks: chunks.length, w: v.videoWidth, h: v.videoHeight,"
                + " red: Array.from(x.getImageData(box >> 1, c.height - (box >> 1), 1, 1).data.slice(0, 3))}; })()")
                .getAsJsonObject();
        assertTrue(r.get("chunks").getAsInt() >= 2 && r.get("size").getAsInt() > 10_000, r::toString);
        assertTrue(r.get("type").getAsString().startsWith("video/"), r::toString);
        assertEquals(320, r.get("w").getAsInt(), r::toString);
        assertEquals(240, r.get("h").getAsInt(), r::toString);
        JsonArray red = r.getAsJsonArray("red");
        assertTrue(red.get(0).getAsInt() >= 150 && red.get(1).getAsInt() <= 100, () -> "recorded camera: " + r);
    }

    @Test
    void imageCaptureGrabsFramesAndTakesPhotos() {
        grant("{video: {width: 320, height: 240}}");
        JsonObject r = browser.eval(tab, "(async () => {"
                + " const ic = new ImageCapture(probe.stream().getVideoTracks()[0]);"
                + " const px = (b) => { const c = new OffscreenCanvas(b.width, b.height); const x = c.getContext('2d');"
                + "   x.drawImage(b, 0, 0); const box = Math.floor(b.height / 6);"
                + "   return Array.from(x.getImageData(box >> 1, b.height - (box >> 1), 1, 1).data.slice(0, 3)); };"
                + " const frame = await ic.grabFrame(); const photo = await ic.takePhoto();"
                + " const picture = await createImageBitmap(photo);"
                + " return {grab: {w: frame.width, h: frame.height, red: px(frame)},"
                + "   photo: {type: photo.type, size: photo.size, w: picture.width, h: picture.height, red: px(picture)},"
                + "   capabilities: await ic.getPhotoCapabilities(), settings: await ic.getPhotoSettings()}; })()")
                .getAsJsonObject();
        JsonObject grab = r.getAsJsonObject("grab");
        JsonObject photo = r.getAsJsonObject("photo");
        assertEquals(320, grab.get("w").getAsInt(), r::toString);
        assertEquals("image/jpeg", photo.get("type").getAsString(), r::toString);
        assertEquals(320, photo.get("w").getAsInt(), r::toString);
        assertEquals(240, photo.get("h").getAsInt(), r::toString);
        for (JsonObject p : new JsonObject[] {grab, photo}) {
            JsonArray red = p.getAsJsonArray("red");
            assertTrue(red.get(0).getAsInt() >= 150 && red.get(1).getAsInt() <= 100, () -> "red box: " + r);
        }
        assertEquals(320, r.getAsJsonObject("settings").get("imageWidth").getAsInt(), r::toString);
        assertEquals(240, r.getAsJsonObject("capabilities").getAsJsonObject("imageHeight").get("max").getAsInt());
    }
}
