package dev.callsafe.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LaunchOptionsTest {
    @Test
    void defaultsToTheDemoPageAndTheConfigProfile() throws Exception {
        LaunchOptions o = LaunchOptions.parse(List.of()).orElseThrow();
        assertEquals(LaunchOptions.DEMO_URL, o.url());
        assertTrue(o.profile().toString().contains("callsafe"));
    }

    @Test
    void takesAUrlAndAProfile() throws Exception {
        LaunchOptions o = LaunchOptions.parse(List.of("--profile", "/tmp/p1", "meet.example/room")).orElseThrow();
        assertEquals("https://meet.example/room", o.url());
        assertEquals(Path.of("/tmp/p1"), o.profile());
        assertEquals("http://localhost:8080/", LaunchOptions.parse(List.of("localhost:8080/")).orElseThrow().url());
    }

    @Test
    void aFreshProfileIsANewEmptyDirectory() throws Exception {
        LaunchOptions o = LaunchOptions.parse(List.of("--fresh-profile")).orElseThrow();
        assertTrue(o.temporaryProfile());
        try (var s = Files.list(o.profile())) {
            assertEquals(0, s.count());
        }
        Files.delete(o.profile());
    }

    @Test
    void helpAndBadCommandLines() {
        assertTrue(assertDoesNotThrowParse("--help").isEmpty());
        assertThrows(LaunchOptions.UsageException.class, () -> LaunchOptions.parse(List.of("--bogus")));
        assertThrows(LaunchOptions.UsageException.class, () -> LaunchOptions.parse(List.of("--profile")));
        assertThrows(LaunchOptions.UsageException.class, () -> LaunchOptions.parse(List.of("a.example", "b.example")));
        assertThrows(LaunchOptions.UsageException.class,
                () -> LaunchOptions.parse(List.of("--fresh-profile", "--profile", "/tmp/x")));
    }

    @ParameterizedTest(name = "{0} {1}={2} -> {3}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "Linux      | XDG_CONFIG_HOME | /xdg/config          | /xdg/config/callsafe/default",
            "Linux      | XDG_CONFIG_HOME | -                    | /home/u/.config/callsafe/default",
            "Linux      | XDG_CONFIG_HOME | relative/config      | /home/u/.config/callsafe/default",
            "FreeBSD    | XDG_CONFIG_HOME | /xdg                 | /xdg/callsafe/default",
            "Windows 11 | APPDATA         | /users/u/AppData/Roaming | /users/u/AppData/Roaming/Callsafe/default",
            "Windows 10 | APPDATA         | -                    | /home/u/AppData/Roaming/Callsafe/default",
            "Mac OS X   | XDG_CONFIG_HOME | /xdg                 | /home/u/Library/Application Support/Callsafe/default",
    })
    void theDefaultProfileFollowsThePlatformsConvention(String os, String variable, String value, String expected) {
        Map<String, String> env = new HashMap<>();
        env.put(variable, value);
        assertEquals(Path.of(expected), LaunchOptions.defaultProfile(os, Path.of("/home/u"), env::get));
    }

    private static java.util.Optional<LaunchOptions> assertDoesNotThrowParse(String arg) {
        try {
            return LaunchOptions.parse(List.of(arg));
        } catch (LaunchOptions.UsageException e) {
            throw new AssertionError(e);
        }
    }
}
