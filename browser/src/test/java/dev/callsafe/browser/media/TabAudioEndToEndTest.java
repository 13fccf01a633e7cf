package dev.callsafe.browser.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import dev.callsafe.browser.BrowserFixture;
import dev.callsafe.browser.Wait;
import dev.callsafe.browser.shell.BrowserTab;
import dev.callsafe.permissions.Origin;

/**
 * Tab audio (issue 15): {@code getDisplayMedia({audio: true})} sharing a background tab that plays a 440 Hz
 * tone gives the page an audio track carrying that tone; without {@code audio} there is no audio track and the
 * picker offers no "Share tab audio".
 */
class TabAudioEndToEndTest {
    private BrowserFixture browser;
    private BrowserTab caller;
    private BrowserTab toneTab;

    @BeforeEach
    void open() throws Exception {
        browser = BrowserFixture.get();
        caller = browser.freshTab("/share.html");
        toneTab = browser.open(browser.pages().url("/tone.html"));
        Origin origin = Origin.of(browser.pages().url("/"));
        browser.media().clearSiteData(origin);
        browser.media().installDisplayCapture(origin);
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (!browser.showing("share.picker").isEmpty()) {
            browser.clickNamed("share.picker.cancel");
        }
        browser.eval(caller, "share.stopAll(), true");
        browser.stopAllCapture();
        browser.awaitGone("sharing.bar");
        browser.close(toneTab);
    }

    private JsonObject settled() {
        return Wait.value("share settled", Duration.ofSeconds(20),
                () -> browser.eval(caller, "share.state()").getAsJsonObject(), s -> s.get("settled").getAsBoolean());
    }

    private void pickToneTab() {
        awaitSettledPicker();
        browser.clickNamed("share.picker.browser." + toneTab.id());
        browser.clickNamed("share.picker.share");
        JsonObject s = settled();
        assertTrue(s.get("error").isJsonNull(), () -> "share failed: " + s);
    }

    /** Waits for the picker with the tone tab's thumbnail in (the dialog has settled). */
    private void awaitSettledPicker() {
        browser.awaitShowing("share.picker");
        // Clicked once its thumbnail is in (the dialog has settled); the displaySurface 'browser' hint has
        // scrolled the picker to the tabs.
        Wait.until("a thumbnail of the tone tab", Duration.ofSeconds(15), () -> {
            javax.swing.AbstractButton b = (javax.swing.AbstractButton) browser.awaitShowing(
                    "share.picker.browser." + toneTab.id());
            AtomicReference<Boolean> has = new AtomicReference<>();
            BrowserFixture.onEdt(() -> has.set(b.getIcon() != null));
            return has.get();
        });
    }

    private List<String> kinds() {
        return settled().getAsJsonArray("tracks").asList().stream()
                .map(t -> t.getAsJsonObject().get("kind").getAsString()).sorted().toList();
    }

    @Test
    void theSharedTabsToneArrivesOnTheAudioTrack() {
        // A person starts the tone with a click (autoplay with sound needs one), then goes back to the caller.
        assertTrue(browser.evalOnClick(toneTab, "tone.play()").getAsBoolean());
        browser.evalOnClick(caller, "share.display({video: {displaySurface: 'browser'}, audio: true})");
        javax.swing.JCheckBox audio = (javax.swing.JCheckBox) browser.awaitShowing("share.picker.tabAudio");
        AtomicReference<Boolean> checked = new AtomicReference<>();
        BrowserFixture.onEdt(() -> checked.set(audio.isSelected()));
        assertTrue(checked.get(), "Share tab audio is on by default, as in Chrome");
        pickToneTab();
        assertEquals(List.of("audio", "video"), kinds());
        assertTrue(browser.current().orElseThrow() == caller, "the shared tab stays in the background");
        JsonObject peak = Wait.value("the tone on the share's audio track", Duration.ofSeconds(15),
                () -> browser.eval(caller, "share.peakHz()").getAsJsonObject(),
                p -> Math.abs(p.get("hz").getAsDouble() - 440) < 15 && p.get("db").getAsDouble() > -60);
        assertEquals(440, peak.get("hz").getAsDouble(), 15, peak::toString);
        assertTrue(browser.eval(toneTab, "tone.playing()").getAsBoolean(), "the tab itself keeps playing");
        assertTrue(browser.text("sharing.bar.text").contains("Tab audio: Tone tab"), "the bar says the sound goes too");
    }

    @Test
    void thePersonCanLeaveTheTabsSoundOut() {
        browser.evalOnClick(caller, "share.display({video: {displaySurface: 'browser'}, audio: true})");
        awaitSettledPicker();
        browser.clickNamed("share.picker.tabAudio"); // off
        pickToneTab();
        assertEquals(List.of("video"), kinds());
    }

    @Test
    void soundStartedInTheTabAfterTheShareJoinsIt() {
        browser.evalOnClick(caller, "share.display({video: {displaySurface: 'browser'}, audio: true})");
        pickToneTab();
        assertEquals(List.of("audio", "video"), kinds());
        // The tab gets its first click and a new <audio> element only now.
        assertTrue(browser.evalOnClick(toneTab, "tone.play()").getAsBoolean());
        JsonObject peak = Wait.value("the later tone on the share's audio track", Duration.ofSeconds(15),
                () -> browser.eval(caller, "share.peakHz()").getAsJsonObject(),
                p -> Math.abs(p.get("hz").getAsDouble() - 440) < 15 && p.get("db").getAsDouble() > -60);
        assertEquals(440, peak.get("hz").getAsDouble(), 15, peak::toString);
    }

    @Test
    void noAudioTrackUnlessThePageAsks() {
        browser.evalOnClick(caller, "share.display({video: {displaySurface: 'browser'}})");
        browser.awaitShowing("share.picker");
        assertTrue(browser.showing("share.picker.tabAudio").isEmpty(), "no Share tab audio without audio");
        pickToneTab();
        assertEquals(List.of("video"), kinds());
        JsonElement none = browser.eval(caller, "share.peakHz()");
        assertFalse(none.isJsonObject(), none::toString);
    }
}
