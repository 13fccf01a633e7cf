package dev.callsafe.browser.bench;

import com.google.gson.JsonObject;

/** One measured run: what the page saw and what the processes spent. */
record PageRun(String pipeline, int width, int height, double fps, Double p50, Double p95, double cpuPercent) {
    static PageRun of(String pipeline, JsonObject page, double cpuPercent) {
        return new PageRun(pipeline, page.get("width").getAsInt(), page.get("height").getAsInt(),
                page.get("fps").getAsDouble(), page.get("p50").isJsonNull() ? null : page.get("p50").getAsDouble(),
                page.get("p95").isJsonNull() ? null : page.get("p95").getAsDouble(), cpuPercent);
    }

    String row() {
        return String.format(java.util.Locale.ROOT, "| %-28s | %4dx%-4d | %6.1f | %7s | %7s | %6.0f %% |",
                pipeline, width, height, fps, p50 == null ? "n/a" : String.format("%.0f ms", p50),
                p95 == null ? "n/a" : String.format("%.0f ms", p95), cpuPercent);
    }
}
