package dev.callsafe.browser.bench;

import com.google.gson.JsonObject;

/** One measured run: what the page saw and what the processes spent. */
record PageRun(String pipeline, int width, int height, double fps, Double p50, Double p95, double cpuPercent) {
    static PageRun of(String pipeline, JsonObject page, double cpuPercent) {
        return new PageRun(pipeline, page.get("width").getAsInt(), page.get("height").getAsInt(),
                page.get("fps").getAsDouble(), page.get("p50").isJsonNull() ? null : page.get("p50").getAsDouble(),
                page.get("p95").isJsonNull() ? null : page.get("p95").getAsDouble(), cpuPercent);
    }

    /**
     * Seconds the bench page reads and drops frames before it measures ({@code -Dbench.warmup}, default 1): the
     * start-up is left out, and with a long warm-up also the JIT's compiling, for a call's steady state.
     */
    static final int WARMUP_SECONDS = Integer.getInteger("bench.warmup", 1);

    /** The bench page with this run's warm-up in its query (the comparator's process reads it there). */
    static String benchPage(dev.callsafe.browser.BrowserFixture browser) {
        return browser.pages().url("/bench.html") + "?warmup=" + WARMUP_SECONDS;
    }

    /** The warm-up in a bench page's address. */
    static int warmupOf(String url) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("[?&]warmup=(\\d+)").matcher(url);
        return m.find() ? Integer.parseInt(m.group(1)) : 1;
    }

    /** Waits out a bench page's warm-up of {@code seconds} and its start (benchmark pacing, not a test's wait). */
    static void awaitWarmup(int seconds) throws InterruptedException {
        Thread.sleep(seconds * 1000L + 500);
    }

    String row() {
        return String.format(java.util.Locale.ROOT, "| %-28s | %4dx%-4d | %6.1f | %7s | %7s | %6.0f %% |",
                pipeline, width, height, fps, p50 == null ? "n/a" : String.format("%.0f ms", p50),
                p95 == null ? "n/a" : String.format("%.0f ms", p95), cpuPercent);
    }
}
