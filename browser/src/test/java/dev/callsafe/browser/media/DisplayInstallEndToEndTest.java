package dev.callsafe.browser.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;

import dev.callsafe.browser.BrowserFixture;
import dev.callsafe.browser.Wait;
import dev.callsafe.browser.shell.BrowserTab;
import dev.callsafe.permissions.Origin;

/**
 * Screen sharing is reachable only through the chrome's install flow with its separate, unticked display
 * choice; even then each share is the user's choice in the picker, whose thumbnails are live.
 */
class DisplayInstallEndToEndTest {
    private BrowserFixture browser;
    private BrowserTab tab;
    private Origin origin;

    @BeforeEach
    void open() throws Exception {
        browser = BrowserFixture.get();
        tab = browser.freshTab("/share.html");
        origin = Origin.of(browser.pages().url("/"));
        browser.media().clearSiteData(origin);
    }

    @AfterEach
    void cleanUp() {
        browser.media().clearSiteData(origin);
        // The site-information popup sits over the chrome strip: later tests click the indicator there.
        BrowserFixture.onEdt(() -> {
            for (java.awt.Window w : java.awt.Window.getWindows()) {
                if ("siteinfo.popup".equals(w.getName())) {
                    w.setVisible(false);
                }
            }
        });
    }

    private JsonObject askForTheScreen() {
        browser.evalOnClick(tab, "share.viaUserMedia({video: {mediaSource: 'screen'}})");
        return Wait.value("share settled or picker", Duration.ofSeconds(15),
                () -> browser.eval(tab, "share.state()").getAsJsonObject(),
                s -> s.get("settled").getAsBoolean() || !browser.showing("share.picker").isEmpty());
    }

    private void install(boolean display) {
        if (browser.showing("siteinfo.panel").isEmpty()) {
            browser.clickNamed("siteinfo.button");
            browser.awaitShowing("siteinfo.panel");
        }
        browser.clickNamed("siteinfo.install");
        browser.awaitShowing("install.display");
        if (display) {
            browser.clickNamed("install.display");
        }
        browser.clickNamed("install.confirm");
        browser.awaitGone("install.dialog");
    }

    @Test
    void onlyTheInstallFlowsDisplayChoiceAllowsAskingForTheScreen() {
        install(false);
        JsonObject refused = askForTheScreen();
        assertEquals("NotAllowedError", refused.getAsJsonObject("error").get("name").getAsString(),
                "a camera-and-microphone install does not cover the screen");

        install(true);
        askForTheScreen();
        browser.awaitShowing("share.picker");
        Wait.until("a live thumbnail of the screen", Duration.ofSeconds(15), () -> {
            javax.swing.AbstractButton b = (javax.swing.AbstractButton) browser.awaitShowing("share.picker.screen.0");
            java.util.concurrent.atomic.AtomicReference<Boolean> has = new java.util.concurrent.atomic.AtomicReference<>();
            BrowserFixture.onEdt(() -> has.set(b.getIcon() != null));
            return has.get();
        });
        browser.clickNamed("share.picker.cancel");
        JsonObject s = Wait.value("share settled", Duration.ofSeconds(10),
                () -> browser.eval(tab, "share.state()").getAsJsonObject(), x -> x.get("settled").getAsBoolean());
        assertEquals("NotAllowedError", s.getAsJsonObject("error").get("name").getAsString());
        assertTrue(s.getAsJsonObject("error").get("message").getAsString().contains("by the user"));
        assertEquals(0, browser.media().liveTrackCount());
    }
}
