package dev.callsafe.browser;

import java.awt.Component;
import java.awt.Container;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import javax.swing.JLabel;
import javax.swing.SwingUtilities;

/**
 * Child process of {@link DamagedProfileEndToEndTest}: starts the real browser on the profile given as
 * argument (CEF starts once per process, so the shared fixture cannot take a prepared profile), waits for the
 * permissions warning in the window's chrome strip and prints {@code WARNING <text>}, then ends the process.
 */
public final class DamagedProfileRun {
    private DamagedProfileRun() {
    }

    public static void main(String[] args) throws Exception {
        Browser browser = Browser.launch(new LaunchOptions("about:blank", Path.of(args[0]), false));
        AtomicReference<String> text = new AtomicReference<>();
        try {
            Wait.until("permissions warning in the chrome strip", Duration.ofSeconds(30), () -> {
                BrowserFixture.onEdt(() -> text.set(warningInStrip(browser.window())));
                return text.get() != null;
            });
            System.out.println("WARNING " + text.get());
        } catch (AssertionError e) {
            System.out.println("NO WARNING " + e.getMessage());
        }
        System.out.flush();
        // CEF's orderly shutdown is not what is tested here; its helper processes end with this one.
        Runtime.getRuntime().halt(0);
    }

    /** The warning's text if it is showing inside the window's chrome strip (outside any page). */
    static String warningInStrip(Container window) {
        Component strip = find(window, "chrome.strip");
        if (!(strip instanceof Container) || !strip.isShowing()) {
            return null;
        }
        Component label = find((Container) strip, "permissions.warning.text");
        return label instanceof JLabel && label.isShowing() && SwingUtilities.getWindowAncestor(label) == window
                ? ((JLabel) label).getText() : null;
    }

    private static Component find(Container c, String name) {
        for (Component child : c.getComponents()) {
            if (name.equals(child.getName())) {
                return child;
            }
            if (child instanceof Container) {
                Component f = find((Container) child, name);
                if (f != null) {
                    return f;
                }
            }
        }
        return null;
    }
}
