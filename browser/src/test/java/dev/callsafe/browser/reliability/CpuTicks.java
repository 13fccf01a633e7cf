package dev.callsafe.browser.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * CPU time of this JVM with every process it started (CEF's renderers, GPU and utility processes, helper
 * applications) and of the whole machine, from /proc, in clock ticks: tells a run's own load from other work
 * on a shared machine.
 */
final class CpuTicks {
    private static final double TICKS_PER_SECOND = 100; // USER_HZ on Linux

    private CpuTicks() {
    }

    /** {ours, machine busy} in ticks. */
    static long[] read() {
        return new long[] {ours(), machineBusy()};
    }

    /** {ours, others} as per cent of one core over {@code seconds}, between two readings. */
    static double[] percent(long[] before, long[] after, double seconds) {
        double ours = (after[0] - before[0]) / TICKS_PER_SECOND / seconds * 100;
        double machine = (after[1] - before[1]) / TICKS_PER_SECOND / seconds * 100;
        return new double[] {ours, Math.max(0, machine - ours)};
    }

    private static long machineBusy() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                if (i != 4 && i != 5) { // idle, iowait
                    busy += Long.parseLong(f[i]);
                }
            }
            return busy;
        } catch (IOException e) {
            return 0;
        }
    }

    /** utime + stime of this process and its descendants still running (dead children's time is lost). */
    private static long ours() {
        Map<Long, Long> parent = new HashMap<>();
        Map<Long, Long> ticks = new HashMap<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            procs.filter(p -> p.getFileName().toString().matches("\\d+")).forEach(p -> {
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    // the command name may hold spaces and parentheses: fields start after the last ')'
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long pid = Long.parseLong(p.getFileName().toString());
                    parent.put(pid, Long.parseLong(f[1]));
                    ticks.put(pid, Long.parseLong(f[11]) + Long.parseLong(f[12]));
                } catch (IOException | RuntimeException e) {
                    // the process ended meanwhile
                }
            });
        } catch (IOException e) {
            return 0;
        }
        Set<Long> ours = new HashSet<>();
        ours.add(ProcessHandle.current().pid());
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Map.Entry<Long, Long> e : parent.entrySet()) {
                if (!ours.contains(e.getKey()) && ours.contains(e.getValue())) {
                    ours.add(e.getKey());
                    grew = true;
                }
            }
        }
        return ours.stream().mapToLong(pid -> ticks.getOrDefault(pid, 0L)).sum();
    }
}
