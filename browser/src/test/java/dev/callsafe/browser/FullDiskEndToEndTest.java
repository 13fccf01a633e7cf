package dev.callsafe.browser;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import dev.callsafe.permissions.MediaKind;
import dev.callsafe.permissions.Origin;
import dev.callsafe.permissions.PermissionSnapshot;
import dev.callsafe.permissions.PermissionStore;
import dev.callsafe.permissions.SitePermissions;

/**
 * A full disk (the profile on a small tmpfs, filled up while the browser runs) loses nothing already stored:
 * the permissions file stays as it was, no temporary is left taking space, the chrome says the permissions
 * could not be saved, and once the disk has room the next change saves everything, the warning gone.
 */
class FullDiskEndToEndTest {
    private Path profile;
    private boolean mounted;

    @AfterEach
    void unmount() throws Exception {
        if (mounted) {
            run("umount", "-l", profile.toString());
        }
        if (profile != null) {
            Files.deleteIfExists(profile);
        }
    }

    @Test
    void aFullDiskKeepsWhatWasStoredAndSaysSoInTheChrome() throws Exception {
        profile = Files.createTempDirectory("callsafe-full-disk-");
        mounted = run("mount", "-t", "tmpfs", "-o", "size=48m", "tmpfs", profile.toString()) == 0;
        Assumptions.assumeTrue(mounted, "mounting a tmpfs needs root (CAP_SYS_ADMIN)");
        SitePermissions stored = new SitePermissions(Clock.systemUTC(), SitePermissions.DEFAULT_LAPSE, Set.of());
        stored.block(Origin.of("https://ads.example"), MediaKind.CAMERA);
        stored.installApplication(Origin.of("https://meet.example"), EnumSet.of(MediaKind.CAMERA, MediaKind.MICROPHONE));
        try (PermissionStore store = PermissionStore.open(profile, Clock.systemUTC())) {
            store.save(stored.snapshot());
        }
        byte[] before = Files.readAllBytes(profile.resolve(PermissionStore.FILE));

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Djava.awt.headless=false", "-Dcallsafe.devices=synthetic",
                "-cp", System.getProperty("java.class.path"), FullDiskRun.class.getName(), profile.toString())
                .redirectError(Path.of(System.getProperty("java.io.tmpdir"), "callsafe-full-disk-run.log").toFile()).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
             Writer in = new java.io.OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8)) {
            Wait.until("the browser started", Duration.ofSeconds(60), () -> {
                try {
                    String line = out.readLine();
                    return line == null || line.equals("started");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            Path filler = profile.resolve("filler");
            fill(filler);

            in.write("change 127.0.0.1 warning\n");
            in.flush();
            String full = answer(out);
            assertTrue(full.startsWith("page \"OverconstrainedError\""), full);
            assertTrue(full.contains(" WARNING ") && full.contains("could not be saved")
                    && full.contains("No space left on device") && full.contains("saved before is kept"), full);
            assertArrayEquals(before, Files.readAllBytes(profile.resolve(PermissionStore.FILE)), "the stored file is untouched");
            try (Stream<Path> s = Files.list(profile)) {
                assertEquals(0, s.filter(p -> p.getFileName().toString().contains(".tmp-")).count(), "no temporary left");
            }

            Files.delete(filler);
            in.write("change localhost none\n");
            in.flush();
            String room = answer(out);
            assertTrue(room.endsWith(" NO WARNING"), "the warning goes once a save works again: " + room);
        } finally {
            child.getOutputStream().close();
            if (!child.waitFor(30, TimeUnit.SECONDS)) {
                child.destroyForcibly();
            }
        }
        try (PermissionStore store = PermissionStore.open(profile, Clock.systemUTC())) {
            PermissionSnapshot after = store.load().snapshot();
            assertEquals(stored.snapshot().sites().get("https://ads.example"), after.sites().get("https://ads.example"));
            assertEquals(stored.snapshot().sites().get("https://meet.example"), after.sites().get("https://meet.example"));
            assertTrue(after.sites().keySet().stream().anyMatch(k -> k.startsWith("http://127.0.0.1:")),
                    "the change made while the disk was full is saved once it has room: " + after.sites().keySet());
            assertTrue(after.sites().keySet().stream().anyMatch(k -> k.startsWith("http://localhost:")), after.sites().keySet().toString());
        }
    }

    /** The child's next answer line (the engine prints its own lines too). */
    private static String answer(BufferedReader out) throws IOException {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith("page ")) {
                return line;
            }
        }
        return "the browser ended";
    }

    /** Writes to the file until the disk is full. */
    private static void fill(Path filler) throws IOException {
        byte[] block = new byte[1 << 16];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException e) {
            if (!String.valueOf(e.getMessage()).contains("No space left")) {
                throw e;
            }
        }
    }

    private static int run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }
}
