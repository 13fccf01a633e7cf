package dev.callsafe.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

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

    private static java.util.Optional<LaunchOptions> assertDoesNotThrowParse(String arg) {
        try {
            return LaunchOptions.parse(List.of(arg));
        } catch (LaunchOptions.UsageException e) {
            throw new AssertionError(e);
        }
    }
}
