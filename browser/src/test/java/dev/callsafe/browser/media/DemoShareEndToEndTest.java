package dev.callsafe.browser.media;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;


import dev.callsafe.browser.BrowserFixture;
import dev.callsafe.browser.LaunchOptions;
import dev.callsafe.browser.Wait;
import dev.callsafe.browser.shell.BrowserTab;
import dev.callsafe.permissions.Origin;

/** The demo page's "Share a tab" button, clicked with the real mouse, shares a tab until Stop in the chrome. */
class DemoShareEndToEndTest {
    @Test
    void theDemoSharesATabUntilTheUserStopsIt() throws Exception {
        BrowserFixture browser = BrowserFixture.get();
        BrowserTab demo = browser.freshTab("/target.html");
        browser.navigate(demo, LaunchOptions.DEMO_URL);
        BrowserTab other = browser.open(browser.pages().url("/target.html"));
        demo.select();
        Wait.until("demo selected", Duration.ofSeconds(10), () -> browser.current().orElseThrow() == demo);
        Origin origin = Origin.of(LaunchOptions.DEMO_URL);
        browser.media().clearSiteData(origin);
        browser.media().installDisplayCapture(origin);
        try {
            browser.input().click(demo, "#share-tab"); // a person's click (XTest): real user activation
            Wait.until("picker or page error", Duration.ofSeconds(15), () -> !browser.showing("share.picker").isEmpty()
                    || browser.eval(demo, "document.getElementById('share-status').textContent").getAsString()
                            .contains("Error"));
            String status = browser.eval(demo, "document.getElementById('share-status').textContent").getAsString();
            assertTrue(status.startsWith("Choose what to share"), status);
            browser.clickNamed("share.picker.browser." + other.id());
            browser.clickNamed("share.picker.share");
            Wait.until("demo says it shares", Duration.ofSeconds(20), () -> browser.eval(demo,
                    "document.getElementById('share-status').textContent").getAsString().startsWith("Sharing Tab: Shared target"));
            browser.clickNamed("capture.indicator.stop");
            Wait.until("demo saw the end", Duration.ofSeconds(10), () -> browser.eval(demo,
                    "document.getElementById('share-status').textContent").getAsString().contains("stopped in the browser"));
            assertTrue(browser.media().liveTrackCount() == 0);
        } finally {
            browser.media().clearSiteData(origin);
            browser.close(other);
        }
    }
}
