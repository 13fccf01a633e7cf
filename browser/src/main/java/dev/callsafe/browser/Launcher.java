package dev.callsafe.browser;

import java.util.Arrays;
import java.util.Optional;

import org.cef.CefApp;

/** The {@code callsafe} command: parses the command line and runs the browser until its window closes. */
public final class Launcher {
    private Launcher() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && args[0].equals("--check-natives")) {
            NativeLibraries.check(System.out);
            System.exit(0);
        }
        Optional<LaunchOptions> options;
        try {
            options = LaunchOptions.parse(Arrays.asList(args));
        } catch (LaunchOptions.UsageException e) {
            System.err.println("callsafe: " + e.getMessage());
            System.err.println(LaunchOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.isEmpty()) {
            System.out.println(LaunchOptions.USAGE);
            return;
        }
        Browser browser = Browser.launch(options.get());
        browser.awaitClosed();
        CefApp.getInstance().dispose();
        System.exit(0);
    }
}
