package dev.callsafe.browser.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import javax.swing.AbstractButton;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;

import dev.callsafe.browser.BrowserFixture;
import dev.callsafe.browser.Wait;
import dev.callsafe.browser.shell.BrowserTab;
import dev.callsafe.permissions.Origin;

/**
 * What getDisplayMedia's options do to the picker and after it (Screen Capture spec): preferCurrentTab offers
 * the page's own tab selected, which is otherwise left out (as in Chrome) unless selfBrowserSurface is
 * 'include', monitorTypeSurfaces 'exclude' leaves screens out, and a CaptureController's focus behaviour
 * brings the shared tab forward only when the page asks. The person still presses Share.
 */
class SharePickerHintsEndToEndTest {
    /** The sharing page's background, #ff00ff. */
    static final String MAGENTA = "[255, 0, 255]";

    private BrowserFixture browser;
    private BrowserTab caller;
    private BrowserTab target;

    @BeforeEach
    void open() throws Exception {
        browser = BrowserFixture.get();
        caller = browser.freshTab("/share.html");
        target = browser.open(browser.pages().url("/target.html"));
        Origin origin = Origin.of(browser.pages().url("/"));
        browser.media().clearSiteData(origin);
        browser.media().installDisplayCapture(origin);
        caller.select();
        Wait.until("caller selected", Duration.ofSeconds(10), () -> browser.current().orElseThrow() == caller);
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (!browser.showing("share.picker").isEmpty()) {
            browser.clickNamed("share.picker.cancel");
        }
        for (BrowserTab t : browser.browser().window().tabs()) {
            browser.eval(t, "window.share && share.stopAll(), true");
        }
        browser.stopAllCapture();
        browser.awaitGone("sharing.bar");
        browser.close(target);
    }

    private JsonObject settled() {
        return Wait.value("share settled", Duration.ofSeconds(20),
                () -> browser.eval(caller, "share.state()").getAsJsonObject(), s -> s.get("settled").getAsBoolean());
    }

    private boolean selected(String name) {
        AbstractButton b = (AbstractButton) browser.awaitShowing(name);
        AtomicReference<Boolean> on = new AtomicReference<>();
        BrowserFixture.onEdt(() -> on.set(b.isSelected()));
        return on.get();
    }

    /**
     * Picks the target tab as the person would, once the picker shows its thumbnail (the dialog has settled).
     * The page's displaySurface 'browser' hint has scrolled the picker to the tabs.
     */
    private void pickTarget() {
        Wait.until("a thumbnail of the target tab", Duration.ofSeconds(15), () -> {
            AbstractButton b = (AbstractButton) browser.awaitShowing("share.picker.browser." + target.id());
            AtomicReference<Boolean> has = new AtomicReference<>();
            BrowserFixture.onEdt(() -> has.set(b.getIcon() != null));
            return has.get();
        });
        browser.clickNamed("share.picker.browser." + target.id());
        browser.clickNamed("share.picker.share");
    }

    @Test
    void preferCurrentTabOffersThePagesOwnTabAlreadySelected() {
        browser.evalOnClick(caller, "share.display({preferCurrentTab: true})");
        browser.awaitShowing("share.picker");
        assertTrue(selected("share.picker.browser." + caller.id()), "the page's own tab is selected");
        assertFalse(selected("share.picker.browser." + target.id()));
        browser.clickNamed("share.picker.share");
        JsonObject s = settled();
        assertTrue(s.get("error").isJsonNull(), () -> "share failed: " + s);
        JsonObject track = s.getAsJsonArray("tracks").get(0).getAsJsonObject();
        assertEquals("browser", track.getAsJsonObject("settings").get("displaySurface").getAsString());
        JsonObject px = browser.eval(caller, "share.inspect({n: 2, colours: [" + MAGENTA + "]})").getAsJsonObject();
        assertTrue(px.getAsJsonArray("counts").get(0).getAsLong() > px.get("total").getAsLong(),
                () -> "the page's own magenta arrives: " + px);
        assertTrue(browser.showing("sharing.bar.switch").isEmpty(), "no switching the page did not allow");
    }

    private long share(String colour) {
        JsonObject px = browser.eval(caller, "share.inspect({n: 1, colours: [" + colour + "]})").getAsJsonObject();
        return px.getAsJsonArray("counts").get(0).getAsLong() * 100 / px.get("total").getAsLong();
    }

    @Test
    void surfaceSwitchingLetsThePersonMoveTheShareToTheFrontTab() {
        browser.evalOnClick(caller, "share.display({surfaceSwitching: 'include', selfBrowserSurface: 'include',"
                + " video: {displaySurface: 'browser'}})");
        pickTarget();
        assertTrue(settled().get("error").isJsonNull());
        assertTrue(share(TabShareEndToEndTest.GREEN) > 90, "the target's green arrives");
        caller.select();
        Wait.until("caller selected", Duration.ofSeconds(10), () -> browser.current().orElseThrow() == caller);
        browser.clickNamed("sharing.bar.switch");
        Wait.until("the front tab's magenta arrives instead", Duration.ofSeconds(10), () -> share(MAGENTA) > 90);
        assertEquals(0, browser.eval(caller, "share.state().ended").getAsInt(), "the same track goes on");
        Wait.until("the sharing bar names the new tab", Duration.ofSeconds(10),
                () -> browser.text("sharing.bar.text").contains("Test share"));
    }

    @Test
    void thePagesOwnTabIsOfferedOnlyWhenThePageIncludesIt() {
        for (String hint : new String[] {"{selfBrowserSurface: 'exclude'}", "{}"}) {
            browser.evalOnClick(caller, "share.display(" + hint + ")");
            browser.awaitShowing("share.picker.browser." + target.id());
            assertTrue(browser.showing("share.picker.browser." + caller.id()).isEmpty(),
                    "the page's own tab is not offered for " + hint);
            browser.clickNamed("share.picker.cancel");
            assertEquals("NotAllowedError", settled().getAsJsonObject("error").get("name").getAsString());
            browser.awaitGone("share.picker");
        }
        browser.evalOnClick(caller, "share.display({selfBrowserSurface: 'include'})");
        browser.awaitShowing("share.picker.browser." + caller.id());
        browser.clickNamed("share.picker.cancel");
        assertEquals("NotAllowedError", settled().getAsJsonObject("error").get("name").getAsString());
    }

    @Test
    void monitorTypeSurfacesExcludeLeavesScreensOut() {
        browser.evalOnClick(caller, "share.display({})");
        browser.awaitShowing("share.picker.screen.0"); // offered when the page says nothing
        browser.clickNamed("share.picker.cancel");
        assertEquals("NotAllowedError", settled().getAsJsonObject("error").get("name").getAsString());
        browser.awaitGone("share.picker");

        browser.evalOnClick(caller, "share.display({monitorTypeSurfaces: 'exclude'})");
        browser.awaitShowing("share.picker.browser." + target.id());
        assertTrue(browser.showing("share.picker.screen.0").isEmpty(), "a screen is offered despite 'exclude'");
        browser.clickNamed("share.picker.cancel");
        assertEquals("NotAllowedError", settled().getAsJsonObject("error").get("name").getAsString());
    }

    @Test
    void aCaptureControllerBringsTheSharedTabForwardOnlyWhenAsked() {
        // Asked to keep the focus: the shared tab stays behind.
        browser.evalOnClick(caller, "(window.keep = new CaptureController(),"
                + " keep.setFocusBehavior('focus-capturing-application'), share.display({controller: keep, video: {displaySurface: 'browser'}}))");
        pickTarget();
        assertTrue(settled().get("error").isJsonNull());
        assertTrue(browser.current().orElseThrow() == caller, "the caller keeps the focus");
        JsonObject late = browser.eval(caller, "(() => { try { keep.setFocusBehavior('no-focus-change'); return {};"
                + " } catch (e) { return {name: e.name}; } })()").getAsJsonObject();
        assertEquals("InvalidStateError", late.get("name").getAsString(), "the decision was made: " + late);
        browser.eval(caller, "share.stopAll()");
        browser.stopAllCapture();
        browser.awaitGone("sharing.bar");

        // Asked to bring the shared surface forward: the tab the person chose comes to the front.
        browser.evalOnClick(caller, "(window.bring = new CaptureController(),"
                + " bring.setFocusBehavior('focus-captured-surface'), share.display({controller: bring, video: {displaySurface: 'browser'}}))");
        pickTarget();
        assertTrue(settled().get("error").isJsonNull());
        Wait.until("the shared tab is in front", Duration.ofSeconds(10),
                () -> browser.current().orElseThrow() == target);
        JsonObject reused = browser.evalOnClick(caller, "navigator.mediaDevices.getDisplayMedia({controller: bring})"
                + ".then(() => ({}), (e) => ({name: e.name, message: e.message}))").getAsJsonObject();
        assertEquals("InvalidStateError", reused.get("name").getAsString(), reused::toString);
        assertTrue(reused.get("message").getAsString().contains("CaptureController"),
                () -> "a controller serves one capture: " + reused);
    }
}
