package dev.callsafe.browser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The launcher's command line: a URL to open and the profile to use. */
public record LaunchOptions(String url, Path profile, boolean temporaryProfile) {
    /** The built-in demo page, served by the browser itself. */
    public static final String DEMO_URL = "callsafe://demo/";

    static final String USAGE = String.join(System.lineSeparator(),
            "Usage: callsafe [options] [URL]",
            "",
            "Opens URL (default: the built-in demo page, " + DEMO_URL + ") in the Callsafe browser.",
            "",
            "Options:",
            "  --profile DIR      use DIR as the profile (permissions, settings, browser cache)",
            "                     default: $XDG_CONFIG_HOME/callsafe/default (~/.config/callsafe/default)",
            "  --fresh-profile    use a new empty profile, deleted when the browser quits",
            "  --check-natives    load FFmpeg, JNA and JOGL as the browser does, print where from, exit",
            "  --help             show this help and exit",
            "",
            "Environment:",
            "  CALLSAFE_DEVICES   auto (default: real devices, synthetic ones when there are none),",
            "                     synthetic (test pattern camera and tone microphone only) or real");

    /** Thrown for a command line the launcher cannot use; its message says why. */
    public static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    /** Parses arguments; empty means {@code --help} was asked for. */
    public static Optional<LaunchOptions> parse(List<String> args) throws UsageException {
        String url = null;
        Path profile = null;
        boolean fresh = false;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--help": case "-h":
                    return Optional.empty();
                case "--fresh-profile":
                    fresh = true;
                    break;
                case "--profile":
                    if (i + 1 >= args.size()) {
                        throw new UsageException("--profile needs a directory");
                    }
                    profile = Path.of(args.get(++i));
                    break;
                default:
                    if (a.startsWith("--profile=")) {
                        profile = Path.of(a.substring("--profile=".length()));
                    } else if (a.startsWith("-")) {
                        throw new UsageException("unknown option " + a);
                    } else if (url != null) {
                        throw new UsageException("only one URL can be opened at start");
                    } else {
                        url = a;
                    }
            }
        }
        if (fresh && profile != null) {
            throw new UsageException("--profile and --fresh-profile exclude each other");
        }
        if (fresh) {
            try {
                profile = Files.createTempDirectory("callsafe-profile-");
            } catch (IOException e) {
                throw new UsageException("cannot create a temporary profile: " + e.getMessage());
            }
        }
        return Optional.of(new LaunchOptions(url == null ? DEMO_URL : normalizeUrl(url),
                profile == null ? defaultProfile() : profile, fresh));
    }

    /** Adds {@code https://} to a bare host name, as an address bar does. */
    public static String normalizeUrl(String typed) {
        String t = typed.trim();
        if (t.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*") || t.startsWith("about:") || t.startsWith("data:")) {
            return t;
        }
        if (t.startsWith("localhost") || t.startsWith("127.")) {
            return "http://" + t;
        }
        return "https://" + t;
    }

    /** The XDG configuration directory on Linux, the platform's convention elsewhere. */
    static Path defaultProfile() {
        return defaultProfile(System.getProperty("os.name", ""), Path.of(System.getProperty("user.home")),
                System::getenv);
    }

    /**
     * The default profile for an operating system name, home directory and environment: Windows
     * {@code %APPDATA%\Callsafe}, macOS {@code ~/Library/Application Support/Callsafe}, else
     * {@code $XDG_CONFIG_HOME/callsafe} (ignored unless absolute, as the XDG spec says) or
     * {@code ~/.config/callsafe}; always its {@code default} subdirectory.
     */
    static Path defaultProfile(String osName, Path home, java.util.function.Function<String, String> env) {
        String os = osName.toLowerCase(java.util.Locale.ROOT);
        Path base;
        if (os.contains("win")) {
            String appData = env.apply("APPDATA");
            base = appData != null && !appData.isBlank() ? Path.of(appData, "Callsafe")
                    : home.resolve("AppData").resolve("Roaming").resolve("Callsafe");
        } else if (os.contains("mac")) {
            base = home.resolve("Library").resolve("Application Support").resolve("Callsafe");
        } else {
            String xdg = env.apply("XDG_CONFIG_HOME");
            base = (xdg != null && Path.of(xdg).isAbsolute() ? Path.of(xdg) : home.resolve(".config"))
                    .resolve("callsafe");
        }
        return base.resolve("default");
    }
}
