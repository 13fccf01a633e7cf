package dev.callsafe.browser.reliability;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import com.google.gson.JsonObject;

import dev.callsafe.browser.BrowserFixture;
import dev.callsafe.browser.Wait;
import dev.callsafe.browser.shell.BrowserTab;

/**
 * Many tabs of a calling page, some of them capturing the same camera (each allowed through its own prompt
 * by a person's click): the camera is captured once, the Swing thread's work per camera frame does not grow
 * with the capturing tabs, and the chrome shows each capturing tab and no other. Prints its figures; run
 * with {@code scripts/reliability-many-tabs.sh [tabs] [capturing]}.
 */
public final class ManyTabs {
    /** Windows the Swing thread's CPU time is measured in, each time, and their length. */
    static final int WINDOWS = 3;
    static final int WINDOW_SECONDS = 2;

    /** What the run found. Swing work is the event thread's CPU time, per second and per camera frame. */
    public record Figures(int tabs, int capturing, long opensBefore, long opensAfter, int runningCaptures,
                          int liveTracks, double swingMsPerFrameOne, double swingMsPerFrameAll, double cameraFps,
                          int barRows, boolean indicatorOnCapturing, boolean indicatorOffElsewhere, long millis,
                          List<Long> opensAfterEach) {
        /** Captures opened for all the tracks (1: one capture shared). */
        public long opens() {
            return opensAfter - opensBefore;
        }

        @Override
        public String toString() {
            return String.format("%d tabs, %d capturing one camera: camera opened %d time(s), captures running %d,"
                            + " live tracks %d; Swing thread CPU per camera frame %.3f ms with 1 capturing tab, %.3f ms"
                            + " with %d (camera %.1f fps); sharing bar rows %d; indicator on a capturing tab %s, on a"
                            + " tab that does not capture hidden %s; %.1f s; opens after each allow %s",
                    tabs, capturing, opens(), runningCaptures, liveTracks, swingMsPerFrameOne, swingMsPerFrameAll,
                    capturing, cameraFps, barRows, indicatorOnCapturing, indicatorOffElsewhere, millis / 1000.0,
                    opensAfterEach);
        }
    }

    private final BrowserFixture browser;

    private ManyTabs(BrowserFixture browser) {
        this.browser = browser;
    }

    public static void main(String[] args) {
        try {
            Figures f = run(BrowserFixture.get(), args.length > 0 ? Integer.parseInt(args[0]) : 20,
                    args.length > 1 ? Integer.parseInt(args[1]) : 10);
            System.out.println(f);
        } catch (Throwable t) {
            t.printStackTrace();
            Runtime.getRuntime().halt(1);
        }
        Runtime.getRuntime().halt(0);
    }

    /** Opens {@code tabs} tabs of the call page and lets the first {@code capturing} of them capture the camera. */
    public static Figures run(BrowserFixture browser, int tabs, int capturing) throws Exception {
        return new ManyTabs(browser).measure(tabs, capturing);
    }

    private Figures measure(int count, int capturing) throws Exception {
        long start = System.nanoTime();
        List<BrowserTab> tabs = new ArrayList<>();
        tabs.add(browser.freshTab("/call.html"));
        for (int i = 1; i < count; i++) {
            tabs.add(browser.open(browser.pages().url("/call.html?tab=" + i)));
        }
        long opensBefore = browser.media().openedCaptureCount();
        List<Long> opens = new ArrayList<>();
        allow(tabs.get(0));
        opens.add(browser.media().openedCaptureCount() - opensBefore);
        double fps = browser.eval(tabs.get(0), "probe.state().tracks[0].settings.frameRate").getAsDouble();
        tabs.get(0).select();
        double one = swingMsPerSecond() / fps;
        for (int i = 1; i < capturing; i++) {
            allow(tabs.get(i));
            opens.add(browser.media().openedCaptureCount() - opensBefore);
        }
        tabs.get(0).select();
        Wait.until("tab 0 selected", Duration.ofSeconds(10), () -> browser.current().orElse(null) == tabs.get(0));
        double all = swingMsPerSecond() / fps;
        long opensAfter = browser.media().openedCaptureCount();

        int rows = 0;
        for (BrowserTab t : tabs) {
            rows += browser.showing("capture.bar.tab" + t.id() + ".text").size();
        }
        boolean on = browser.text("capture.indicator.text").toLowerCase().contains("camera");
        boolean off = true;
        if (capturing < count) {
            BrowserTab quiet = tabs.get(count - 1);
            quiet.select();
            Wait.until("a quiet tab selected", Duration.ofSeconds(10), () -> browser.current().orElse(null) == quiet);
            off = Wait.value("indicator hidden", Duration.ofSeconds(5),
                    () -> browser.showing("capture.indicator.stop").isEmpty(), b -> b);
        }
        Figures f = new Figures(count, capturing, opensBefore, opensAfter, browser.media().runningCaptureCount(),
                browser.media().liveTrackCount(), one, all, fps, rows, on, off, (System.nanoTime() - start) / 1_000_000, opens);
        browser.stopAllCapture();
        browser.closeAllBut(tabs.get(0));
        return f;
    }

    /** A person allows the camera in the tab's prompt (the tab is selected to be clicked). */
    private void allow(BrowserTab tab) {
        tab.select();
        Wait.until("tab selected", Duration.ofSeconds(10), () -> browser.current().orElse(null) == tab);
        browser.eval(tab, "probe.start({video: true})");
        browser.clickNamed("consent.allow");
        JsonObject s = Wait.value("camera allowed", Duration.ofSeconds(20),
                () -> browser.eval(tab, "probe.state()").getAsJsonObject(), x -> x.get("settled").getAsBoolean());
        if (!s.get("error").isJsonNull()) {
            throw new IllegalStateException("camera refused: " + s.get("error"));
        }
    }

    /**
     * CPU milliseconds per second the Swing event thread spends: the least of {@link #WINDOWS} windows of
     * {@link #WINDOW_SECONDS}, so a passing burst (a tab switch repainting, the chrome updating) is not
     * taken for the steady cost.
     */
    private static double swingMsPerSecond() {
        AtomicLong edt = new AtomicLong();
        BrowserFixture.onEdt(() -> edt.set(Thread.currentThread().getId()));
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double least = Double.MAX_VALUE;
        for (int i = 0; i < WINDOWS; i++) {
            long cpu0 = mx.getThreadCpuTime(edt.get());
            long t0 = System.nanoTime();
            Wait.until("measuring", Duration.ofSeconds(WINDOW_SECONDS + 5),
                    () -> System.nanoTime() - t0 >= Duration.ofSeconds(WINDOW_SECONDS).toNanos());
            long cpu1 = mx.getThreadCpuTime(edt.get());
            least = Math.min(least, (cpu1 - cpu0) / 1e6 / ((System.nanoTime() - t0) / 1e9));
        }
        return least;
    }
}
