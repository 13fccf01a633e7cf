package dev.callsafe.browser.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/** CPU time of a process and all its descendants, read from /proc (Linux). */
final class ProcessTreeCpu {
    private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux

    private ProcessTreeCpu() {
    }

    /** CPU seconds used so far by the tree rooted at pid (processes alive now). */
    static double cpuSeconds(long root) {
        return byProcess(root).values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** CPU seconds per process of the tree, by pid. */
    static Map<Long, Double> byProcess(long root) {
        Map<Long, Long> parents = new HashMap<>();
        Map<Long, Long> ticks = new HashMap<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            procs.filter(p -> p.getFileName().toString().matches("\\d+")).forEach(p -> {
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long pid = Long.parseLong(p.getFileName().toString());
                    parents.put(pid, Long.parseLong(f[1]));
                    ticks.put(pid, Long.parseLong(f[11]) + Long.parseLong(f[12]));
                } catch (IOException | RuntimeException e) {
                    // the process ended while we looked
                }
            });
        } catch (IOException e) {
            throw new IllegalStateException("no /proc: CPU can only be measured on Linux", e);
        }
        Set<Long> tree = new HashSet<>();
        List<Long> todo = new ArrayList<>(List.of(root));
        while (!todo.isEmpty()) {
            long p = todo.remove(todo.size() - 1);
            if (tree.add(p)) {
                parents.forEach((child, parent) -> {
                    if (parent == p) {
                        todo.add(child);
                    }
                });
            }
        }
        Map<Long, Double> out = new java.util.TreeMap<>();
        for (long p : tree) {
            out.put(p, ticks.getOrDefault(p, 0L) / TICKS_PER_SECOND);
        }
        return out;
    }

    /** What a process is: java, or Chromium's --type (renderer, gpu-process, utility:network...). */
    static String kind(long pid) {
        try {
            String cmd = Files.readString(Path.of("/proc", Long.toString(pid), "cmdline")).replace('\0', ' ');
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("--type=([a-z-]+)").matcher(cmd);
            if (m.find()) {
                java.util.regex.Matcher u = java.util.regex.Pattern.compile("--utility-sub-type=([a-zA-Z.]+)").matcher(cmd);
                return m.group(1) + (u.find() ? ":" + u.group(1) : "");
            }
            return cmd.contains("java") ? "java" : cmd.split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }
}
