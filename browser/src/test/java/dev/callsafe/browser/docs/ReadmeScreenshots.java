package dev.callsafe.browser.docs;

import java.awt.Color;
import java.awt.Component;
import java.awt.Point;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.Window;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import javax.imageio.ImageIO;
import javax.swing.JComponent;
import javax.swing.JFrame;
import javax.swing.SwingUtilities;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonArray;

import dev.callsafe.browser.BrowserFixture;
import dev.callsafe.browser.LaunchOptions;
import dev.callsafe.browser.Wait;
import dev.callsafe.browser.shell.BrowserTab;
import dev.callsafe.capture.screen.Bounds;
import dev.callsafe.capture.screen.ColourWindows;
import dev.callsafe.permissions.MediaKind;
import dev.callsafe.permissions.Origin;

/**
 * Not part of the suite: takes the README's screenshots (docs/screenshots) from the real browser, driven as a
 * person drives it (clicks in the page and on the browser's buttons through XTest). Runs only when
 * {@code callsafe.screenshots} names the output directory: {@code scripts/screenshots.sh}.
 */
class ReadmeScreenshots {
    private static final Color BLUE = new Color(40, 90, 200);
    private static final Color ORANGE = new Color(230, 140, 30);

    private final Robot robot;
    private Path out;

    ReadmeScreenshots() throws Exception {
        robot = new Robot();
    }

    @Test
    void takeTheReadmeScreenshots() throws Exception {
        String dir = System.getProperty("callsafe.screenshots");
        Assumptions.assumeTrue(dir != null && !dir.isBlank(), "set -Dcallsafe.screenshots=DIR (scripts/screenshots.sh)");
        out = Files.createDirectories(Path.of(dir));
        BrowserFixture browser = BrowserFixture.get();
        JFrame window = browser.browser().window();
        BrowserFixture.onEdt(() -> {
            window.setExtendedState(JFrame.NORMAL);
            window.setBounds(0, 0, 1100, 820);
        });
        Wait.until("window placed", Duration.ofSeconds(10), () -> BrowserFixture.onEdtGet(
                () -> window.isShowing() && window.getWidth() == 1100));

        BrowserTab demo = browser.freshTab("/target.html");
        browser.navigate(demo, LaunchOptions.DEMO_URL);
        Origin origin = Origin.of(LaunchOptions.DEMO_URL);
        browser.media().clearSiteData(origin);
        try (ColourWindows others = ColourWindows.start()) {
            // The prompt: camera preview and microphone level meter live before anything reaches the page.
            browser.input().click(demo, "#start-both");
            JComponent prompt = browser.awaitShowing("consent.prompt");
            awaitColourful(browser.awaitShowing("consent.camera.preview"), 40);
            shoot("prompt", topOfWindow(window, bottomOf(prompt)));

            browser.clickNamed("consent.allow");
            Wait.until("the demo captures", Duration.ofSeconds(30), () -> browser.eval(demo,
                    "document.getElementById('status').textContent").getAsString().startsWith("Capturing"));

            // Other applications' windows on the screen, right of the browser, for the picker and the share.
            others.open("blue", BLUE, new Bounds(1130, 60, 420, 300));
            others.open("orange", ORANGE, new Bounds(1040, 420, 500, 340));
            browser.media().installDisplayCapture(origin);
            browser.input().click(demo, "#share-any"); // the picker with screens, applications and tabs
            JComponent picker = browser.awaitShowing("share.picker");
            awaitColourful(browser.awaitShowing("share.picker.screen.0"), 8);
            shoot("share-picker", windowOf(picker));

            browser.clickNamed("share.picker.screen.0");
            browser.clickNamed("share.picker.share");
            Wait.until("the demo shares", Duration.ofSeconds(30), () -> browser.eval(demo,
                    "document.getElementById('share-status').textContent").getAsString().startsWith("Sharing"));
            // Shown larger than the demo's thumbnail so the masking reads in the README; the pixels are the
            // frames the page received.
            browser.eval(demo, "(() => { const v = document.getElementById('shared');"
                    + " v.style.width = '560px'; v.style.height = '350px'; v.scrollIntoView({block: 'center'}); return true; })()");
            Wait.until("the page shows the shared screen", Duration.ofSeconds(20), () -> browser.eval(demo,
                    "(() => { const v = document.getElementById('shared'); return v.videoWidth > 0 && v.currentTime > 0.5; })()")
                    .getAsBoolean());
            Rectangle video = elementOnScreen(browser, demo, "#shared");
            awaitColourful(video, 3);
            shoot("masked-share", video);

            shoot("capture-indicator", topOfWindow(window, bottomOf(browser.awaitShowing("chrome.strip")) + 4));
            shoot("sharing-bar", windowOf(browser.awaitShowing("sharing.bar.text")));

            browser.clickNamed("sharing.bar.stop");
            browser.current().ifPresent(t -> browser.eval(t, "document.getElementById('stop').disabled"
                    + " || document.getElementById('stop').click(), true"));
            Wait.until("no capture left", Duration.ofSeconds(15), () -> browser.media().liveTrackCount() == 0);
        }

        // Site settings of the demo (installed as a calling app with screen sharing above) and the table of all
        // sites, with two more sites' decisions in it.
        browser.media().block(Origin.of("https://ads.example"), MediaKind.CAMERA);
        browser.media().installApplication(Origin.of("https://meet.example.org"));
        browser.clickNamed("siteinfo.button");
        JComponent panel = browser.awaitShowing("siteinfo.panel");
        shoot("site-settings", windowOf(panel));
        browser.clickNamed("siteinfo.all");
        JComponent table = browser.awaitShowing("sites.table");
        // Widened as a person would, through the window manager, so no column is cut short.
        browser.input().windowManager("search", "--name", "^Site permissions$", "windowsize", "%1", "960", "300");
        Wait.until("the table widened", Duration.ofSeconds(10),
                () -> BrowserFixture.onEdtGet(() -> SwingUtilities.getWindowAncestor(table).getWidth() >= 900));
        shoot("all-sites", windowOf(table));
        BrowserFixture.onEdt(() -> {
            SwingUtilities.getWindowAncestor(table).setVisible(false);
            Window popup = SwingUtilities.getWindowAncestor(panel);
            if (popup != null) {
                popup.setVisible(false);
            }
        });
        browser.media().clearSiteData(origin);
        browser.media().clearSiteData(Origin.of("https://ads.example"));
        browser.media().clearSiteData(Origin.of("https://meet.example.org"));
    }

    private void shoot(String name, Rectangle area) throws Exception {
        robot.waitForIdle();
        BufferedImage image = robot.createScreenCapture(area);
        File file = out.resolve(name + ".png").toFile();
        ImageIO.write(image, "png", file);
        System.out.println("screenshot " + file + " " + area.width + "x" + area.height);
    }

    /** Waits until a component shows a picture (at least this many colours), not a blank placeholder. */
    private void awaitColourful(JComponent c, int colours) {
        awaitColourful(BrowserFixture.onEdtGet(() -> new Rectangle(c.getLocationOnScreen(), c.getSize())), colours);
    }

    private void awaitColourful(Rectangle area, int colours) {
        Wait.until(colours + " colours in " + area, Duration.ofSeconds(20), () -> {
            BufferedImage image = robot.createScreenCapture(area);
            Set<Integer> seen = new HashSet<>();
            for (int y = 0; y < image.getHeight(); y += 2) {
                for (int x = 0; x < image.getWidth(); x += 2) {
                    seen.add(image.getRGB(x, y));
                }
            }
            return seen.size() >= colours;
        });
    }

    /** The window's content from its top edge down to a screen y. */
    private static Rectangle topOfWindow(JFrame window, int bottom) {
        return BrowserFixture.onEdtGet(() -> {
            Point p = window.getContentPane().getLocationOnScreen();
            return new Rectangle(p.x, p.y, window.getContentPane().getWidth(), bottom - p.y);
        });
    }

    private static int bottomOf(Component c) {
        return BrowserFixture.onEdtGet(() -> c.getLocationOnScreen().y + c.getHeight());
    }

    private static Rectangle windowOf(Component c) {
        return BrowserFixture.onEdtGet(() -> {
            Window w = SwingUtilities.getWindowAncestor(c);
            return new Rectangle(w.getLocationOnScreen(), w.getSize());
        });
    }

    private static Rectangle elementOnScreen(BrowserFixture browser, BrowserTab tab, String selector) {
        JsonArray r = browser.eval(tab, "(() => { const r = document.querySelector('" + selector + "')"
                + ".getBoundingClientRect(); return [r.x, r.y, r.width, r.height]; })()").getAsJsonArray();
        Point topLeft = browser.input().screenPoint(tab, r.get(0).getAsDouble(), r.get(1).getAsDouble());
        Point bottomRight = browser.input().screenPoint(tab, r.get(0).getAsDouble() + r.get(2).getAsDouble(),
                r.get(1).getAsDouble() + r.get(3).getAsDouble());
        return new Rectangle(topLeft.x, topLeft.y, bottomRight.x - topLeft.x, bottomRight.y - topLeft.y);
    }
}
