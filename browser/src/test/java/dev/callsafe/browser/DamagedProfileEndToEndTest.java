package dev.callsafe.browser;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.callsafe.permissions.PermissionStore;

/**
 * A damaged {@code permissions.json} is kept aside, byte for byte, and a profile whose permissions another
 * instance holds is left alone; either way the user is told in the browser's chrome. Each case runs a real
 * browser in a child JVM on a prepared profile, since CEF starts once per process.
 */
class DamagedProfileEndToEndTest {
    private Path profile;

    @AfterEach
    void removeProfile() throws Exception {
        if (profile != null) {
            try (Stream<Path> s = Files.walk(profile)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void aCorruptPermissionsFileIsKeptAsideAndReportedInTheChrome() throws Exception {
        profile = Files.createTempDirectory("callsafe-damaged-profile-");
        byte[] damaged = "{\"schema\": 1, \"sites\": {\"https://a.example\": {\"camera\": ".getBytes(StandardCharsets.UTF_8);
        Files.write(profile.resolve("permissions.json"), damaged);

        String warning = runBrowserOn(profile);
        assertTrue(warning.startsWith("WARNING "), warning);

        List<Path> aside;
        try (Stream<Path> s = Files.list(profile)) {
            aside = s.filter(p -> p.getFileName().toString().startsWith("permissions.json.corrupt-")).toList();
        }
        assertEquals(1, aside.size(), "one file kept aside");
        assertArrayEquals(damaged, Files.readAllBytes(aside.get(0)), "kept byte for byte");
        assertTrue(warning.contains(aside.get(0).getFileName().toString()), "the user is told where: " + warning);
        assertFalse(Files.exists(profile.resolve("permissions.json"))
                && Files.readString(profile.resolve("permissions.json")).equals(new String(damaged, StandardCharsets.UTF_8)));
    }

    @Test
    void aProfileWhosePermissionsAreInUseIsReportedAndLeftAlone() throws Exception {
        profile = Files.createTempDirectory("callsafe-busy-profile-");
        byte[] stored = ("{\"schema\": 1, \"sites\": {}}").getBytes(StandardCharsets.UTF_8);
        Files.write(profile.resolve("permissions.json"), stored);
        // This JVM stands for the instance already running on the profile: it holds the store's lock.
        try (PermissionStore running = PermissionStore.open(profile, Clock.systemUTC())) {
            String warning = runBrowserOn(profile);
            assertTrue(warning.startsWith("WARNING ") && warning.contains("cannot be saved"), warning);
        }
        assertArrayEquals(stored, Files.readAllBytes(profile.resolve("permissions.json")), "not clobbered");
    }

    /** Runs a real browser on the profile in a child JVM; answers the line it printed about the warning. */
    private static String runBrowserOn(Path profile) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Djava.awt.headless=false", "-Dcallsafe.devices=synthetic",
                "-cp", System.getProperty("java.class.path"), DamagedProfileRun.class.getName(), profile.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<String> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                out.add(line);
            }
        } finally {
            if (!child.waitFor(90, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        }
        return out.stream().filter(l -> l.contains("WARNING")).findFirst().orElse("none: " + out);
    }
}
