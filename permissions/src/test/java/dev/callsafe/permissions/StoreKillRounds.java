package dev.callsafe.permissions;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Kills a writing child JVM ({@link StoreWriterProcess}) with SIGKILL at a random moment, N times on one
 * profile, and after each kill loads the store: it must hold the last generation the writer reported saved,
 * or the one it was saving, whole (never a mix, never less). Prints its figures when run as a command:
 * {@code scripts/reliability-store-kills.sh N}.
 */
public final class StoreKillRounds {
    /** What the rounds found; {@code failures} names each torn or lost state. */
    public record Figures(int rounds, int torn, int lost, int midWrite, int savesTotal, long millis,
                          List<String> failures) {
        @Override
        public String toString() {
            return String.format("rounds %d, torn %d, lost %d; kills that left a half-written temporary %d;"
                            + " generations saved %d; %.1f s", rounds, torn, lost, midWrite, savesTotal, millis / 1000.0);
        }
    }

    private StoreKillRounds() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        Path profile = Files.createTempDirectory("callsafe-store-kills-");
        try {
            Figures f = run(profile, rounds, new Random(args.length > 1 ? Long.parseLong(args[1]) : System.nanoTime()));
            System.out.println(f);
            f.failures().forEach(System.out::println);
            System.exit(f.torn() + f.lost() == 0 ? 0 : 1);
        } finally {
            try (Stream<Path> s = Files.walk(profile)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Runs the rounds on the profile directory. */
    public static Figures run(Path profile, int rounds, Random random) throws Exception {
        long start = System.nanoTime();
        int torn = 0;
        int lost = 0;
        int midWrite = 0;
        int saves = 0;
        List<String> failures = new ArrayList<>();
        int previous = 0;
        for (int round = 0; round < rounds; round++) {
            Process writer = child(profile);
            int saved = -1;
            int saving = -1;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
                if (!"ready".equals(out.readLine())) {
                    throw new IllegalStateException("writer did not start");
                }
                // A random moment: after a random number of saves have begun (0 to 3), within about the
                // time one save takes, so kills land before, inside and between writes.
                int begun = random.nextInt(4);
                List<String> lines = new ArrayList<>();
                while (begun > 0) {
                    String line = out.readLine();
                    if (line == null) {
                        throw new IllegalStateException("writer ended by itself");
                    }
                    lines.add(line);
                    if (line.startsWith("saving ")) {
                        begun--;
                    }
                }
                TimeUnit.MICROSECONDS.sleep(random.nextInt(15_000));
                writer.toHandle().destroyForcibly(); // SIGKILL; leaves its output readable
                writer.waitFor(10, TimeUnit.SECONDS);
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    lines.add(line);
                }
                for (String line : lines) {
                    int g = Integer.parseInt(line.substring(line.indexOf(' ') + 1));
                    if (line.startsWith("saved ")) {
                        saved = g;
                        saves++;
                    } else {
                        saving = g;
                    }
                }
            }
            try (Stream<Path> s = Files.list(profile)) {
                if (s.anyMatch(p -> p.getFileName().toString().contains(".tmp-"))) {
                    midWrite++;
                }
            }
            try (PermissionStore store = PermissionStore.open(profile, Clock.systemUTC())) {
                PermissionStore.LoadResult r = store.load();
                if (r.problem().isPresent()) {
                    torn++;
                    failures.add("round " + round + ": unreadable after the kill: " + r.problem().get());
                    continue;
                }
                OptionalInt loaded;
                try {
                    loaded = StoreGeneration.of(r.snapshot());
                } catch (IllegalStateException e) {
                    torn++;
                    failures.add("round " + round + ": " + e.getMessage());
                    continue;
                }
                int g = loaded.orElse(0);
                int atLeast = saved >= 0 ? saved : previous; // the last save that returned
                int atMost = saving >= 0 ? saving : previous; // the last save begun
                if (g < atLeast) {
                    lost++;
                    failures.add("round " + round + ": generation " + g + " on disk, " + atLeast + " was saved");
                } else if (g > atMost) {
                    torn++;
                    failures.add("round " + round + ": generation " + g + " on disk, never written");
                }
                previous = g;
            }
        }
        return new Figures(rounds, torn, lost, midWrite, saves, (System.nanoTime() - start) / 1_000_000, failures);
    }

    private static Process child(Path profile) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp", System.getProperty("java.class.path"),
                StoreWriterProcess.class.getName(), profile.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }
}
