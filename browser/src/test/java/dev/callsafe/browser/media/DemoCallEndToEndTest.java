package dev.callsafe.browser.media;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonArray;

import dev.callsafe.browser.BrowserFixture;
import dev.callsafe.browser.LaunchOptions;
import dev.callsafe.browser.Wait;
import dev.callsafe.browser.shell.BrowserTab;
import dev.callsafe.permissions.Origin;

/**
 * What a new user does first: on the built-in demo page, a real click (XTest) on "Start camera and
 * microphone" shows the prompt, a real click on Allow shows the camera in the page. Fails when pages do not
 * receive a person's clicks.
 */
class DemoCallEndToEndTest {
    private final BrowserFixture browser;

    DemoCallEndToEndTest() throws Exception {
        browser = BrowserFixture.get();
    }

    @AfterEach
    void hangUp() {
        browser.media().clearSiteData(Origin.of(LaunchOptions.DEMO_URL));
        browser.current().ifPresent(t -> browser.eval(t, "document.getElementById('stop').disabled"
                + " || document.getElementById('stop').click(), true"));
        Wait.until("no capture left", Duration.ofSeconds(10), () -> browser.media().liveTrackCount() == 0);
    }

    @Test
    void aRealClickOnStartAndOnAllowShowsTheCameraInThePage() throws Exception {
        BrowserTab demo = browser.freshTab("/target.html");
        browser.navigate(demo, LaunchOptions.DEMO_URL);
        browser.media().clearSiteData(Origin.of(LaunchOptions.DEMO_URL));

        browser.input().click(demo, "#start-both");
        String prompt = browser.text("consent.text");
        assertTrue(prompt.contains("callsafe://demo"), prompt);
        assertTrue(browser.eval(demo, "document.getElementById('status').textContent").getAsString()
                .startsWith("Waiting for your answer"));

        browser.clickNamed("consent.allow");
        Wait.until("the demo says it captures", Duration.ofSeconds(20), () -> browser.eval(demo,
                "document.getElementById('status').textContent").getAsString().startsWith("Capturing"));
        // The preview video shows the synthetic camera: its top-left corner area is not uniform black, and
        // the picture changes from one sample to the next (frames keep arriving).
        JsonArray first = Wait.value("camera pixels in the page's video", Duration.ofSeconds(20),
                () -> browser.eval(demo, SAMPLE).getAsJsonArray(), s -> s.size() > 0 && s.get(0).getAsInt() > 0);
        Wait.until("the picture changes", Duration.ofSeconds(10),
                () -> !browser.eval(demo, SAMPLE).getAsJsonArray().equals(first));
        assertTrue(browser.text("capture.indicator.text").contains("callsafe://demo"));
    }

    /** Draws the preview video into a canvas: [width, sum of red, sum of green, sum of blue, hash]. */
    private static final String SAMPLE = "(() => { const v = document.getElementById('preview');"
            + " if (!v.videoWidth) return [0]; const c = document.createElement('canvas');"
            + " c.width = 64; c.height = 36; const g = c.getContext('2d'); g.drawImage(v, 0, 0, 64, 36);"
            + " const d = g.getImageData(0, 0, 64, 36).data; let r = 0, gr = 0, b = 0, h = 0;"
            + " for (let i = 0; i < d.length; i += 4) { r += d[i]; gr += d[i + 1]; b += d[i + 2];"
            + " h = (h * 31 + d[i] + d[i + 1] + d[i + 2]) | 0; }"
            + " return r + gr + b > 0 ? [v.videoWidth, r, gr, b, h] : [0]; })()";
}
