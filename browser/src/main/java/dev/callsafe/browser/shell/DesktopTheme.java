package dev.callsafe.browser.shell;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import com.formdev.flatlaf.FlatDarkLaf;
import com.formdev.flatlaf.FlatLightLaf;

/**
 * Dark or light chrome, following the desktop where it says: {@code CALLSAFE_THEME=dark|light} first, then
 * GNOME's {@code color-scheme} ({@code prefer-dark}), then a GTK theme name ending in "dark" ({@code GTK_THEME}
 * or GNOME's {@code gtk-theme}); light when nothing says. Scaling is left to Java and FlatLaf: Java 17 on
 * Linux scales by {@code GDK_SCALE} (or {@code -Dsun.java2d.uiScale}), FlatLaf sizes fonts by the desktop's
 * DPI, and the icons are vectors.
 */
public final class DesktopTheme {
    private DesktopTheme() {
    }

    /** Installs FlatLaf's dark or light look and feel. Call on the Swing thread before any window exists. */
    public static void install() {
        if (prefersDark(System::getenv, DesktopTheme::gsettings)) {
            FlatDarkLaf.setup();
        } else {
            FlatLightLaf.setup();
        }
    }

    /**
     * Whether the desktop asks for a dark theme, from the environment and GNOME settings ({@code gsettings}
     * answers a key of {@code org.gnome.desktop.interface}, null when it cannot).
     */
    static boolean prefersDark(Function<String, String> env, Function<String, String> gsettings) {
        String forced = env.apply("CALLSAFE_THEME");
        if (forced != null && !forced.isBlank()) {
            return forced.trim().equalsIgnoreCase("dark");
        }
        String scheme = gsettings.apply("color-scheme");
        if (scheme != null && scheme.contains("prefer-dark")) {
            return true;
        }
        if (scheme != null && scheme.contains("prefer-light")) {
            return false;
        }
        String gtk = env.apply("GTK_THEME");
        if (gtk == null || gtk.isBlank()) {
            gtk = gsettings.apply("gtk-theme");
        }
        return gtk != null && gtk.toLowerCase(Locale.ROOT).replace("'", "").strip().matches(".*[-:_]dark$");
    }

    private static String gsettings(String key) {
        try {
            Process p = new ProcessBuilder("gsettings", "get", "org.gnome.desktop.interface", key)
                    .redirectErrorStream(true).start();
            if (!p.waitFor(2, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null; // no gsettings: not a GNOME desktop
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
