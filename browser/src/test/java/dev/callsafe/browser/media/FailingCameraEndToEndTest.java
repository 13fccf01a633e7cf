package dev.callsafe.browser.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.callsafe.browser.BrowserFixture;
import dev.callsafe.browser.Wait;
import dev.callsafe.browser.shell.BrowserTab;
import dev.callsafe.capture.device.SampleFiles;

/**
 * Issue 11 item 3: a camera or microphone that fails mid-call (here a file standing in for it, removed while
 * it is sent: its next pass cannot be read) ends the page's track with {@code ended}, and the chrome says why.
 */
class FailingCameraEndToEndTest {
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
        if (!browser.showing("capture.failure.ok").isEmpty()) {
            browser.clickNamed("capture.failure.ok");
        }
        devices.cleanUp();
    }

    @Test
    void aCameraFileRemovedMidCallEndsTheTrackAndTheChromeSaysWhy() throws Exception {
        Path video = SampleFiles.video(files, "vanishing.mkv", Color.MAGENTA, 320, 240, 20, 10); // a 0.5 s loop
        String notice = removedMidCall("a", "video", video, "File: vanishing.mkv (video, 320x240)");
        browser.awaitGone("capture.indicator.stop");
        assertTrue(notice.contains("Camera stopped: File: vanishing.mkv") && notice.contains("reading it failed"), notice);

        // With the notice showing, the next capture's Stop in the chrome is still there for a person to press
        // (a wide notice once pushed it onto a strip row nobody could see).
        browser.eval(tab, "devprobe.get('b', {video: true})");
        browser.clickNamed("consent.allow");
        devices.granted(tab, "b");
        browser.clickNamed("capture.indicator.stop");
        Wait.until("Stop ended the new capture", Duration.ofSeconds(10),
                () -> browser.eval(tab, "devprobe.ended()").toString().equals("[\"a:video\",\"b:video\"]"));
        assertTrue(!browser.showing("capture.failure.text").isEmpty(), "the notice stays until the person says OK");
    }

    @Test
    void aMicrophoneFileRemovedMidCallEndsTheTrackAndTheChromeSaysWhy() throws Exception {
        Path audio = SampleFiles.tone(files, "vanishing.wav", 1000, 0.3); // a 0.3 s loop
        String notice = removedMidCall("m", "audio", audio, "File: vanishing.wav (audio)");
        assertTrue(notice.contains("Microphone stopped: File: vanishing.wav") && notice.contains("reading it failed"),
                notice);
    }

    /**
     * The page asks for one {@code kind} ("video" or "audio") as {@code name}, the person allows it with
     * {@code file} instead of the device, the file is removed while it is sent: returns the chrome's notice
     * once the page's track ended and no capture is left.
     */
    private String removedMidCall(String name, String kind, Path file, String shown) throws Exception {
        browser.eval(tab, "devprobe.get('" + name + "', {" + kind + ": true})");
        devices.chooseFile(kind.equals("video") ? "consent.camera" : "consent.microphone", file, shown);
        browser.clickNamed("consent.allow");
        devices.granted(tab, name);
        assertEquals(1, browser.media().liveTrackCount());

        Files.delete(file);
        Wait.until("the page's track ended", Duration.ofSeconds(15),
                () -> browser.eval(tab, "devprobe.ended()").toString().equals("[\"" + name + ":" + kind + "\"]"));
        Wait.until("no capture left", Duration.ofSeconds(10), () -> browser.media().liveTrackCount() == 0);
        return Wait.value("the chrome says why", Duration.ofSeconds(10),
                () -> browser.showing("capture.failure.text").isEmpty() ? "" : browser.text("capture.failure.text"),
                t -> !t.isEmpty());
    }
}
