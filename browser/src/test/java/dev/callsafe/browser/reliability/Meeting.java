package dev.callsafe.browser.reliability;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import com.google.gson.JsonObject;

import dev.callsafe.browser.BrowserFixture;
import dev.callsafe.browser.Wait;
import dev.callsafe.browser.shell.BrowserTab;
import dev.callsafe.permissions.Origin;

/**
 * A meeting of N minutes in four tabs: camera and microphone in two, a screen share in one, a share of
 * another tab in one, each started through its prompt or picker with a person's clicks. Each minute it samples
 * every video track's frames per second (counted by the page), the JVM's resident memory and heap after a GC,
 * and its thread and file-descriptor counts; at the end the person stops everything and it counts what is
 * left running. Prints a Markdown table and a verdict line; run with
 * {@code scripts/reliability-meeting.sh [minutes, default 30]}.
 */
public final class Meeting {
    /** One minute's sample. fps per video track, in tab order (camera A, camera B, screen, tab share). */
    public record Sample(int minute, double[] fps, long rssKb, long heapKb, int threads, int fds, double load,
                         List<String> fdTargets, double oursCpu, double othersCpu) {
    }

    /** The whole run. {@code leftTracks}/{@code leftCaptures}: still live after everything was stopped. */
    public record Figures(List<Sample> samples, double worstFpsDeviation, double rssGrowth, double heapGrowth,
                          int threadChange, int fdChange, long capturesOpened, int leftTracks, int leftCaptures,
                          int endedInPages) {
    }


    private final BrowserFixture browser;

    private Meeting(BrowserFixture browser) {
        this.browser = browser;
    }

    public static void main(String[] args) {
        try {
            Figures f = run(BrowserFixture.get(), args.length > 0 ? Integer.parseInt(args[0]) : 30, Duration.ofMinutes(1));
            print(f);
        } catch (Throwable t) {
            t.printStackTrace();
            Runtime.getRuntime().halt(1);
        }
        Runtime.getRuntime().halt(0);
    }

    static void print(Figures f) {
        System.out.println();
        System.out.println("| minute | fps camera A | fps camera B | fps screen | fps tab share | RSS MB | heap MB | threads | fds | load | CPU ours % | CPU others % |");
        System.out.println("|--------|--------------|--------------|------------|---------------|--------|---------|---------|-----|------|------------|--------------|");
        for (Sample s : f.samples()) {
            System.out.println(String.format(Locale.ROOT, "| %6d | %12.1f | %12.1f | %10.1f | %13.1f | %6.1f | %7.1f | %7d | %3d | %4.1f | %10.0f | %12.0f |",
                    s.minute(), s.fps()[0], s.fps()[1], s.fps()[2], s.fps()[3], s.rssKb() / 1024.0, s.heapKb() / 1024.0,
                    s.threads(), s.fds(), s.load(), s.oursCpu(), s.othersCpu()));
        }
        System.out.println();
        System.out.println(String.format(Locale.ROOT, "after warm-up (minute 1): worst fps deviation from a track's median %.1f %%;"
                        + " last third against first third (medians): RSS growth %.1f %%, heap growth %.1f %%, threads %+d, fds %+d; captures opened %d; after Stop:"
                        + " live tracks %d, running captures %d, tracks ended in the pages %d of 6",
                f.worstFpsDeviation() * 100, f.rssGrowth() * 100, f.heapGrowth() * 100, f.threadChange(), f.fdChange(),
                f.capturesOpened(), f.leftTracks(), f.leftCaptures(), f.endedInPages()));
        List<Sample> all = f.samples();
        if (all.size() > 1) {
            List<String> grown = new ArrayList<>(all.get(all.size() - 1).fdTargets());
            all.get(1 < all.size() - 1 ? 1 : 0).fdTargets().forEach(grown::remove);
            System.out.println("file descriptors added after warm-up: " + grown);
        }
    }

    /** Runs the meeting for {@code minutes} samples of {@code every}. */
    public static Figures run(BrowserFixture browser, int minutes, Duration every) throws Exception {
        return new Meeting(browser).meet(minutes, every);
    }

    private Figures meet(int minutes, Duration every) throws Exception {
        long opened0 = browser.media().openedCaptureCount();
        BrowserTab a = browser.freshTab("/share.html?camera-a");
        BrowserTab b = browser.open(browser.pages().url("/share.html?camera-b"));
        BrowserTab screen = browser.open(browser.pages().url("/share.html?screen"));
        BrowserTab sharer = browser.open(browser.pages().url("/share.html?tab"));
        // Screen and tab sharing need the installed app's permission (the chrome's install flow); the person
        // still picks what to share each time.
        browser.media().installDisplayCapture(Origin.of(browser.pages().url("/")));
        allowCameraAndMicrophone(a);
        allowCameraAndMicrophone(b);
        share(screen, "screen", "share.picker.screen.0");
        share(sharer, "browser", "share.picker.browser." + a.id());
        BrowserTab[] tabs = {a, b, screen, sharer};
        // What is shared moves, as slides and videos do: a box sliding in the shared tab, and another
        // application covering the screen with moving content (closed before the person presses Stop).
        browser.eval(a, "(() => { const d = document.createElement('div'); d.style.cssText = 'position:fixed;top:40%;"
                + "width:120px;height:120px;background:#f0c020'; document.body.appendChild(d); let x = 0;"
                + " (function step() { x = (x + 8) % 600; d.style.left = x + 'px'; requestAnimationFrame(step); })();"
                + " return true; })()");
        Process desktop = movingDesktop();

        List<Sample> samples = new ArrayList<>();
        long[] frames = frames(tabs);
        long[] cpu = CpuTicks.read();
        long t = System.nanoTime();
        for (int minute = 1; minute <= minutes; minute++) {
            long due = t + every.toNanos();
            Wait.until("minute " + minute, every.plusSeconds(30), () -> System.nanoTime() >= due);
            long[] now = frames(tabs);
            double seconds = (System.nanoTime() - t) / 1e9;
            t = System.nanoTime();
            double[] fps = new double[4];
            for (int i = 0; i < 4; i++) {
                fps[i] = (now[i] - frames[i]) / seconds;
            }
            frames = now;
            long[] cpuNow = CpuTicks.read();
            samples.add(sample(minute, fps, CpuTicks.percent(cpu, cpuNow, seconds)));
            cpu = cpuNow;
            if (minute == Math.min(2, minutes) || minute == minutes) {
                classHistogram(minute);
            }
        }

        desktop.getOutputStream().close();
        desktop.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        // The person stops everything: Stop in the chrome of each tab, the share in the sharing bar.
        for (BrowserTab tab : new BrowserTab[] {a, b}) {
            select(tab);
            browser.clickNamed("capture.indicator.stop");
        }
        while (!browser.showing("sharing.bar.stop").isEmpty()) {
            browser.clickNamed("sharing.bar.stop");
        }
        Wait.until("every track ended", Duration.ofSeconds(20), () -> browser.media().liveTrackCount() == 0);
        Wait.until("every capture closed", Duration.ofSeconds(20), () -> browser.media().runningCaptureCount() == 0);
        int ended = 0;
        for (BrowserTab tab : tabs) {
            // camera tabs have two tracks (video, audio), share tabs one; share.js counts the video's ended
            ended += browser.eval(tab, "share.state().tracks.filter((t) => t.readyState === 'ended').length").getAsInt();
        }
        Figures f = figures(samples, browser.media().openedCaptureCount() - opened0, browser.media().liveTrackCount(),
                browser.media().runningCaptureCount(), ended);
        browser.closeAllBut(a);
        return f;
    }

    private static Figures figures(List<Sample> samples, long opened, int tracks, int captures, int ended) {
        List<Sample> steady = samples.size() > 1 ? samples.subList(1, samples.size()) : samples;
        double worst = 0;
        for (int i = 0; i < 4; i++) {
            int k = i;
            double[] fps = steady.stream().mapToDouble(s -> s.fps()[k]).sorted().toArray();
            double median = fps[fps.length / 2];
            for (double v : fps) {
                worst = Math.max(worst, Math.abs(v - median) / median);
            }
        }
        return new Figures(samples, worst, growth(steady, Sample::rssKb), growth(steady, Sample::heapKb),
                (int) Math.round(change(steady, Sample::threads)), (int) Math.round(change(steady, Sample::fds)),
                opened, tracks, captures, ended);
    }

    /**
     * The trend: the median of the last third of the samples against the median of the first third. Heap in use
     * after a GC moves by tens of MB from one sample to the next (what is in flight when the GC runs), so
     * comparing the first and last samples reports that noise as growth or shrinking.
     */
    private static double change(List<Sample> steady, java.util.function.ToDoubleFunction<Sample> figure) {
        int third = Math.max(1, steady.size() / 3);
        return median(steady.subList(steady.size() - third, steady.size()), figure) - median(steady.subList(0, third), figure);
    }

    private static double growth(List<Sample> steady, java.util.function.ToDoubleFunction<Sample> figure) {
        int third = Math.max(1, steady.size() / 3);
        return change(steady, figure) / median(steady.subList(0, third), figure);
    }

    private static double median(List<Sample> samples, java.util.function.ToDoubleFunction<Sample> figure) {
        double[] v = samples.stream().mapToDouble(figure).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /**
     * Heap in use after full collections, the least of several a quarter second apart: what is kept, not what
     * awaits collection, nor the frames that happen to be in flight (a 1080p frame is 3 MB, and each pipe,
     * mirror and adapter may hold one or two: one GC per minute varied 22-57 MB with no trend).
     */
    private static long liveHeap() {
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            if (i > 0) {
                long t0 = System.nanoTime();
                dev.callsafe.browser.Wait.until("between collections", java.time.Duration.ofSeconds(5),
                        () -> System.nanoTime() - t0 >= 250_000_000L);
            }
            System.gc();
            least = Math.min(least, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return least;
    }

    /**
     * Writes the live objects by class ({@code jcmd GC.class_histogram}) to
     * {@code /tmp/callsafe-meeting-histogram-minute-N.txt}: what grew between minute 2 and the last is read
     * from the two files.
     */
    private static void classHistogram(int minute) {
        Path out = Path.of("/tmp/callsafe-meeting-histogram-minute-" + minute + ".txt");
        try {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(ProcessHandle.current().pid()), "GC.class_histogram")
                    .redirectOutput(out.toFile()).redirectErrorStream(true).start();
            p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS);
            System.err.println("meeting: class histogram of minute " + minute + " in " + out);
        } catch (IOException | InterruptedException e) {
            System.err.println("meeting: no class histogram of minute " + minute + ": " + e);
        }
    }

    private Sample sample(int minute, double[] fps, double[] cpuPercent) throws IOException {
        long heapUsed = liveHeap();
        long rss = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(-1);
        List<String> targets = new ArrayList<>();
        try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
            s.forEach(fd -> {
                try {
                    targets.add(Files.readSymbolicLink(fd).toString().replaceAll("\\d+", "#"));
                } catch (IOException e) {
                    // closed meanwhile (the listing's own descriptor)
                }
            });
        }
        double load = Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        Sample sample = new Sample(minute, fps, rss, heapUsed / 1024, ManagementFactory.getThreadMXBean().getThreadCount(),
                targets.size(), load, targets, cpuPercent[0], cpuPercent[1]);
        System.err.println("meeting minute " + minute + ": " + java.util.Arrays.toString(fps) + " rss " + rss + " kB");
        return sample;
    }

    /** Another application: a full-screen window whose content moves every 16 ms; ends when its stdin closes. */
    private static Process movingDesktop() throws IOException {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.awt.headless=false", "-cp", System.getProperty("java.class.path"),
                dev.callsafe.browser.bench.MovingDesktopApp.class.getName(), "moving")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        StringBuilder line = new StringBuilder();
        for (int c = p.getInputStream().read(); c >= 0 && c != '\n'; c = p.getInputStream().read()) {
            line.append((char) c);
        }
        if (!line.toString().startsWith("ready")) {
            throw new IllegalStateException("the moving desktop did not start");
        }
        return p;
    }

    private long[] frames(BrowserTab[] tabs) {
        long[] out = new long[tabs.length];
        for (int i = 0; i < tabs.length; i++) {
            out[i] = browser.eval(tabs[i], "share.state().frames").getAsLong();
        }
        return out;
    }

    private void select(BrowserTab tab) {
        tab.select();
        Wait.until("tab selected", Duration.ofSeconds(10), () -> browser.current().orElse(null) == tab);
    }

    /** A person allows camera and microphone in the tab's prompt. */
    private void allowCameraAndMicrophone(BrowserTab tab) {
        select(tab);
        // -Dmeeting.camera=1280x720: the cameras at that size (issue 12's meeting row), else the default size
        String size = System.getProperty("meeting.camera", "");
        String video = size.matches("\\d+x\\d+") ? "{width: {exact: " + size.split("x")[0] + "}, height: {exact: "
                + size.split("x")[1] + "}}" : "true";
        browser.eval(tab, "share.viaUserMedia({video: " + video + ", audio: true})");
        browser.clickNamed("consent.allow");
        settled(tab);
    }

    /** A person clicks Share in the page, picks {@code choice} in the picker and shares. */
    private void share(BrowserTab tab, String source, String choice) {
        select(tab);
        browser.evalOnClick(tab, "share.viaUserMedia({video: {mediaSource: '" + source + "'}})");
        browser.awaitShowing("share.picker");
        if (choice.startsWith("share.picker.browser.")) {
            Wait.until("a thumbnail of the tab", Duration.ofSeconds(15), () -> {
                javax.swing.AbstractButton button = (javax.swing.AbstractButton) browser.awaitShowing(choice);
                AtomicReference<Boolean> has = new AtomicReference<>();
                BrowserFixture.onEdt(() -> has.set(button.getIcon() != null));
                return has.get();
            });
        }
        browser.clickNamed(choice);
        browser.clickNamed("share.picker.share");
        settled(tab);
    }

    private void settled(BrowserTab tab) {
        JsonObject s = Wait.value("settled", Duration.ofSeconds(30),
                () -> browser.eval(tab, "share.state()").getAsJsonObject(), x -> x.get("settled").getAsBoolean());
        if (!s.get("error").isJsonNull()) {
            throw new IllegalStateException("refused in " + tab.id() + ": " + s.get("error"));
        }
    }

}
