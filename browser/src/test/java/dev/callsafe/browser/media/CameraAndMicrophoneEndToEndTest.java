package dev.callsafe.browser.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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

/** Camera and microphone reach a page only through the Java prompt, and arrive as real frames and samples. */
class CameraAndMicrophoneEndToEndTest {
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

    private JsonObject settle() {
        return Wait.value("getUserMedia settled", Duration.ofSeconds(20),
                () -> browser.eval(tab, "probe.state()").getAsJsonObject(),
                s -> s.get("settled").getAsBoolean());
    }

    @Test
    void allowDeliversStampedCameraFramesAndAudibleMicrophone() {
        browser.eval(tab, "probe.start({video: {width: 640, height: 360, frameRate: 30}, audio: true})");
        String prompt = browser.text("consent.text");
        assertTrue(prompt.contains(browser.pages().url("").replaceAll("/$", "")), prompt);
        assertTrue(prompt.contains("camera and microphone"), prompt);

        browser.clickNamed("consent.allow");
        JsonObject state = settle();
        assertTrue(state.get("error").isJsonNull(), () -> "error: " + state.get("error"));
        JsonArray tracks = state.getAsJsonArray("tracks");
        assertEquals(2, tracks.size());
        JsonObject video = find(tracks, "video");
        JsonObject settings = video.getAsJsonObject("settings");
        assertEquals(640, settings.get("width").getAsInt());
        assertEquals(360, settings.get("height").getAsInt());
        assertEquals(30.0, settings.get("frameRate").getAsDouble());
        assertTrue(video.get("label").getAsString().contains("Synthetic camera"));
        assertFalse(find(tracks, "audio").get("settings").getAsJsonObject().get("deviceId").getAsString().isEmpty());

        JsonArray frames = browser.eval(tab, "probe.video(20, 10000)").getAsJsonArray();
        assertTrue(frames.size() >= 20, "frames shown: " + frames.size());
        long firstSeq = -1;
        long lastSeq = -1;
        int stamped = 0;
        for (JsonElement e : frames) {
            JsonObject f = e.getAsJsonObject();
            assertEquals(640, f.get("w").getAsInt());
            assertEquals(360, f.get("h").getAsInt());
            if (f.get("stamp").isJsonNull()) {
                continue;
            }
            stamped++;
            long seq = f.getAsJsonObject("stamp").get("seq").getAsLong();
            if (firstSeq < 0) {
                firstSeq = seq;
            }
            assertTrue(seq >= lastSeq, "counter never goes back");
            lastSeq = seq;
            assertRgb(f, "red", 200, 60, 60);
            assertRgb(f, "green", 60, 200, 60);
            assertRgb(f, "blue", 60, 60, 200);
        }
        assertTrue(stamped >= 18, "frames with a readable stamp: " + stamped);
        assertTrue(lastSeq - firstSeq >= 10, "counter rose from " + firstSeq + " to " + lastSeq);

        double level = browser.evalOnClick(tab, "probe.audioLevel()").getAsDouble();
        assertTrue(level > 0.05, "tone RMS level " + level); // a 1/8-amplitude sine has RMS 0.088

        String indicator = browser.text("capture.indicator.text");
        assertTrue(indicator.contains("Camera and Microphone"), indicator);
        assertTrue(indicator.contains("http://127.0.0.1:" + browser.pages().port()), indicator);
    }

    private static void assertRgb(JsonObject frame, String box, int... expect) {
        JsonArray px = frame.getAsJsonArray(box);
        for (int i = 0; i < 3; i++) {
            int v = px.get(i).getAsInt();
            boolean high = expect[i] > 128;
            assertTrue(high ? v >= 180 : v <= 90, box + " box pixel " + px);
        }
    }

    private static JsonObject find(JsonArray tracks, String kind) {
        for (JsonElement e : tracks) {
            if (e.getAsJsonObject().get("kind").getAsString().equals(kind)) {
                return e.getAsJsonObject();
            }
        }
        throw new AssertionError("no " + kind + " track in " + tracks);
    }

    @Test
    void blockGivesNotAllowedErrorAndCapturesNothing() {
        browser.eval(tab, "probe.start({video: true})");
        browser.clickNamed("consent.block");
        JsonObject state = settle();
        assertNotNull(state.get("error"));
        assertEquals("NotAllowedError", state.getAsJsonObject("error").get("name").getAsString());
        assertEquals(0, browser.media().liveTrackCount());
        browser.awaitGone("consent.prompt");
        assertTrue(browser.showing("capture.indicator").isEmpty());
    }
}
