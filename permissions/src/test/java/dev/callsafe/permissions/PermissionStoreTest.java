package dev.callsafe.permissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PermissionStoreTest {
    @TempDir
    Path profile;

    private static SitePermissions fresh() {
        return new SitePermissions(Clock.systemUTC(), SitePermissions.DEFAULT_LAPSE, Set.of());
    }

    @Test
    void savesAndLoadsTheWholeState() throws IOException {
        SitePermissions p = fresh();
        p.installApplication(Origin.of("https://meet.example"), EnumSet.of(MediaKind.CAMERA, MediaKind.MICROPHONE));
        p.block(Origin.of("https://ads.example"), MediaKind.CAMERA);
        try (PermissionStore store = PermissionStore.open(profile, Clock.systemUTC())) {
            store.save(p.snapshot());
        }
        try (PermissionStore store = PermissionStore.open(profile, Clock.systemUTC())) {
            PermissionStore.LoadResult r = store.load();
            assertTrue(r.problem().isEmpty());
            assertEquals(p.snapshot(), r.snapshot());
            assertTrue(Files.readString(store.file()).contains("\"schema\": 1"));
        }
    }

    @Test
    void aCorruptFileIsKeptAsideAndReported() throws IOException {
        Files.writeString(profile.resolve(PermissionStore.FILE), "{\"schema\": 1, \"sites\": {\"https://a\": [tor");
        try (PermissionStore store = PermissionStore.open(profile, Clock.systemUTC())) {
            PermissionStore.LoadResult r = store.load();
            assertTrue(r.problem().isPresent());
            assertTrue(r.problem().get().contains("kept as"), r.problem().get());
            Path aside = r.keptAside().orElseThrow();
            assertTrue(Files.readString(aside).endsWith("[tor"), "the damaged bytes are kept, unchanged");
            assertTrue(r.snapshot().sites().isEmpty());
            assertTrue(Files.notExists(store.file()));
        }
    }

    @Test
    void wrongShapesAndNewerSchemasAreKeptAsideToo() throws IOException {
        String[] bad = {"[]", "{\"sites\":{}}", "{\"schema\":1,\"sites\":{\"https://a.example\":"
                + "{\"permissions\":{\"camera\":{\"state\":\"ALLOW\",\"since\":\"yesterday\",\"lastUsed\":\"x\"}}}}}",
                "\u0000\u0001binary"};
        for (String content : bad) {
            Files.writeString(profile.resolve(PermissionStore.FILE), content);
            try (PermissionStore store = PermissionStore.open(profile, Clock.systemUTC())) {
                assertTrue(store.load().problem().isPresent(), content);
            }
        }
        Files.writeString(profile.resolve(PermissionStore.FILE), "{\"schema\": 7, \"sites\": {}}");
        try (PermissionStore store = PermissionStore.open(profile, Clock.systemUTC())) {
            PermissionStore.LoadResult r = store.load();
            assertTrue(r.problem().get().contains("newer version"));
            assertTrue(r.keptAside().get().getFileName().toString().contains("newer"));
        }
    }

    @Test
    void aSecondInstanceOnTheProfileIsRefused() throws Exception {
        Process holder = child(StoreLockHolderProcess.class);
        try (BufferedReader out = reader(holder)) {
            assertEquals("locked", out.readLine());
            assertThrows(ProfileInUseException.class, () -> PermissionStore.open(profile, Clock.systemUTC()));
        } finally {
            holder.getOutputStream().close();
            holder.waitFor(10, TimeUnit.SECONDS);
        }
        PermissionStore.open(profile, Clock.systemUTC()).close(); // free again once the holder quit
        try (PermissionStore store = PermissionStore.open(profile, Clock.systemUTC())) {
            assertThrows(ProfileInUseException.class, () -> PermissionStore.open(profile, Clock.systemUTC()));
        }
    }

    @Test
    void aKillAtAnyMomentOfAWriteLeavesTheOldOrTheNewStateWhole() throws Exception {
        // The short version of scripts/reliability-store-kills.sh (1,000 rounds, docs/RELIABILITY.md).
        StoreKillRounds.Figures f = StoreKillRounds.run(profile, 20, new Random(42));
        assertEquals(List.of(), f.failures(), f::toString);
        assertTrue(f.savesTotal() > 0, "the writer got to save: " + f);
        try (var s = Files.list(profile)) {
            assertEquals(0, s.filter(p -> p.getFileName().toString().contains(".tmp-")).count(),
                    "temporary files are cleaned up on load");
        }
    }

    private Process child(Class<?> main) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), main.getName(), profile.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static BufferedReader reader(Process p) {
        return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    }
}
