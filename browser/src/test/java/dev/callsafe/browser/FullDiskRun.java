package dev.callsafe.browser;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import javax.swing.SwingUtilities;

import dev.callsafe.browser.shell.BrowserTab;

/**
 * Child process of {@link FullDiskEndToEndTest}: runs the real browser on the profile given as argument and,
 * at each line from the test ({@code change <origin>}), has a page of that origin make the site permissions
 * change (a device id of the origin needs its salt, which is stored), then prints what the chrome strip's
 * permissions warning says: {@code WARNING <text>} or {@code NO WARNING}, once it matches what the test
 * expects next ({@code expect warning} or {@code expect none}).
 */
public final class FullDiskRun {
    private FullDiskRun() {
    }

    public static void main(String[] args) throws Exception {
        try (TestPages pages = new TestPages()) {
            Browser browser = Browser.launch(new LaunchOptions("about:blank", Path.of(args[0]), false));
            System.out.println("started");
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] words = line.split(" ");
                String url = ("localhost".equals(words[1]) ? pages.otherOrigin("/call.html") : pages.url("/call.html"));
                AtomicReference<BrowserTab> tab = new AtomicReference<>();
                SwingUtilities.invokeAndWait(() -> tab.set(browser.window().openTab(url)));
                tab.get().ready().get(30, TimeUnit.SECONDS);
                Wait.until("page loaded", Duration.ofSeconds(30), () -> evaluate(tab.get(), "document.readyState")
                        .equals("\"complete\""));
                // An exact device id that matches nothing: no prompt, but the origin's salt is created to compare.
                String error = evaluate(tab.get(), "navigator.mediaDevices.getUserMedia({video: {deviceId: {exact: 'none'}}})"
                        + ".then(() => 'granted', e => e.name)");
                boolean wantWarning = "warning".equals(words[2]);
                AtomicReference<String> text = new AtomicReference<>();
                try {
                    Wait.until("permissions warning " + (wantWarning ? "shown" : "gone"), Duration.ofSeconds(20), () -> {
                        BrowserFixture.onEdt(() -> text.set(DamagedProfileRun.warningInStrip(browser.window())));
                        return (text.get() != null) == wantWarning;
                    });
                } catch (AssertionError e) {
                    // reported below as what the chrome shows
                }
                System.out.println("page " + error + (text.get() == null ? " NO WARNING" : " WARNING " + text.get()));
                System.out.flush();
            }
        }
        // The test closes stdin when done; CEF's orderly shutdown is not what is tested here.
        Runtime.getRuntime().halt(0);
    }

    private static String evaluate(BrowserTab tab, String js) {
        try {
            return tab.evaluate(js, false).get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
