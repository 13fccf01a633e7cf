package dev.callsafe.capture;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.callsafe.capture.device.DeviceCatalog;
import dev.callsafe.capture.device.SyntheticCamera;
import dev.callsafe.capture.video.VideoFormat;
import dev.callsafe.capture.video.VideoSource;

/**
 * What sharing a capture saves: the synthetic camera at 1280x720, 30 fps, feeding one, two and three
 * consumers either through one shared capture ({@link SharedSources}) or one capture per consumer (what
 * each track cost before). Prints a Markdown table: captures opened, frames per consumer per second, CPU of
 * this process (all cores summed) over the window. Run by {@code scripts/bench-devices.sh}.
 */
public final class SharedCaptureBenchmark {
    private SharedCaptureBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        VideoFormat format = new VideoFormat(1280, 720, 30);
        run(1, true, format, 3, false); // warm-up (JIT, FFmpeg), not reported
        System.out.println("| consumers | captures | opened | frames/s per consumer | CPU |");
        System.out.println("|-----------|----------|--------|-----------------------|-----|");
        for (int consumers = 1; consumers <= 3; consumers++) {
            for (boolean shared : new boolean[] {true, false}) {
                if (consumers == 1 && !shared) {
                    continue;
                }
                run(consumers, shared, format, seconds, true);
            }
        }
    }

    private static void run(int consumers, boolean shared, VideoFormat format, int seconds, boolean report)
            throws Exception {
        SyntheticCamera cam = DeviceCatalog.syntheticCamera(1);
        SharedSources<VideoSource> registry = new SharedSources<>();
        List<AutoCloseable> held = new ArrayList<>();
        List<AtomicLong> counts = new ArrayList<>();
        for (int i = 0; i < consumers; i++) {
            AtomicLong n = new AtomicLong();
            counts.add(n);
            String key = shared ? cam.id() : cam.id() + "#" + i; // separate keys: one capture each
            held.add(registry.acquire(key, () -> cam.open(format), s -> {
                java.util.function.Consumer<dev.callsafe.capture.video.VideoFrame> sink = f -> n.incrementAndGet();
                s.addSink(sink);
                return () -> s.removeSink(sink);
            }));
        }
        Thread.sleep(1000); // warm-up: FFmpeg graph set up, JIT
        long cpu0 = cpuNanos();
        long t0 = System.nanoTime();
        long[] start = counts.stream().mapToLong(AtomicLong::get).toArray();
        Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
        long wall = System.nanoTime() - t0;
        long cpu = cpuNanos() - cpu0;
        double perConsumer = 0;
        for (int i = 0; i < consumers; i++) {
            perConsumer += (counts.get(i).get() - start[i]) * 1e9 / wall;
        }
        perConsumer /= consumers;
        for (AutoCloseable c : held) {
            c.close();
        }
        if (!report) {
            return;
        }
        System.out.printf(Locale.ROOT, "| %d | %s | %d | %.1f | %.1f %% |%n", consumers,
                shared ? "one, shared" : "one per consumer", registry.openedCount(), perConsumer,
                100.0 * cpu / wall);
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
