package dev.callsafe.browser.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import dev.callsafe.browser.BrowserFixture;
import dev.callsafe.browser.shell.BrowserTab;

/**
 * The camera benchmark: the synthetic camera through our whole pipeline (FFmpeg, Java, stream scheme,
 * page script, MediaStreamTrackGenerator) against Chromium's own capture pipeline on its fake camera in
 * the same Chromium build, at 1280x720 and 1920x1080, 30 fps. Prints a Markdown table.
 *
 * <p>Run with {@code scripts/bench-camera.sh [seconds]}.
 */
public final class CameraBenchmark {
    private CameraBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        // the profiling script measures one size of ours alone: -Dbench.sizes=1920x1080 -Dbench.chromium=false
        int[][] sizes = java.util.Arrays.stream(System.getProperty("bench.sizes", "1280x720,1920x1080").split(","))
                .map(s -> java.util.Arrays.stream(s.split("x")).mapToInt(Integer::parseInt).toArray())
                .toArray(int[][]::new);
        boolean withChromium = Boolean.parseBoolean(System.getProperty("bench.chromium", "true"));
        BrowserFixture browser = BrowserFixture.get();
        List<PageRun> runs = new ArrayList<>();
        for (int[] size : sizes) {
            runs.add(ours(browser, size[0], size[1], seconds));
            if (withChromium) {
                runs.add(chromium(browser, size[0], size[1], seconds));
            }
        }
        System.out.println();
        System.out.println("| pipeline                     | size      | fps    | p50     | p95     | CPU      |");
        System.out.println("|------------------------------|-----------|--------|---------|---------|----------|");
        runs.forEach(r -> System.out.println(r.row()));
        for (int i = 0; withChromium && i < runs.size(); i += 2) {
            System.out.printf(java.util.Locale.ROOT, "CPU ratio at %dx%d (ours / Chromium): %.2f%n",
                    runs.get(i).width(), runs.get(i).height(), runs.get(i).cpuPercent() / runs.get(i + 1).cpuPercent());
        }
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }

    private static PageRun ours(BrowserFixture browser, int w, int h, int seconds) throws Exception {
        return ours(browser, w, h, seconds, "Callsafe (Java capture)", () -> { });
    }

    /**
     * One run of our pipeline: the page asks for the camera, {@code inPrompt} does what a person does in the
     * prompt before Allow (the MJPEG benchmark picks its file there), then Allow.
     */
    static PageRun ours(BrowserFixture browser, int w, int h, int seconds, String label, Runnable inPrompt)
            throws Exception {
        BrowserTab tab = browser.open(PageRun.benchPage(browser));
        browser.closeAllBut(tab);
        CompletableFuture<String> result = tab.evaluate(
                "bench.run({video: {width: {exact: " + w + "}, height: {exact: " + h + "}, frameRate: 30}}, "
                        + seconds + ", true)", false);
        inPrompt.run();
        browser.clickNamed("consent.allow");
        PageRun.awaitWarmup(PageRun.WARMUP_SECONDS); // benchmark pacing: the page skips its warm-up; not a test
        long pid = ProcessHandle.current().pid();
        java.util.Map<Long, Double> before = ProcessTreeCpu.byProcess(pid);
        double cpu0 = ProcessTreeCpu.cpuSeconds(pid);
        announceMeasuring(before.keySet());
        long t0 = System.nanoTime();
        JsonObject page = JsonParser.parseString(result.get(seconds + PageRun.WARMUP_SECONDS + 60L, TimeUnit.SECONDS)).getAsJsonObject();
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpu = (ProcessTreeCpu.cpuSeconds(pid) - cpu0) / wall * 100;
        ProcessTreeCpu.byProcess(pid).forEach((proc, secs) -> {
            double d = (secs - before.getOrDefault(proc, 0.0)) / wall * 100;
            if (d >= 0.5) {
                System.out.printf(java.util.Locale.ROOT, "    %-8d %-40s %5.1f %%%n", proc, ProcessTreeCpu.kind(proc), d);
            }
        });
        PageRun run = PageRun.of(label, page, cpu);
        System.out.println(run.row());
        return run;
    }

    /** For scripts/profile-*.sh (with {@code -Dbench.profile=true}): the processes to profile, as the measuring window opens. */
    static void announceMeasuring(java.util.Collection<Long> pids) {
        if (Boolean.getBoolean("bench.profile")) {
            System.out.println("MEASURING " + pids.stream().map(String::valueOf)
                    .collect(java.util.stream.Collectors.joining(",")));
            System.out.flush();
        }
    }

    private static PageRun chromium(BrowserFixture browser, int w, int h, int seconds) throws Exception {
        return chromium(browser, w, h, seconds, "Chromium (fake camera)", null);
    }

    /** One run of Chromium's own capture in the bare CEF comparator; {@code file}: its file capture instead. */
    static PageRun chromium(BrowserFixture browser, int w, int h, int seconds, String label, java.nio.file.Path file)
            throws Exception {
        String cp = System.getProperty("java.class.path");
        List<String> cmd = new ArrayList<>(List.of(NativePipelineRunner.javaBinary().toString(), "-cp", cp,
                NativePipelineRunner.class.getName(), PageRun.benchPage(browser),
                Integer.toString(w), Integer.toString(h), Integer.toString(seconds)));
        if (file != null) {
            cmd.add(file.toAbsolutePath().toString());
        }
        Process child = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String line;
        JsonObject page = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            while ((line = out.readLine()) != null) {
                if (line.startsWith("RESULT ")) {
                    page = JsonParser.parseString(line.substring(7)).getAsJsonObject();
                }
            }
        }
        child.waitFor(30, TimeUnit.SECONDS);
        if (page == null) {
            throw new IllegalStateException("the Chromium pipeline run printed no result");
        }
        PageRun run = PageRun.of(label, page, page.get("cpuPercent").getAsDouble());
        System.out.println(run.row());
        return run;
    }
}
