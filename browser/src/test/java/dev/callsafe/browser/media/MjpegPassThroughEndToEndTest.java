package dev.callsafe.browser.media;

import static dev.callsafe.browser.media.DeviceTestSupport.assertColour;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import javax.swing.ImageIcon;
import javax.swing.JLabel;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import dev.callsafe.browser.BrowserFixture;
import dev.callsafe.browser.Wait;
import dev.callsafe.browser.shell.BrowserTab;
import dev.callsafe.capture.device.SampleFiles;

/**
 * An MJPEG file chosen instead of a camera goes to the page as the JPEGs it holds (the page decodes them),
 * and the page still gets the file's exact pixels: the frame stamps written into the file and its colour boxes.
 */
class MjpegPassThroughEndToEndTest {
    @TempDir
    static Path files;

    private BrowserFixture browser;
    private DeviceTestSupport devices;
    private BrowserTab tab;

    @BeforeEach
    void open() throws Exception {
        browser = BrowserFixture.get();
        devices = new DeviceTestSupport(browser);
        tab = browser.freshTab("/devices.html");
    }

    @AfterEach
    void cleanUp() throws Exception {
        devices.cleanUp();
    }

    @Test
    void anMjpegFileReachesThePageCompressedWithItsPixelsIntact() throws Exception {
        Path file = SampleFiles.mjpeg(files, "camera.mjpeg", 640, 360, 12);
        browser.eval(tab, "probe.start({video: true})");
        devices.chooseFile("consent.camera", file, "File: camera.mjpeg (video, 640x360)");
        // The prompt's preview needs pixels in Java: the JPEGs are decoded for it (red box at bottom left).
        JLabel preview = (JLabel) browser.awaitShowing("consent.camera.preview");
        Wait.until("preview shows the file's red box", Duration.ofSeconds(15), () -> {
            AtomicReference<BufferedImage> img = new AtomicReference<>();
            BrowserFixture.onEdt(() -> img.set(preview.getIcon() == null ? null
                    : (BufferedImage) ((ImageIcon) preview.getIcon()).getImage()));
            if (img.get() == null) {
                return false;
            }
            int box = img.get().getHeight() / 6;
            int p = img.get().getRGB(box / 2, img.get().getHeight() - box / 2);
            return ((p >> 16) & 0xff) > 170 && ((p >> 8) & 0xff) < 90 && (p & 0xff) < 90;
        });
        long jpegBefore = browser.media().cameraJpegFramesSent();
        long rawBefore = browser.media().cameraI420FramesSent();
        browser.clickNamed("consent.allow");
        JsonObject state = Wait.value("granted", Duration.ofSeconds(20), () -> browser.eval(tab, "probe.state()"),
                s -> s.getAsJsonObject().get("settled").getAsBoolean()).getAsJsonObject();
        assertTrue(state.get("error").isJsonNull(), () -> "getUserMedia failed: " + state.get("error"));
        JsonObject settings = state.getAsJsonArray("tracks").get(0).getAsJsonObject().getAsJsonObject("settings");
        assertEquals(640, settings.get("width").getAsInt());
        assertEquals(30.0, settings.get("frameRate").getAsDouble(), 0.01, "a raw MJPEG file plays at 30 fps");

        JsonArray frames = browser.eval(tab, "probe.video(15, 10000)").getAsJsonArray();
        assertTrue(frames.size() >= 15, "frames shown: " + frames.size());
        Set<Long> stamps = new HashSet<>();
        for (JsonElement e : frames) {
            JsonObject f = e.getAsJsonObject();
            assertEquals(640, f.get("w").getAsInt());
            assertEquals(360, f.get("h").getAsInt());
            assertTrue(f.get("stamp").isJsonObject(), () -> "the file's frame stamp survives: " + f);
            long seq = f.getAsJsonObject("stamp").get("seq").getAsLong();
            assertTrue(seq < 12, "stamp " + seq + " is one of the file's 12 frames");
            stamps.add(seq);
            assertColour("red box", f.getAsJsonArray("red"), 255, 0, 0);
            assertColour("green box", f.getAsJsonArray("green"), 0, 255, 0);
            assertColour("blue box", f.getAsJsonArray("blue"), 0, 0, 255);
        }
        assertTrue(stamps.size() >= 3, "the picture moves through the file's frames: " + stamps);
        // What the stream carried: the page got JPEGs, not pixels (nothing else captures a camera meanwhile).
        long jpegSent = browser.media().cameraJpegFramesSent() - jpegBefore;
        assertTrue(jpegSent >= 15, "JPEG frames sent: " + jpegSent);
        assertEquals(0, browser.media().cameraI420FramesSent() - rawBefore, "no camera frame went as I420");
    }
}
