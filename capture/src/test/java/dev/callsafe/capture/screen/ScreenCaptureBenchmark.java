package dev.callsafe.capture.screen;

import java.awt.Color;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;

import dev.callsafe.capture.video.FFmpegLoader;
import dev.callsafe.capture.video.VideoSource;

/**
 * Prints the screen-capture figures of docs/BENCHMARKS.md: mask computation time, the cost of each pipeline
 * stage, and frames and CPU of whole captures (still screen, still screen converted every frame, changing
 * screen, and JavaCV's x11grab for comparison). Run by {@code scripts/bench-screen.sh} on a private Xvfb.
 * Args: [seconds per capture run, default 10].
 */
public final class ScreenCaptureBenchmark {
    private static final long TICK_HZ = 100; // /proc clock ticks per second (USER_HZ on Linux)

    private ScreenCaptureBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        maskComputation();
        try (ColourWindows apps = ColourWindows.start(); ColourWindows browser = ColourWindows.start()) {
            X11WindowInventory inventory = X11WindowInventory.open();
            Bounds root = inventory.screens().get(0);
            System.out.println("\n== Desktop " + root.width() + "x" + root.height() + ": opening windows");
            Random r = new Random(1);
            for (int i = 0; i < 40; i++) {
                apps.open("w" + i, new Color(r.nextInt(0xffffff)), new Bounds(r.nextInt(root.width() - 300),
                        r.nextInt(root.height() - 200), 100 + r.nextInt(200), 80 + r.nextInt(120)));
            }
            apps.open("movie", Color.BLACK, new Bounds(200, 200, 640, 360));
            browser.open("browser", Color.RED, new Bounds(900, 500, 800, 500));
            long browserPid = browser.pid();
            Predicate<DesktopWindow> ours = w -> w.pid() == browserPid;
            int windowCount = inventory.windows().size();
            stages(root, ours, windowCount);

            ShareOptions options = new ShareOptions(OcclusionStyle.GREY, 30, ours);
            System.out.println("\n== Capture of screen 0 (" + windowCount + " windows, one always masked), 30 fps, "
                    + seconds + " s each; CPU in % of one core");
            System.out.println("| scenario | delivered fps | converted fps | capture JVM CPU | Xvfb CPU | windows' JVM CPU |");
            System.out.println("|---|---|---|---|---|---|");
            run("still screen (unchanged frames skipped)", options, false, seconds, apps.pid());
            run("still screen, every frame converted", options, true, seconds, apps.pid());
            run("still screen, pointer drawn (still)", options.withCursor(CursorMode.ALWAYS), false, seconds, apps.pid());
            try (PointerMover mover = PointerMover.start(root)) {
                run("still screen, pointer drawn and moving (50 moves/s)", options.withCursor(CursorMode.ALWAYS), false,
                        seconds, apps.pid());
            }
            apps.animate("movie");
            run("changing screen (640x360 window animating)", options, false, seconds, apps.pid());
            x11grab(root, seconds, apps.pid());
        }
    }

    private static void maskComputation() {
        System.out.println("== ScreenMask.compute, random stacks on 1920x1080, a quarter of the windows shared");
        System.out.println("| windows | mean | p99 |");
        System.out.println("|---|---|---|");
        List<Bounds> screen = List.of(new Bounds(0, 0, 1920, 1080));
        ShareTarget.Application target = new ShareTarget.Application("Editor", 0);
        for (int n : new int[] {10, 50, 300}) {
            Random r = new Random(n);
            List<List<DesktopWindow>> stacks = new ArrayList<>();
            for (int s = 0; s < 64; s++) {
                List<DesktopWindow> stack = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    stack.add(new DesktopWindow(i, "t", r.nextInt(4) == 0 ? "Editor" : "App" + r.nextInt(10), 0,
                            new Bounds(r.nextInt(2200) - 200, r.nextInt(1300) - 200, 50 + r.nextInt(900), 50 + r.nextInt(700))));
                }
                stacks.add(stack);
            }
            long sink = 0;
            for (int i = 0; i < 20_000; i++) { // warm-up for the JIT
                sink += ScreenMask.compute(stacks.get(i & 63), screen, target, w -> false).obscured().size();
            }
            int samples = 20_000;
            long[] times = new long[samples];
            for (int i = 0; i < samples; i++) {
                long t0 = System.nanoTime();
                sink += ScreenMask.compute(stacks.get(i & 63), screen, target, w -> false).obscured().size();
                times[i] = System.nanoTime() - t0;
            }
            Arrays.sort(times);
            double mean = Arrays.stream(times).average().orElse(0);
            System.out.printf("| %d | %.1f us | %.1f us |%n", n, mean / 1000, times[samples * 99 / 100] / 1000.0);
            if (sink == 42) {
                System.out.println();
            }
        }
    }

    private static void stages(Bounds root, Predicate<DesktopWindow> ours, int windowCount) throws IOException {
        int n = 100;
        System.out.println("\n== Pipeline stages, full screen " + root.width() + "x" + root.height()
                + ", mean of " + n + " calls after " + n + " warm-up calls");
        X11WindowInventory plain = X11WindowInventory.open();
        X11WindowInventory tracking = X11WindowInventory.openTracking();
        try (X11ScreenGrabber grabber = X11ScreenGrabber.open(); I420Converter converter = new I420Converter()) {
            Bounds box = MaskedScreenSource.evenBox(root);
            byte[] i420 = new byte[box.width() * box.height() * 3 / 2];
            ScreenMask mask = ScreenMask.compute(tracking.windows(), tracking.screens(), new ShareTarget.Screen(0), ours);
            List<Bounds> obscured = mask.obscured();
            System.out.println("| stage | mean |");
            System.out.println("|---|---|");
            time("windows(), " + windowCount + " windows, all properties read", n, plain::windows);
            time("windows(), " + windowCount + " windows, tracking inventory, nothing changed (capture)", n, tracking::windows);
            time("grab (" + (grabber.usesSharedMemory() ? "MIT-SHM" : "GetImage") + ")", n, () -> grabber.grab(box));
            time("compare with the previous grab (ByteBuffer.mismatch)", n, () -> {
                ByteBuffer a = grabber.grab(box);
                return a.mismatch(grabber.previous());
            }, () -> grabber.grab(box));
            ByteBuffer px = grabber.grab(box);
            time("grey BGRX over the masked window", n, () -> {
                Occluder.greyBgrx(px, box.width() * 4, obscured);
                return null;
            });
            time("BGRX -> I420 (swscale)", n, () -> {
                converter.convert(px, box.width() * 4, box.width(), box.height(), i420);
                return null;
            });
            ChangedStrips oneStrip = new ChangedStrips(box.width(), box.height());
            oneStrip.markWhole(3);
            time("BGRX -> I420, one changed strip of " + I420Converter.STRIP + " rows (+ copy of the frame)", n, () -> {
                converter.convert(px, box.width() * 4, box.width(), box.height(), oneStrip, i420, false);
                return null;
            });
            ChangedStrips square = new ChangedStrips(box.width(), box.height());
            square.mark(new Bounds(600, 200, 136, 120));
            time("BGRX -> I420, a 136x120 square changed (patched into the last frame's copy)", n, () -> {
                byte[] next = i420.clone();
                converter.convert(px, box.width() * 4, box.width(), box.height(), square, next, true);
                return next;
            });
            time("grey I420 over the masked window", n, () -> {
                Occluder.occludeI420(i420, box.width(), box.height(), obscured, null);
                return null;
            });
            X11Pointer pointer = X11Pointer.on(tracking.connection()).orElseThrow();
            time("pointer image and position (XFixes GetCursorImage round trip)", n, pointer::read);
            PointerImage image = pointer.read();
            time("draw the pointer (" + image.width() + "x" + image.height() + ") into BGRX", n, () -> {
                image.paint(px, box.width() * 4, box);
                return null;
            });
        } finally {
            plain.close();
            tracking.close();
        }
    }

    /** Moves the pointer around the screen's middle every 20 ms (a presenter pointing), on its own thread. */
    private static final class PointerMover implements AutoCloseable {
        private final Thread thread;
        private volatile boolean running = true;

        private PointerMover(Bounds root) throws IOException {
            X11Connection x = X11Connection.open();
            thread = new Thread(() -> {
                try {
                    for (int i = 0; running; i++) {
                        double a = i * 0.1;
                        short px = (short) (root.width() / 2 + 300 * Math.cos(a));
                        short py = (short) (root.height() / 2 + 200 * Math.sin(a));
                        X11Connection.free(Xcb.LIB.xcb_request_check(x.pointer(), Xcb.LIB.xcb_warp_pointer_checked(
                                x.pointer(), 0, x.root(), (short) 0, (short) 0, (short) 0, (short) 0, px, py)));
                        TimeUnit.MILLISECONDS.sleep(20); // the benchmark's load, not synchronisation
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    x.close();
                }
            }, "pointer-mover");
            thread.setDaemon(true);
        }

        static PointerMover start(Bounds root) throws IOException {
            PointerMover m = new PointerMover(root);
            m.thread.start();
            return m;
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join();
        }
    }

    /** A benchmarked call. */
    private interface Call {
        Object run() throws IOException;
    }

    private static void time(String what, int n, Call call) throws IOException {
        time(what, n, call, null);
    }

    /** Times {@code call}; {@code minus} (if any) is timed too and subtracted (the grab inside a comparison). */
    private static void time(String what, int n, Call call, Call minus) throws IOException {
        double ms = mean(n, call) - (minus == null ? 0 : mean(n, minus));
        System.out.printf("| %s | %.2f ms |%n", what, ms);
    }

    private static double mean(int n, Call call) throws IOException {
        for (int i = 0; i < n; i++) {
            call.run();
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            call.run();
        }
        return (System.nanoTime() - t0) / 1e6 / n;
    }

    private static void run(String scenario, ShareOptions options, boolean convertAll, int seconds, long appsPid)
            throws Exception {
        MaskedScreenSource source = (MaskedScreenSource) DisplayCapture.open(new ShareTarget.Screen(0), options);
        source.convertStillFrames = convertAll;
        AtomicLong delivered = new AtomicLong();
        source.addSink(f -> delivered.incrementAndGet());
        try (VideoSource s = source) {
            waitFor(TimeUnit.SECONDS.toNanos(2)); // warm-up
            long d0 = delivered.get();
            long c0 = source.convertedFrames.get();
            Cpu cpu = Cpu.start(appsPid);
            waitFor(TimeUnit.SECONDS.toNanos(seconds));
            double[] used = cpu.stop();
            System.err.println(scenario + ": still ticks " + source.stillTicks + ", raced ticks " + source.racedTicks);
            System.out.printf("| %s | %.1f | %.1f | %.0f %% | %.0f %% | %.0f %% |%n", scenario,
                    (delivered.get() - d0) / used[3], (source.convertedFrames.get() - c0) / used[3],
                    used[0], used[1], used[2]);
        }
    }

    private static void x11grab(Bounds root, int seconds, long appsPid) throws Exception {
        FFmpegLoader.load();
        FFmpegFrameGrabber g = new FFmpegFrameGrabber(System.getenv("DISPLAY") + "+0,0");
        g.setFormat("x11grab");
        g.setOption("video_size", root.width() + "x" + root.height());
        g.setOption("framerate", "30");
        g.setOption("draw_mouse", "0");
        g.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
        g.start();
        try {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            while (System.nanoTime() < end) {
                g.grabImage();
            }
            Cpu cpu = Cpu.start(appsPid);
            long frames = 0;
            end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < end) {
                if (g.grabImage() != null) {
                    frames++;
                }
            }
            double[] used = cpu.stop();
            System.out.printf("| JavaCV x11grab, full screen to yuv420p, no masking (changing screen) | %.1f | %.1f | %.0f %% | %.0f %% | %.0f %% |%n",
                    frames / used[3], frames / used[3], used[0], used[1], used[2]);
        } finally {
            g.stop();
            g.release();
        }
    }

    /** Waits a measured period (the benchmark's clock, not synchronisation). */
    private static void waitFor(long nanos) throws InterruptedException {
        long end = System.nanoTime() + nanos;
        while (System.nanoTime() < end) {
            TimeUnit.NANOSECONDS.sleep(Math.min(end - System.nanoTime(), 100_000_000L));
        }
    }

    /** CPU time of this JVM, Xvfb and the windows' child over a period. */
    private record Cpu(long jvm, long xvfb, long apps, long wall, long appsPid) {
        static Cpu start(long appsPid) {
            return new Cpu(jvmNanos(), procNanos(xvfbPid()), procNanos(appsPid), System.nanoTime(), appsPid);
        }

        /** Percent of one core for the JVM, Xvfb and the windows' child, and the seconds measured. */
        double[] stop() {
            double wallNanos = System.nanoTime() - wall;
            return new double[] {100.0 * (jvmNanos() - jvm) / wallNanos, 100.0 * (procNanos(xvfbPid()) - xvfb) / wallNanos,
                    100.0 * (procNanos(appsPid) - apps) / wallNanos, wallNanos / 1e9};
        }

        private static long jvmNanos() {
            return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
        }

        private static long xvfbPid() {
            String pid = System.getenv("CALLSAFE_XVFB_PID");
            return pid == null ? -1 : Long.parseLong(pid);
        }

        private static long procNanos(long pid) {
            if (pid <= 0) {
                return 0;
            }
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * (1_000_000_000L / TICK_HZ);
            } catch (IOException | RuntimeException e) {
                return 0;
            }
        }
    }
}
