package dev.callsafe.browser.bench;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.swing.JFileChooser;

import dev.callsafe.browser.BrowserFixture;
import dev.callsafe.browser.Wait;
import dev.callsafe.capture.device.SampleFiles;

/**
 * The MJPEG camera benchmark (issue 12): a webcam that delivers MJPEG, simulated by looping an MJPEG file of
 * FFmpeg's {@code testsrc2} (raw concatenated JPEGs, 30 fps, a few seconds). Ours: the file chosen with "Use a
 * file instead…" in the prompt, its JPEGs passed through to the page and decoded there. Chromium's: the same
 * file through {@code --use-file-for-fake-video-capture}, which decodes every JPEG in the capture as its V4L2
 * path does, in the bare CEF comparator. At 1280x720 and 1920x1080. Prints a Markdown table and the CPU ratio.
 *
 * <p>Run with {@code scripts/bench-mjpeg.sh [seconds]}; with {@code
 * CALLSAFE_BENCH_JAVA_OPTS=-Dcallsafe.mjpegPassThrough=false} ours decodes every JPEG in Java and sends I420
 * (the path before the pass-through).
 */
public final class MjpegBenchmark {
    private MjpegBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        try {
            run(args);
        } catch (Throwable t) {
            t.printStackTrace();
            System.out.println("FAILED " + t);
            System.out.flush();
            Runtime.getRuntime().halt(1);
        }
    }

    private static void run(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int[][] sizes = java.util.Arrays.stream(System.getProperty("bench.sizes", "1280x720,1920x1080").split(","))
                .map(s -> java.util.Arrays.stream(s.split("x")).mapToInt(Integer::parseInt).toArray())
                .toArray(int[][]::new);
        Path dir = Files.createTempDirectory("callsafe-bench-mjpeg-");
        BrowserFixture browser = BrowserFixture.get();
        List<PageRun[]> pairs = new ArrayList<>();
        for (int[] size : sizes) {
            int w = size[0];
            int h = size[1];
            Path file = SampleFiles.mjpeg(dir, "testsrc2-" + w + "x" + h + ".mjpeg", w, h, 90);
            System.out.printf(java.util.Locale.ROOT, "file %s: %d bytes, %d bytes a frame%n", file.getFileName(),
                    Files.size(file), Files.size(file) / 90);
            long jpeg0 = browser.media().cameraJpegFramesSent();
            long raw0 = browser.media().cameraI420FramesSent();
            PageRun ours = CameraBenchmark.ours(browser, w, h, seconds, "Callsafe (MJPEG file)",
                    () -> chooseFile(browser, file, w, h));
            System.out.printf("    frames sent as JPEG %d, as I420 %d%n",
                    browser.media().cameraJpegFramesSent() - jpeg0, browser.media().cameraI420FramesSent() - raw0);
            if (!Boolean.parseBoolean(System.getProperty("bench.chromium", "true"))) {
                continue; // scripts/profile-mjpeg.sh: ours only
            }
            PageRun chromium = CameraBenchmark.chromium(browser, w, h, seconds, "Chromium (MJPEG file)", file);
            pairs.add(new PageRun[] {ours, chromium});
        }
        System.out.println();
        System.out.println("| pipeline                     | size      | fps    | p50     | p95     | CPU      |");
        System.out.println("|------------------------------|-----------|--------|---------|---------|----------|");
        pairs.forEach(p -> {
            System.out.println(p[0].row());
            System.out.println(p[1].row());
        });
        for (PageRun[] p : pairs) {
            System.out.printf(java.util.Locale.ROOT, "CPU ratio at %dx%d (ours / Chromium): %.2f%n",
                    p[0].width(), p[0].height(), p[0].cpuPercent() / p[1].cpuPercent());
        }
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }

    /** What a person does: "Use a file instead…", the file in the file dialog, then sees it chosen. */
    private static void chooseFile(BrowserFixture browser, Path file, int w, int h) {
        browser.clickNamed("consent.camera.file");
        JFileChooser chooser = (JFileChooser) browser.awaitShowing("consent.file.chooser");
        BrowserFixture.onEdt(() -> {
            chooser.setSelectedFile(new File(file.toString()));
            chooser.approveSelection();
        });
        browser.awaitGone("consent.file.chooser");
        String want = "File: " + file.getFileName() + " (video, " + w + "x" + h + ")";
        javax.swing.JComboBox<?> box = (javax.swing.JComboBox<?>) browser.awaitShowing("consent.camera");
        try {
            Wait.until("file chosen", Duration.ofSeconds(120), () -> {
                var chosen = new java.util.concurrent.atomic.AtomicReference<String>();
                BrowserFixture.onEdt(() -> chosen.set(String.valueOf(box.getSelectedItem())));
                return chosen.get().startsWith(want);
            });
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; the prompt says: " + browser.text("consent.file.message"), e);
        }
    }
}
