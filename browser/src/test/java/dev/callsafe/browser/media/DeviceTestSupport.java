package dev.callsafe.browser.media;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.AWTException;
import java.awt.Component;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.event.InputEvent;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import javax.swing.JComboBox;
import javax.swing.JFileChooser;
import javax.swing.JList;
import javax.swing.plaf.basic.ComboPopup;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import dev.callsafe.browser.BrowserFixture;
import dev.callsafe.browser.Wait;
import dev.callsafe.browser.shell.BrowserTab;
import dev.callsafe.capture.device.DeviceCatalog;
import dev.callsafe.permissions.Origin;

/**
 * What the device-choice tests share: a second synthetic camera and microphone plugged in for the test (and
 * unplugged after, so other tests see the default devices), the prompt's device lists, the file picker,
 * and colour checks.
 */
final class DeviceTestSupport {
    private final BrowserFixture browser;
    private final Robot robot;

    DeviceTestSupport(BrowserFixture browser) throws AWTException {
        this.browser = browser;
        this.robot = new Robot();
    }

    /** Plugs in synthetic camera and microphone number 2 (yellow/cyan/magenta boxes, 660 Hz). */
    void plugSecondDevices() {
        browser.media().devices().plug(DeviceCatalog.syntheticCamera(2));
        browser.media().devices().plug(DeviceCatalog.syntheticMicrophone(2));
    }

    /** Stops every stream, unplugs what tests plugged, restores the default devices and forgets choices. */
    void cleanUp() throws Exception {
        // A prompt left open by a failed test would keep its preview's capture running.
        for (int i = 0; i < 3 && !browser.showing("consent.dismiss").isEmpty(); i++) {
            browser.clickNamed("consent.dismiss");
        }
        for (BrowserTab t : browser.browser().window().tabs()) {
            browser.eval(t, "window.devprobe && devprobe.stopAll(), true");
        }
        browser.stopAllCapture();
        for (String id : new String[] {"synthetic-camera-2", "synthetic-camera-3", "synthetic-microphone-2",
            "synthetic-microphone-3", "limited-camera", "held-camera"}) {
            browser.media().devices().unplug(id);
        }
        browser.media().devices().restoreStandIns(1);
        browser.media().clearSiteData(Origin.of(browser.pages().url("/")));
        browser.media().clearSiteData(Origin.of(browser.pages().otherOrigin("/")));
        Wait.until("no capture left", Duration.ofSeconds(10), () -> browser.media().runningCaptureCount() == 0);
    }

    JsonObject settled(BrowserTab tab, String name) {
        return Wait.value(name + " settled", Duration.ofSeconds(20),
                () -> browser.eval(tab, "devprobe.result('" + name + "')"),
                r -> r.isJsonObject() && r.getAsJsonObject().get("settled").getAsBoolean()).getAsJsonObject();
    }

    JsonObject granted(BrowserTab tab, String name) {
        JsonObject r = settled(tab, name);
        assertTrue(r.get("error").isJsonNull(), () -> name + " failed: " + r.get("error"));
        return r;
    }

    static JsonObject track(JsonObject result, String kind) {
        JsonArray tracks = result.getAsJsonArray("tracks");
        for (var t : tracks) {
            if (t.getAsJsonObject().get("kind").getAsString().equals(kind)) {
                return t.getAsJsonObject();
            }
        }
        throw new AssertionError("no " + kind + " track in " + result);
    }

    @SuppressWarnings("unchecked")
    JComboBox<Object> combo(String name) {
        return (JComboBox<Object>) browser.awaitShowing(name);
    }

    /** The texts of a prompt list's entries, as the user reads them. */
    String[] entries(String comboName) {
        JComboBox<Object> box = combo(comboName);
        AtomicReference<String[]> out = new AtomicReference<>();
        BrowserFixture.onEdt(() -> {
            String[] items = new String[box.getItemCount()];
            for (int i = 0; i < items.length; i++) {
                items[i] = String.valueOf(box.getItemAt(i));
            }
            out.set(items);
        });
        return out.get();
    }

    /** The selected entry as the list draws it (its renderer), which may say more than the option's text. */
    String shownSelected(String comboName) {
        JComboBox<Object> box = combo(comboName);
        AtomicReference<String> out = new AtomicReference<>();
        BrowserFixture.onEdt(() -> {
            Component c = box.getRenderer().getListCellRendererComponent(new JList<>(), box.getSelectedItem(),
                    -1, false, false);
            out.set(((javax.swing.JLabel) c).getText());
        });
        return out.get();
    }

    String selected(String comboName) {
        JComboBox<Object> box = combo(comboName);
        AtomicReference<String> out = new AtomicReference<>();
        BrowserFixture.onEdt(() -> out.set(String.valueOf(box.getSelectedItem())));
        return out.get();
    }

    /** Chooses the entry whose text contains {@code part} with the mouse: opens the list, clicks the entry. */
    void choose(String comboName, String part) {
        JComboBox<Object> box = combo(comboName);
        AtomicReference<Integer> index = new AtomicReference<>(-1);
        BrowserFixture.onEdt(() -> {
            for (int i = 0; i < box.getItemCount(); i++) {
                if (String.valueOf(box.getItemAt(i)).contains(part)) {
                    index.set(i);
                    return;
                }
            }
        });
        assertTrue(index.get() >= 0, "no entry containing " + part + " in " + String.join(" | ", entries(comboName)));
        AtomicReference<Point> at = new AtomicReference<>();
        BrowserFixture.onEdt(() -> at.set(centre(box, new Rectangle(0, 0, box.getWidth(), box.getHeight()))));
        click(at.get());
        Wait.until(comboName + " list open", Duration.ofSeconds(10), () -> {
            AtomicReference<Boolean> open = new AtomicReference<>();
            BrowserFixture.onEdt(() -> open.set(box.isPopupVisible()));
            return open.get();
        });
        BrowserFixture.onEdt(() -> {
            JList<?> list = ((ComboPopup) box.getUI().getAccessibleChild(box, 0)).getList();
            list.ensureIndexIsVisible(index.get());
            at.set(centre(list, list.getCellBounds(index.get(), index.get())));
        });
        click(at.get());
        Wait.until(comboName + " list closed", Duration.ofSeconds(10), () -> {
            AtomicReference<Boolean> open = new AtomicReference<>();
            BrowserFixture.onEdt(() -> open.set(box.isPopupVisible()));
            return !open.get();
        });
    }

    private static Point centre(Component c, Rectangle r) {
        Point p = c.getLocationOnScreen();
        return new Point(p.x + r.x + r.width / 2, p.y + r.y + r.height / 2);
    }

    private void click(Point p) {
        robot.mouseMove(p.x, p.y);
        robot.mousePress(InputEvent.BUTTON1_DOWN_MASK);
        robot.mouseRelease(InputEvent.BUTTON1_DOWN_MASK);
        robot.waitForIdle();
    }

    /**
     * Uses a file instead of a device in the prompt's list ({@code consent.camera} or {@code consent.microphone}):
     * picks it in the real file dialog and waits until the list shows it as {@code shown}.
     */
    void chooseFile(String list, Path file, String shown) {
        pickFile(list + ".file", file);
        Wait.until(shown + " chosen", Duration.ofSeconds(15), () -> selected(list).equals(shown));
    }

    /** Clicks "Use a file instead…" and picks a file in the real file dialog. */
    void pickFile(String buttonName, Path file) {
        browser.clickNamed(buttonName);
        JFileChooser chooser = (JFileChooser) browser.awaitShowing("consent.file.chooser");
        BrowserFixture.onEdt(() -> {
            chooser.setSelectedFile(new File(file.toString()));
            chooser.approveSelection();
        });
        browser.awaitGone("consent.file.chooser");
    }

    /** Waits until a label's text contains a part. */
    String awaitText(String name, String part) {
        return Wait.value(name + " says " + part, Duration.ofSeconds(15), () -> browser.text(name),
                t -> t.contains(part));
    }

    static void assertColour(String what, JsonArray rgb, int r, int g, int b) {
        int[] want = {r, g, b};
        for (int i = 0; i < 3; i++) {
            int v = rgb.get(i).getAsInt();
            boolean ok = want[i] > 128 ? v >= 170 : v <= 90;
            assertTrue(ok, what + " is " + rgb + ", expected about (" + r + "," + g + "," + b + ")");
        }
    }
}
