package dev.callsafe.browser.bench;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.swing.JFrame;
import javax.swing.SwingUtilities;

import org.cef.CefApp;
import org.cef.CefClient;
import org.cef.browser.CefBrowser;
import org.cef.handler.CefLoadHandlerAdapter;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import dev.callsafe.browser.cef.DevTools;
import me.friwi.jcefmaven.CefAppBuilder;
import me.friwi.jcefmaven.MavenCefAppHandlerAdapter;

/**
 * Benchmark-only child process: a bare CEF (same Chromium build as the browser) whose own capture
 * pipeline runs on Chromium's fake camera (or a file given as the fifth argument), auto-granted. It exists
 * to be compared against; the product never starts Chromium this way. Prints one JSON line: the page's figures and this process
 * tree's CPU.
 */
public final class NativePipelineRunner {

    private NativePipelineRunner() {
    }

    public static void main(String[] args) {
        try {
            measure(args);
        } catch (Throwable t) {
            // a capture Chromium never starts (a picker waiting for a person) ends the run with a reason
            System.out.println("FAILED " + t);
            System.out.flush();
            Runtime.getRuntime().halt(0);
        }
    }

    private static void measure(String[] args) throws Exception {
        String url = args[0];
        // Chromium's tab capture: the page animates and captures its own tab (picking another tab by title,
        // --auto-select-tab-capture-source-by-title, never started a capture in CEF: timed out after 60 s)
        boolean thisTab = args[1].equals("thistab");
        boolean display = thisTab || args[1].equals("display"); // Chromium's getDisplayMedia, not its camera
        int width = display ? 0 : Integer.parseInt(args[1]);
        int height = display ? 0 : Integer.parseInt(args[2]);
        int seconds = Integer.parseInt(args[3]);
        Path profile = Files.createTempDirectory("callsafe-bench-native-");
        CefAppBuilder builder = new CefAppBuilder();
        builder.setInstallDir(Path.of(System.getProperty("user.home"), ".cache", "callsafe", "jcef-146.0.10").toFile());
        builder.getCefSettings().root_cache_path = profile.toString();
        builder.getCefSettings().log_severity = org.cef.CefSettings.LogSeverity.LOGSEVERITY_DISABLE;
        if ("root".equals(System.getProperty("user.name"))) {
            builder.addJcefArgs("--no-sandbox");
        }
        builder.addJcefArgs("--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream=fps=30",
                "--disable-background-networking", thisTab ? "--auto-accept-this-tab-capture"
                        : "--auto-select-desktop-capture-source=Entire screen");
        if (args.length > 4) {
            // a looped file as the camera (an .mjpeg file: every JPEG decoded, as Chromium's V4L2 path does)
            builder.addJcefArgs("--use-file-for-fake-video-capture=" + args[4]);
        }
        builder.setAppHandler(new MavenCefAppHandlerAdapter() { });
        CefApp app = builder.build();
        CompletableFuture<CefBrowser> loaded = new CompletableFuture<>();
        SwingUtilities.invokeAndWait(() -> {
            CefClient client = app.createClient();
            client.addLoadHandler(new CefLoadHandlerAdapter() {
                @Override
                public void onLoadingStateChange(CefBrowser b, boolean loading, boolean back, boolean fwd) {
                    if (!loading && b.getURL().startsWith("http") && b.getURL().contains("/bench.html")) {
                        loaded.complete(b);
                    }
                }
            });
            CefBrowser browser = client.createBrowser(url, false, false);
            JFrame frame = new JFrame("native pipeline");
            frame.getContentPane().add(browser.getUIComponent());
            frame.setSize(1200, 760);
            frame.setVisible(true);
        });
        // CEF asks for its work itself (JCEF's default handler); the same 33 ms fallback as the product's pump
        javax.swing.Timer pump = new javax.swing.Timer(33, e -> app.doMessageLoopWork(0));
        pump.start();
        CefBrowser browser = loaded.get(60, TimeUnit.SECONDS);
        String js = thisTab ? "bench.runTab(" + seconds + ")" : display ? "bench.runDisplay(" + seconds + ")"
                : "bench.run({video: {width: {exact: " + width + "}, height: {exact: " + height
                + "}, frameRate: 30}}, " + seconds + ", false)";
        JsonObject p = new JsonObject();
        p.addProperty("expression", js);
        p.addProperty("awaitPromise", true);
        p.addProperty("returnByValue", true);
        p.addProperty("userGesture", true); // getDisplayMedia needs user activation
        long pid = ProcessHandle.current().pid();
        // CPU over the page's measuring window only: start it, skip its warm-up, then measure.
        CompletableFuture<String> result = DevTools.call(browser.getDevToolsClient(), "Runtime.evaluate", p.toString());
        PageRun.awaitWarmup(PageRun.warmupOf(url)); // the page's own warm-up plus start-up; the page times its own window
        double cpu0 = ProcessTreeCpu.cpuSeconds(pid);
        long t0 = System.nanoTime();
        String r = result.get(seconds + PageRun.warmupOf(url) + 60L, TimeUnit.SECONDS);
        double cpu = (ProcessTreeCpu.cpuSeconds(pid) - cpu0) / ((System.nanoTime() - t0) / 1e9) * 100;
        JsonObject answer = JsonParser.parseString(r).getAsJsonObject();
        if (answer.has("exceptionDetails")) {
            JsonObject ex = answer.getAsJsonObject("exceptionDetails");
            System.out.println("FAILED " + (ex.has("exception") && ex.getAsJsonObject("exception").has("description")
                    ? ex.getAsJsonObject("exception").get("description").getAsString().split("\n")[0]
                    : ex.get("text").getAsString()));
            System.out.flush();
            Runtime.getRuntime().halt(0);
        }
        JsonObject page = answer.getAsJsonObject("result").getAsJsonObject("value");
        page.addProperty("cpuPercent", cpu);
        System.out.println("RESULT " + page);
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }

    static File javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toFile();
    }
}
