package dev.callsafe.browser.bench;

import java.util.Locale;

import dev.callsafe.browser.BrowserFixture;
import dev.callsafe.browser.shell.BrowserTab;

/**
 * How the page is embedded (windowed CEF child window, or off-screen rendering painted by the browser):
 * CPU of the whole browser (all processes) on a still page and on a page repainting 1280x720 at 30 fps,
 * and the paint rate the page reaches. One mode per JVM (CEF starts once per process): the script runs it
 * with {@code -Dcallsafe.osr=false} and {@code true}. Prints one Markdown row per page.
 *
 * <p>Run with {@code scripts/bench-embedding.sh [seconds]}.
 */
public final class EmbeddingBenchmark {
    private EmbeddingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        String mode = Boolean.parseBoolean(System.getProperty("callsafe.osr", "true")) ? "off-screen" : "windowed";
        BrowserFixture browser = BrowserFixture.get();
        for (String page : new String[] {"/target.html", "/video720.html"}) {
            BrowserTab tab = browser.open(browser.pages().url(page));
            browser.closeAllBut(tab);
            Thread.sleep(2000); // benchmark settling: let the first paints pass; not a test
            long pid = ProcessHandle.current().pid();
            java.util.concurrent.atomic.AtomicLong paints = new java.util.concurrent.atomic.AtomicLong();
            var render = tab.browser().getRenderHandler(); // off-screen only: each paint Chromium hands over
            if (render != null) {
                render.addOnPaintListener(e -> paints.incrementAndGet());
            }
            double frames0 = browser.eval(tab, "window.frames30 || 0").getAsDouble();
            double cpu0 = ProcessTreeCpu.cpuSeconds(pid);
            long t0 = System.nanoTime();
            Thread.sleep(seconds * 1000L);
            double cpu1 = ProcessTreeCpu.cpuSeconds(pid);
            double wall = (System.nanoTime() - t0) / 1e9;
            double frames = browser.eval(tab, "window.frames30 || 0").getAsDouble() - frames0;
            String paintRate = render == null ? "n/a" : String.format(Locale.ROOT, "%.1f", paints.get() / wall);
            System.out.printf(Locale.ROOT, "| %-10s | %-14s | %5.1f %% | %5.1f | %s |%n", mode, page.substring(1),
                    100 * (cpu1 - cpu0) / wall, frames / wall, paintRate);
        }
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }
}
