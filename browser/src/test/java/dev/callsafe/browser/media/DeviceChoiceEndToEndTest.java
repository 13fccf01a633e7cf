package dev.callsafe.browser.media;

import static dev.callsafe.browser.media.DeviceTestSupport.assertColour;
import static dev.callsafe.browser.media.DeviceTestSupport.track;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;

import javax.swing.ImageIcon;
import javax.swing.JLabel;
import javax.swing.JProgressBar;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import dev.callsafe.browser.BrowserFixture;
import dev.callsafe.browser.Wait;
import dev.callsafe.browser.shell.BrowserTab;
import dev.callsafe.capture.device.Camera;
import dev.callsafe.capture.device.DeviceBusyException;
import dev.callsafe.capture.device.DeviceCatalog;
import dev.callsafe.capture.device.SampleFiles;
import dev.callsafe.capture.device.VideoCapabilities;
import dev.callsafe.capture.video.VideoFormat;
import dev.callsafe.capture.video.VideoSource;

/** The prompt lists every device and files can stand in; what the user picks is what the page gets. */
class DeviceChoiceEndToEndTest {
    @TempDir
    static Path files;

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
    }

    /** The preview's picture, once it shows one. */
    private BufferedImage previewImage() {
        JLabel preview = (JLabel) browser.awaitShowing("consent.camera.preview");
        return Wait.value("camera preview", Duration.ofSeconds(15), () -> {
            AtomicReference<BufferedImage> img = new AtomicReference<>();
            BrowserFixture.onEdt(() -> img.set(preview.getIcon() == null ? null
                    : (BufferedImage) ((ImageIcon) preview.getIcon()).getImage()));
            return img.get();
        }, java.util.Objects::nonNull);
    }

    private static JsonArray rgb(BufferedImage img, int x, int y) {
        int p = img.getRGB(x, y);
        JsonArray a = new JsonArray();
        a.add((p >> 16) & 0xff);
        a.add((p >> 8) & 0xff);
        a.add(p & 0xff);
        return a;
    }

    @Test
    void theChosenCameraAndMicrophoneAreWhatThePageGetsAndTheChoiceIsRemembered() {
        browser.eval(tab, "devprobe.get('a', {video: {width: 320, height: 240}, audio: true})");
        String[] cams = devices.entries("consent.camera");
        assertEquals(2, cams.length, Arrays.toString(cams));
        assertTrue(devices.selected("consent.camera").startsWith("Synthetic camera (test pattern)"),
                "the default camera first");
        assertEquals(2, devices.entries("consent.microphone").length);

        devices.choose("consent.camera", "Synthetic camera 2");
        devices.choose("consent.microphone", "660 Hz");
        // The preview shows the chosen camera: its bottom-left box is yellow.
        Wait.until("preview of camera 2", Duration.ofSeconds(15), () -> {
            BufferedImage img = previewImage();
            int box = img.getHeight() / 6;
            int p = img.getRGB(box / 2, img.getHeight() - box / 2);
            return ((p >> 16) & 0xff) > 170 && ((p >> 8) & 0xff) > 170 && (p & 0xff) < 90;
        });
        JProgressBar level = (JProgressBar) browser.awaitShowing("consent.microphone.level");
        Wait.until("level meter moves", Duration.ofSeconds(10), () -> {
            AtomicReference<Integer> v = new AtomicReference<>();
            BrowserFixture.onEdt(() -> v.set(level.getValue()));
            return v.get() > 30;
        });

        browser.clickNamed("consent.allow");
        JsonObject r = devices.granted(tab, "a");
        assertTrue(track(r, "video").get("label").getAsString().startsWith("Synthetic camera 2"), r.toString());
        assertTrue(track(r, "audio").get("label").getAsString().contains("660 Hz"), r.toString());
        JsonObject c = browser.eval(tab, "devprobe.colours('a')").getAsJsonObject();
        assertColour("left box", c.getAsJsonArray("left"), 255, 255, 0);
        assertColour("middle box", c.getAsJsonArray("middle"), 0, 255, 255);
        assertColour("right box", c.getAsJsonArray("right"), 255, 0, 255);
        double hz = browser.evalOnClick(tab, "devprobe.peakHz('a')").getAsDouble();
        assertEquals(660, hz, 25, "the tone of microphone 2");

        // Next time this origin asks, the prompt starts on what the user chose. The call ends with its
        // document (stopping the tracks alone keeps the call's grant).
        browser.navigate(tab, browser.pages().url("/devices.html?next-call"));
        Wait.until("call ended", Duration.ofSeconds(10), () -> browser.media().liveTrackCount() == 0);
        browser.eval(tab, "devprobe.get('b', {video: true, audio: true})");
        assertTrue(devices.selected("consent.camera").startsWith("Synthetic camera 2"));
        assertTrue(devices.selected("consent.microphone").contains("660 Hz"));
        browser.clickNamed("consent.block");
        assertEquals("NotAllowedError", devices.settled(tab, "b").getAsJsonObject("error").get("name").getAsString());
    }

    /** A camera that only delivers small pictures (a real limit, as an old webcam has). */
    private static final class SmallCamera implements Camera {
        private final Camera inner = DeviceCatalog.syntheticCamera(1);

        @Override
        public String id() {
            return "limited-camera";
        }

        @Override
        public String label() {
            return "Small camera (320x240 at most)";
        }

        @Override
        public VideoCapabilities capabilities() {
            return new VideoCapabilities(160, 320, 120, 240, 1, 30);
        }

        @Override
        public VideoSource open(VideoFormat format) throws IOException {
            return inner.open(format);
        }
    }

    @Test
    void aCameraThatCannotMeetTheConstraintsIsListedWithTheReasonAndCannotBeChosen() {
        browser.media().devices().plug(new SmallCamera());
        browser.eval(tab, "devprobe.get('a', {video: {width: {min: 640}}})");
        String[] cams = devices.entries("consent.camera");
        assertEquals(3, cams.length, Arrays.toString(cams));
        String small = Arrays.stream(cams).filter(s -> s.startsWith("Small camera")).findFirst().orElseThrow();
        assertTrue(small.contains("unavailable: cannot give the width the page requires"), small);
        devices.choose("consent.camera", "Small camera");
        devices.awaitText("consent.note", "Small camera (320x240 at most) cannot be used");
        assertTrue(devices.selected("consent.camera").startsWith("Synthetic camera (test pattern)"),
                "the selection stays on a usable camera");
        browser.clickNamed("consent.allow");
        JsonObject r = devices.granted(tab, "a");
        assertTrue(track(r, "video").getAsJsonObject("settings").get("width").getAsInt() >= 640);
    }

    @Test
    void aVideoFileAndAnAudioFileStandInForCameraAndMicrophone() throws Exception {
        Path video = SampleFiles.video(files, "magenta.mkv", Color.MAGENTA, 320, 240, 20, 10);
        Path audio = SampleFiles.tone(files, "tone-1000.wav", 1000, 0.5);
        browser.eval(tab, "devprobe.get('a', {video: true, audio: true})");
        devices.chooseFile("consent.camera", video, "File: magenta.mkv (video, 320x240)");
        Wait.until("preview of the file", Duration.ofSeconds(15), () -> {
            BufferedImage img = previewImage();
            JsonArray p = rgb(img, img.getWidth() / 2, img.getHeight() / 2);
            return p.get(0).getAsInt() > 170 && p.get(1).getAsInt() < 90 && p.get(2).getAsInt() > 170;
        });
        devices.chooseFile("consent.microphone", audio, "File: tone-1000.wav (audio)");
        browser.clickNamed("consent.allow");

        JsonObject r = devices.granted(tab, "a");
        JsonObject v = track(r, "video");
        assertEquals("File: magenta.mkv (video, 320x240)", v.get("label").getAsString());
        assertEquals(320, v.getAsJsonObject("settings").get("width").getAsInt());
        assertEquals(20.0, v.getAsJsonObject("settings").get("frameRate").getAsDouble(), 0.01);
        assertEquals("File: tone-1000.wav (audio)", track(r, "audio").get("label").getAsString());
        // The chrome names the files being sent, never a camera or microphone that is off.
        Wait.until("indicator names both files", Duration.ofSeconds(10),
                () -> browser.text("capture.indicator.text").contains("File: tone-1000.wav"));
        String indicator = browser.text("capture.indicator.text");
        assertTrue(indicator.contains("File: magenta.mkv (video, 320x240) and File: tone-1000.wav (audio) in use by"),
                indicator);
        assertFalse(indicator.contains("Camera") || indicator.contains("Microphone"), indicator);
        JsonObject c = browser.eval(tab, "devprobe.colours('a')").getAsJsonObject();
        assertColour("centre", c.getAsJsonArray("centre"), 255, 0, 255);
        assertEquals(1000, browser.evalOnClick(tab, "devprobe.peakHz('a')").getAsDouble(), 25);
        // Still playing after the half-second file's end: it loops.
        Wait.until("looped past the end", Duration.ofSeconds(10),
                () -> browser.eval(tab, "devprobe.readyStates('a')").toString().equals("[\"live\",\"live\"]"));
        JsonArray listed = browser.eval(tab, "probe.devices()").getAsJsonArray();
        assertTrue(listed.toString().contains("File: magenta.mkv (video, 320x240)"), listed.toString());
    }

    @Test
    void anImageStandsInForTheCamera() throws Exception {
        Path image = SampleFiles.image(files, "orange.png", Color.ORANGE, 240, 180);
        browser.eval(tab, "devprobe.get('a', {video: true})");
        devices.chooseFile("consent.camera", image, "File: orange.png (still image, 240x180)");
        browser.clickNamed("consent.allow");
        JsonObject r = devices.granted(tab, "a");
        assertEquals("File: orange.png (still image, 240x180)", track(r, "video").get("label").getAsString());
        JsonObject c = browser.eval(tab, "devprobe.colours('a')").getAsJsonObject();
        assertColour("centre", c.getAsJsonArray("centre"), 255, 200, 0);
    }

    @Test
    void aDamagedFileGetsAClearMessageAndNeverABrokenTrack() throws Exception {
        Path broken = SampleFiles.damaged(files, "broken.mkv");
        browser.eval(tab, "devprobe.get('a', {video: true})");
        devices.pickFile("consent.camera.file", broken);
        // "Opening broken.mkv…" first, then the verdict.
        String message = devices.awaitText("consent.file.message", "Cannot use this file");
        assertTrue(message.startsWith("Cannot use this file: broken.mkv "), message);
        assertTrue(devices.selected("consent.camera").startsWith("Synthetic camera (test pattern)"),
                "the camera stays selected");
        browser.clickNamed("consent.allow");
        JsonObject r = devices.granted(tab, "a");
        assertTrue(track(r, "video").get("label").getAsString().startsWith("Synthetic camera"));
        JsonObject c = browser.eval(tab, "devprobe.colours('a')").getAsJsonObject();
        assertColour("left box", c.getAsJsonArray("left"), 255, 0, 0);
    }

    /** A webcam another application holds: the operating system refuses to open it (V4L2 EBUSY). */
    private static final class HeldCamera implements Camera {
        @Override
        public String id() {
            return "held-camera";
        }

        @Override
        public String label() {
            return "Held camera";
        }

        @Override
        public VideoCapabilities capabilities() {
            return new VideoCapabilities(160, 1920, 120, 1080, 1, 30);
        }

        @Override
        public VideoSource open(VideoFormat format) throws IOException {
            throw new DeviceBusyException("Held camera is in use by another application",
                    new IOException("avformat_open_input() error -16: Could not open input"));
        }
    }

    @Test
    void aCameraAnotherApplicationHoldsIsShownBusyAndThePageGetsNotReadable() {
        browser.media().devices().plug(new HeldCamera());
        browser.eval(tab, "devprobe.get('a', {video: true})");
        devices.choose("consent.camera", "Held camera");
        devices.awaitText("consent.note", "Held camera is in use by another application");
        Wait.until("the list marks it", Duration.ofSeconds(10),
                () -> devices.shownSelected("consent.camera").endsWith("in use by another application"));
        browser.clickNamed("consent.allow");
        JsonObject error = devices.settled(tab, "a").getAsJsonObject("error");
        assertEquals("NotReadableError", error.get("name").getAsString());
        assertEquals("Held camera is in use by another application", error.get("message").getAsString());
        assertEquals(0, browser.media().liveTrackCount());
    }
}
