package dev.callsafe.browser.shell;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** Which desktop settings make the chrome dark. */
class DesktopThemeTest {
    private static boolean dark(Map<String, String> env, Map<String, String> gsettings) {
        return DesktopTheme.prefersDark(env::get, gsettings::get);
    }

    @Test
    void nothingSaidMeansLight() {
        assertFalse(dark(Map.of(), Map.of()));
    }

    @Test
    void gnomeColourSchemeDecides() {
        assertTrue(dark(Map.of(), Map.of("color-scheme", "'prefer-dark'")));
        assertFalse(dark(Map.of("GTK_THEME", "Adwaita:dark"), Map.of("color-scheme", "'prefer-light'")));
    }

    @Test
    void aDarkGtkThemeNameMeansDark() {
        assertTrue(dark(Map.of("GTK_THEME", "Adwaita:dark"), Map.of()));
        assertTrue(dark(Map.of(), Map.of("color-scheme", "'default'", "gtk-theme", "'Yaru-dark'")));
        assertFalse(dark(Map.of(), Map.of("gtk-theme", "'Adwaita'")));
        assertFalse(dark(Map.of(), Map.of("gtk-theme", "'Darkish-blue'")), "only a name ending in dark");
    }

    @Test
    void theUsersChoiceWins() {
        assertTrue(dark(Map.of("CALLSAFE_THEME", "dark"), Map.of("color-scheme", "'prefer-light'")));
        assertFalse(dark(Map.of("CALLSAFE_THEME", "light", "GTK_THEME", "Adwaita:dark"), Map.of()));
    }
}
