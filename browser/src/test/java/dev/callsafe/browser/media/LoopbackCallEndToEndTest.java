package dev.callsafe.browser.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import dev.callsafe.browser.BrowserFixture;
import dev.callsafe.browser.Wait;
import dev.callsafe.browser.shell.BrowserTab;
import dev.callsafe.permissions.Origin;

/**
 * A calling site as a person uses one: a two-peer loopback call in one page (camera and microphone, a tab
 * shared mid-call, the camera switched by deviceId, then made smaller by applyConstraints), every step started
 * by a click; what the receiving peer decodes is checked: the right camera's colours and size, the shared
 * tab's colour, the microphone's tone.
 */
class LoopbackCallEndToEndTest {
    private BrowserFixture browser;
    private DeviceTestSupport devices;
    private BrowserTab caller;
    private BrowserTab target;

    @BeforeEach
    void open() throws Exception {
        browser = BrowserFixture.get();
        devices = new DeviceTestSupport(browser);
        Origin origin = Origin.of(browser.pages().url("/"));
        browser.media().clearSiteData(origin);
        browser.media().installDisplayCapture(origin);
        caller = browser.freshTab("/loopback.html");
        target = browser.open(browser.pages().url("/target.html"));
        caller.select();
        Wait.until("caller selected", Duration.ofSeconds(10), () -> browser.current().orElseThrow() == caller);
    }

    @AfterEach
    void cleanUp() throws Exception {
        browser.eval(caller, "call.hangUp()");
        devices.cleanUp();
    }

    private JsonObject settled(String step) {
        JsonObject s = Wait.value(step, Duration.ofSeconds(30),
                () -> browser.eval(caller, "call.state()").getAsJsonObject(), x -> x.get("ready").getAsBoolean());
        assertTrue(s.get("error").isJsonNull(), () -> step + " failed: " + s);
        return s;
    }

    /** The last of n pictures the receiving peer decoded for that sender (the first may predate a change). */
    private JsonObject received(String kind, String what, java.util.function.Predicate<JsonObject> expected) {
        AtomicReference<JsonArray> last = new AtomicReference<>();
        Wait.until("the receiver shows " + what, Duration.ofSeconds(30), () -> {
            JsonArray p = browser.eval(caller, "call.pictures('" + kind + "', 5)").getAsJsonArray();
            last.set(p);
            return p.size() > 0 && expected.test(p.get(p.size() - 1).getAsJsonObject());
        });
        JsonArray p = last.get();
        return p.get(p.size() - 1).getAsJsonObject();
    }

    /** Turns the mouse wheel over the picker's list until the item is wholly in view (tabs come last). */
    private void scrollIntoView(String name) {
        javax.swing.JComponent item = browser.awaitShowing(name);
        Wait.until(name + " in view", Duration.ofSeconds(15), () -> {
            AtomicReference<Boolean> whole = new AtomicReference<>();
            AtomicReference<java.awt.Point> over = new AtomicReference<>();
            BrowserFixture.onEdt(() -> {
                java.awt.Rectangle r = item.getVisibleRect();
                whole.set(r.width == item.getWidth() && r.height == item.getHeight());
                java.awt.Component view = javax.swing.SwingUtilities.getAncestorOfClass(javax.swing.JViewport.class, item);
                java.awt.Point p = view.getLocationOnScreen();
                over.set(new java.awt.Point(p.x + view.getWidth() / 2, p.y + view.getHeight() / 2));
            });
            if (!whole.get()) {
                browser.input().wheel(over.get(), 2);
            }
            return whole.get();
        });
    }

    private static int[] rgb(JsonObject picture, String where) {
        JsonArray a = picture.getAsJsonArray(where);
        return new int[] {a.get(0).getAsInt(), a.get(1).getAsInt(), a.get(2).getAsInt()};
    }

    @Test
    void aLoopbackCallCarriesCameraMicrophoneAShareAddedMidCallAndACameraSwitch() {
        devices.plugSecondDevices();
        browser.evalOnClick(caller, "call.start()");
        browser.clickNamed("consent.allow");
        settled("the call started");
        Wait.until("peers connected", Duration.ofSeconds(20),
                () -> browser.eval(caller, "call.state().connection").getAsString().equals("connected"));

        JsonObject camera = received("video", "camera 1 (red box)", p -> {
            int[] c = rgb(p, "left");
            return c[0] > 150 && c[1] < 100 && c[2] < 100;
        });
        assertEquals(320, camera.get("w").getAsInt(), camera::toString);
        assertEquals(240, camera.get("h").getAsInt(), camera::toString);
        // The receiver's sound, played in an <audio> as a calling site plays its peer.
        JsonObject sound = browser.eval(caller, "call.sound()").getAsJsonObject();
        assertTrue(sound.get("level").getAsDouble() > 0.02, () -> "the receiver hears the microphone: " + sound);
        assertEquals(440, sound.get("hz").getAsDouble(), 15, () -> "the 440 Hz tone: " + sound);

        browser.evalOnClick(caller, "call.share()");
        browser.awaitShowing("share.picker");
        // The background tab's thumbnail comes from its own rendering; the item is chosen once it shows.
        Wait.until("a thumbnail of the target tab", Duration.ofSeconds(15), () -> {
            javax.swing.AbstractButton b = (javax.swing.AbstractButton) browser.awaitShowing(
                    "share.picker.browser." + target.id());
            AtomicReference<Boolean> has = new AtomicReference<>();
            BrowserFixture.onEdt(() -> has.set(b.getIcon() != null));
            return has.get();
        });
        scrollIntoView("share.picker.browser." + target.id());
        browser.clickNamed("share.picker.browser." + target.id());
        browser.clickNamed("share.picker.share");
        settled("the share was added");
        JsonObject screen = received("screen", "the shared tab (green)", p -> {
            int[] c = rgb(p, "centre");
            return c[0] < 60 && c[1] > 150 && c[2] < 130;
        });
        assertTrue(screen.get("w").getAsInt() > 320, screen::toString);

        browser.evalOnClick(caller, "call.switchCamera('Synthetic camera 2')");
        settled("the camera was switched"); // within the call's grant: no prompt
        received("video", "camera 2 (yellow box)", p -> {
            int[] c = rgb(p, "left");
            return c[0] > 150 && c[1] > 150 && c[2] < 100;
        });
        assertTrue(browser.text("capture.indicator.text").contains("Synthetic camera 2"));

        browser.evalOnClick(caller, "call.resize(160, 120)");
        settled("the camera was made smaller");
        JsonObject small = received("video", "camera 2 at 160x120", p -> p.get("w").getAsInt() == 160
                && p.get("h").getAsInt() == 120);
        int[] box = rgb(small, "left");
        assertTrue(box[0] > 150 && box[1] > 150 && box[2] < 100, () -> "still camera 2's yellow box: " + small);
        JsonElement still = browser.eval(caller, "call.state().connection");
        assertEquals("connected", still.getAsString());
    }
}
