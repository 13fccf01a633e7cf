package dev.callsafe.browser.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import dev.callsafe.browser.BrowserFixture;
import dev.callsafe.browser.shell.BrowserTab;
import dev.callsafe.permissions.Origin;

/**
 * The screen-sharing benchmark: the whole screen (1920x1080 under the script's Xvfb) shared at 30 fps
 * with masking (the browser's own window is always masked) into the page, for a moving and a still
 * desktop (another application's full-screen window), against Chromium's own getDisplayMedia in the same
 * Chromium build where it runs. CPU is the browser's process tree, without the desktop application.
 * Prints a Markdown table.
 *
 * <p>Run with {@code scripts/bench-display.sh [seconds]}.
 */
public final class DisplayBenchmark {
    private DisplayBenchmark() {
    }

    public static void main(String[] args) {
        try {
            run(args);
        } catch (Throwable t) {
            // The browser's threads would keep the JVM alive: a failed run must end, not hang.
            t.printStackTrace();
            System.err.flush();
            Runtime.getRuntime().halt(1);
        }
    }

    private static void run(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        List<String> rows = new ArrayList<>();
        BrowserFixture browser = null;
        // a second argument "tab" runs the tab share row only
        boolean tabOnly = args.length > 1 && "tab".equals(args[1]);
        // scripts/profile-display.sh: our moving row only, and no comparator
        boolean profile = Boolean.getBoolean("bench.profile");
        String[] desktops = tabOnly ? new String[0] : profile ? new String[] {"moving"} : new String[] {"moving", "still"};
        for (String desktop : desktops) {
            Process app = startDesktop(desktop);
            try {
                if (browser == null) {
                    browser = BrowserFixture.get(); // after the desktop window, so the browser is on top of it
                } else {
                    // the new desktop window covers the browser: raise it, so every run masks the same window
                    browser.input().windowManager("search", "--name", "\u2014 Callsafe$", "windowactivate", "--sync");
                }
                rows.add(ours(browser, desktop, seconds, app.pid()));
                if (!profile) {
                    rows.add(chromium(browser, desktop, seconds));
                }
            } finally {
                app.getOutputStream().close();
                String painted = new BufferedReader(new InputStreamReader(app.getInputStream(), StandardCharsets.UTF_8))
                        .readLine();
                rows.add("|   (" + desktop + " desktop: " + painted + " repaints per second)");
                app.waitFor(10, TimeUnit.SECONDS);
                app.destroyForcibly();
            }
        }
        if (browser == null) {
            browser = BrowserFixture.get();
        }
        if (!profile) {
            rows.add(tab(browser, seconds));
            rows.add(chromium(browser, "thistab", seconds));
        }
        System.out.println();
        System.out.println("| pipeline                     | desktop | size      | fps    | p50     | p95     | CPU      |");
        System.out.println("|------------------------------|---------|-----------|--------|---------|---------|----------|");
        rows.forEach(System.out::println);
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }

    private static Process startDesktop(String mode) throws Exception {
        Process p = new ProcessBuilder(NativePipelineRunner.javaBinary().toString(), "-Djava.awt.headless=false",
                "-cp", System.getProperty("java.class.path"), MovingDesktopApp.class.getName(), mode)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        // Read byte by byte: the same stream is read again at the end for the paint rate.
        StringBuilder line = new StringBuilder();
        for (int c = p.getInputStream().read(); c >= 0 && c != '\n'; c = p.getInputStream().read()) {
            line.append((char) c);
        }
        if (!line.toString().startsWith("ready")) {
            throw new IllegalStateException("the desktop application did not start");
        }
        return p;
    }

    private static String ours(BrowserFixture browser, String desktop, int seconds, long exclude) throws Exception {
        BrowserTab tab = browser.open(PageRun.benchPage(browser));
        browser.closeAllBut(tab);
        Origin origin = Origin.of(browser.pages().url("/"));
        browser.media().installDisplayCapture(origin);
        // Sharing needs a person's press in the page (a click through the window system: DevTools' user gesture
        // is no activation to the product)
        browser.evalOnClick(tab, "(window.__bench = bench.run({video: {mediaSource: 'screen', frameRate: 30}}, "
                + seconds + ", true), true)");
        CompletableFuture<String> result = tab.evaluate("window.__bench", true);
        browser.clickNamed("share.picker.screen.0");
        browser.clickNamed("share.picker.share");
        PageRun.awaitWarmup(PageRun.WARMUP_SECONDS); // benchmark pacing: the page skips its warm-up; not a test
        long pid = ProcessHandle.current().pid();
        Map<Long, Double> before = ProcessTreeCpu.byProcess(pid);
        before.remove(exclude);
        CameraBenchmark.announceMeasuring(before.keySet());
        long t0 = System.nanoTime();
        JsonObject page = JsonParser.parseString(result.get(seconds + PageRun.WARMUP_SECONDS + 60L, TimeUnit.SECONDS)).getAsJsonObject();
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpu = 0;
        for (Map.Entry<Long, Double> e : ProcessTreeCpu.byProcess(pid).entrySet()) {
            if (e.getKey() == exclude) {
                continue;
            }
            double d = (e.getValue() - before.getOrDefault(e.getKey(), 0.0)) / wall * 100;
            cpu += d;
            if (d >= 0.5) {
                System.out.printf(java.util.Locale.ROOT, "    %-8d %-40s %5.1f %%%n", e.getKey(),
                        ProcessTreeCpu.kind(e.getKey()), d);
            }
        }
        String row = row(PageRun.of("Callsafe (masked X11 grab)", page, cpu), desktop);
        System.out.println(row);
        return row;
    }

    /**
     * A background tab whose page animates, shared by tabId: its own off-screen paints, or its screencast
     * with {@code -Dcallsafe.tabPaints=false}.
     */
    private static String tab(BrowserFixture browser, int seconds) throws Exception {
        BrowserTab tab = browser.open(PageRun.benchPage(browser));
        browser.closeAllBut(tab);
        BrowserTab moving = browser.open(browser.pages().url("/anim.html"));
        tab.select();
        Origin origin = Origin.of(browser.pages().url("/"));
        browser.media().installDisplayCapture(origin);
        // Sharing needs a person's press in the page (a click through the window system, as a person's)
        browser.evalOnClick(tab, "(window.__bench = bench.run({video: {mediaSource: 'browser', tabId: "
                + moving.id() + ", frameRate: 30}}, " + seconds + ", true), true)");
        CompletableFuture<String> result = tab.evaluate("window.__bench", true);
        PageRun.awaitWarmup(PageRun.WARMUP_SECONDS); // benchmark pacing: the page skips its warm-up; not a test
        long pid = ProcessHandle.current().pid();
        Map<Long, Double> before = ProcessTreeCpu.byProcess(pid);
        long t0 = System.nanoTime();
        JsonObject page = JsonParser.parseString(result.get(seconds + PageRun.WARMUP_SECONDS + 60L, TimeUnit.SECONDS)).getAsJsonObject();
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpu = 0;
        for (Map.Entry<Long, Double> e : ProcessTreeCpu.byProcess(pid).entrySet()) {
            double d = (e.getValue() - before.getOrDefault(e.getKey(), 0.0)) / wall * 100;
            cpu += d;
            if (d >= 0.5) {
                System.out.printf(java.util.Locale.ROOT, "    %-8d %-40s %5.1f %%%n", e.getKey(),
                        ProcessTreeCpu.kind(e.getKey()), d);
            }
        }
        String path = "false".equals(System.getProperty("callsafe.tabPaints")) ? "screencast" : "paints";
        String row = row(PageRun.of("Callsafe tab (" + path + ")", page, cpu), "tab");
        System.out.println(row);
        return row;
    }

    /** Chromium's own getDisplayMedia in the bare CEF comparator: the screen, or ({@code desktop} "thistab") its own tab. */
    private static String chromium(BrowserFixture browser, String desktop, int seconds) throws Exception {
        String chromiumName = "thistab".equals(desktop) ? "Chromium tab capture" : "Chromium getDisplayMedia";
        String cp = System.getProperty("java.class.path");
        Process child = new ProcessBuilder(NativePipelineRunner.javaBinary().toString(), "-cp", cp,
                NativePipelineRunner.class.getName(), PageRun.benchPage(browser), "thistab".equals(desktop) ? desktop : "display", "0",
                Integer.toString(seconds)).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String line;
        JsonObject page = null;
        String failure = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            while ((line = out.readLine()) != null) {
                if (line.startsWith("RESULT ")) {
                    page = JsonParser.parseString(line.substring(7)).getAsJsonObject();
                } else if (line.startsWith("FAILED ")) {
                    failure = line.substring(7);
                }
            }
        }
        child.waitFor(30, TimeUnit.SECONDS);
        String row;
        if (page == null) {
            row = String.format("| %-28s | %-7s | n/a: %s |", chromiumName, desktop,
                    failure == null ? "no result" : failure);
        } else {
            row = row(PageRun.of(chromiumName, page, page.get("cpuPercent").getAsDouble()), desktop);
        }
        System.out.println(row);
        return row;
    }

    private static String row(PageRun run, String desktop) {
        String r = run.row();
        int bar = r.indexOf('|', 1);
        return r.substring(0, bar + 1) + String.format(" %-7s |", desktop) + r.substring(bar + 1);
    }
}
