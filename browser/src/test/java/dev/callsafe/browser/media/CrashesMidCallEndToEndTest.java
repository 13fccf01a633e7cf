package dev.callsafe.browser.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import dev.callsafe.browser.BrowserFixture;
import dev.callsafe.browser.Wait;
import dev.callsafe.browser.shell.BrowserTab;

/**
 * Issue 11 item 3: a call survives what can crash under it. Killing the page's process ends its capture and
 * the indicator and offers Reload while the browser runs on; killing the GPU process does not stop capture.
 */
class CrashesMidCallEndToEndTest {
    private BrowserFixture browser;
    private BrowserTab tab;

    @BeforeEach
    void open() throws Exception {
        browser = BrowserFixture.get();
        tab = browser.freshTab("/call.html"); // the only tab: every page process is this tab's (or a spare)
    }

    @AfterEach
    void cleanUp() {
        browser.stopAllCapture();
    }

    private void allowCamera() {
        browser.eval(tab, "probe.start({video: {width: 320, height: 240}})");
        browser.clickNamed("consent.allow");
        JsonObject s = Wait.value("call started", Duration.ofSeconds(20),
                () -> browser.eval(tab, "probe.state()").getAsJsonObject(), x -> x.get("settled").getAsBoolean());
        assertTrue(s.get("error").isJsonNull(), () -> "error " + s.get("error"));
        assertEquals(1, browser.media().liveTrackCount());
        browser.awaitShowing("capture.indicator");
    }

    @Test
    void killingThePageProcessEndsItsCaptureAndOffersReload() throws Exception {
        allowCamera();
        List<ProcessHandle> renderers = engineProcesses("renderer");
        assertFalse(renderers.isEmpty(), () -> "a page process to kill among " + allProcesses());
        renderers.forEach(ProcessHandle::destroyForcibly); // SIGKILL

        Wait.until("the capture ended", Duration.ofSeconds(10), () -> browser.media().liveTrackCount() == 0);
        browser.awaitGone("capture.indicator");
        Wait.value("the tab offers Reload", Duration.ofSeconds(20), () -> browser.eval(tab,
                "[location.href, document.querySelector('h1') && document.querySelector('h1').textContent,"
                + " document.querySelector('#retry') && !document.querySelector('#retry').hidden"
                + " && document.querySelector('#retry').textContent]").toString(),
                s -> s.contains("\"This page stopped working\",\"Reload\""));

        browser.input().click(tab, "#retry"); // a person's click on Reload
        String url = browser.pages().url("/call.html");
        Wait.until("the page back", Duration.ofSeconds(20), () -> browser.eval(tab,
                "location.href === '" + url + "' && document.readyState === 'complete' && !!window.probe").getAsBoolean());
        // The call's grant ended with its document: the page asks again.
        browser.eval(tab, "probe.start({video: true})");
        browser.awaitShowing("consent.allow");
        browser.clickNamed("consent.allow");
        Wait.until("capture again", Duration.ofSeconds(20), () -> browser.media().liveTrackCount() == 1);
    }

    @Test
    void killingTheGpuProcessKeepsCaptureGoing() throws Exception {
        allowCamera();
        JsonArray before = browser.eval(tab, "probe.video(5, 10000).then((f) => f.filter((x) => x.stamp).map((x) => x.stamp.seq))").getAsJsonArray();
        assertEquals(5, before.size(), before::toString);
        List<ProcessHandle> gpu = engineProcesses("gpu-process");
        assertFalse(gpu.isEmpty(), () -> "a GPU process to kill among " + allProcesses());
        gpu.forEach(ProcessHandle::destroyForcibly);
        Wait.until("the GPU process gone", Duration.ofSeconds(10), () -> gpu.stream().noneMatch(ProcessHandle::isAlive));

        JsonArray after = browser.eval(tab, "probe.video(10, 15000).then((f) => f.filter((x) => x.stamp).map((x) => x.stamp.seq))").getAsJsonArray();
        assertEquals(10, after.size(), () -> "frames after the GPU process was killed: " + after);
        assertTrue(after.get(9).getAsLong() > before.get(4).getAsLong(), () -> before + " then " + after);
        assertEquals(1, browser.media().liveTrackCount());
        assertEquals("live", browser.eval(tab, "probe.state().tracks[0].readyState").getAsString());
        browser.awaitShowing("capture.indicator");
    }

    /** The browser's child processes of one Chromium type ({@code --type=...}). */
    static List<ProcessHandle> engineProcesses(String type) {
        return ProcessHandle.current().descendants().filter(p -> commandLine(p).matches("(?s).*--type=" + type + "([\\s\\x00].*|$)")).toList();
    }

    static String commandLine(ProcessHandle p) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(p.pid()), "cmdline"), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "";
        }
    }

    static String allProcesses() {
        return ProcessHandle.current().descendants().map(p -> p.pid() + " " + commandLine(p).replace('\u0000', ' ')
                .substring(0, Math.min(160, commandLine(p).length()))).toList().toString();
    }
}
