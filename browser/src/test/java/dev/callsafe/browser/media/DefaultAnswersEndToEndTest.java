package dev.callsafe.browser.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;

import dev.callsafe.browser.BrowserFixture;
import dev.callsafe.browser.Wait;
import dev.callsafe.browser.shell.BrowserTab;
import dev.callsafe.permissions.CaptureCategory;
import dev.callsafe.permissions.DefaultAnswer;
import dev.callsafe.permissions.Origin;
import dev.callsafe.permissions.PermissionStore;

/**
 * Settings, reached with the mouse from the chrome's menu: "Block" for the camera makes a page's getUserMedia
 * fail with NotAllowedError at once, with no prompt, and is kept in the profile's store.
 */
class DefaultAnswersEndToEndTest {
    private BrowserFixture browser;
    private BrowserTab tab;

    @BeforeEach
    void open() throws Exception {
        browser = BrowserFixture.get();
        tab = browser.freshTab("/call.html");
    }

    @AfterEach
    void cleanUp() {
        // Back door for the cleanup only: the next test must not start with the camera blocked even when this
        // one failed halfway through the dialog.
        browser.media().defaults().setAnswer(CaptureCategory.CAMERA, DefaultAnswer.ASK);
        browser.media().clearSiteData(Origin.of(browser.pages().url("/")));
        BrowserFixture.onEdt(() -> {
            for (java.awt.Window w : java.awt.Window.getWindows()) {
                if (w instanceof javax.swing.JDialog d && "settings.dialog".equals(d.getName())) {
                    d.setVisible(false);
                }
            }
        });
    }

    @Test
    void blockingTheCameraInSettingsRefusesWithoutAPrompt() throws Exception {
        browser.clickNamed("menu.button");
        browser.clickNamed("menu.settings");
        browser.clickNamed("settings.camera.block");
        Wait.until("camera blocked by default", Duration.ofSeconds(5),
                () -> browser.media().defaults().answer(CaptureCategory.CAMERA) == DefaultAnswer.BLOCK);
        browser.clickNamed("settings.close");
        browser.awaitGone("settings.close");

        browser.eval(tab, "probe.start({video: true})");
        // No prompt to click: a prompt would leave the call unsettled and this wait would time out.
        JsonObject s = Wait.value("getUserMedia refused", Duration.ofSeconds(10),
                () -> browser.eval(tab, "probe.state()").getAsJsonObject(), x -> x.get("settled").getAsBoolean());
        assertTrue(browser.showing("consent.prompt").isEmpty(), "no prompt was shown");
        assertEquals(0, BrowserFixture.onEdtGet(() -> browser.media().queuedPrompts(tab.id())));
        JsonObject error = s.getAsJsonObject("error");
        assertEquals("NotAllowedError", error.get("name").getAsString(), error::toString);
        assertTrue(error.get("isDOMException").getAsBoolean());
        assertEquals(0, browser.media().liveTrackCount());

        browser.media().flushPermissions();
        String stored = Files.readString(browser.browser().options().profile().resolve(PermissionStore.FILE));
        assertTrue(stored.contains("\"camera\": \"block\""), stored);

        // The microphone still asks: the default is per kind.
        browser.eval(tab, "probe.start({audio: true})");
        browser.awaitShowing("consent.prompt");
        browser.clickNamed("consent.block");
        Wait.until("microphone refused by the person", Duration.ofSeconds(10),
                () -> browser.eval(tab, "probe.state().settled").getAsBoolean());
    }
}
