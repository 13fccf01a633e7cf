package dev.callsafe.browser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Logger;
import java.util.stream.Stream;

import javax.swing.SwingUtilities;

import org.cef.CefClient;

import dev.callsafe.browser.cef.CefRuntime;
import dev.callsafe.browser.cef.EngineWebRtcPolicy;
import dev.callsafe.browser.cef.PageBridge;
import dev.callsafe.browser.plugin.PluginHost;
import dev.callsafe.browser.shell.BrowserWindow;
import dev.callsafe.browser.shell.DesktopTheme;
import dev.callsafe.browser.shell.TabEvents;

/** The running browser: Chromium, the plugins and the window, wired together. */
public final class Browser {
    private static final Logger LOG = Logger.getLogger(Browser.class.getName());

    private final LaunchOptions options;
    private final PluginHost plugins;
    private final BrowserWindow window;
    private final CountDownLatch closed = new CountDownLatch(1);

    private Browser(LaunchOptions options, PluginHost plugins, BrowserWindow window) {
        this.options = options;
        this.plugins = plugins;
        this.window = window;
    }

    /** Starts the browser and shows its window with one tab on the options' URL. */
    public static Browser launch(LaunchOptions options) throws Exception {
        Files.createDirectories(options.profile());
        CefRuntime runtime = CefRuntime.start(options.profile());
        PageBridge bridge = new PageBridge();
        EngineWebRtcPolicy webRtcPolicy = new EngineWebRtcPolicy();
        Browser[] holder = new Browser[1];
        SwingUtilities.invokeAndWait(() -> {
            DesktopTheme.install();
            CefClient client = runtime.app().createClient();
            client.addMessageRouter(bridge.createRouter());
            BrowserWindow[] w = new BrowserWindow[1];
            PluginHost plugins = new PluginHost(options.profile(), bridge, runtime.schemes(),
                    () -> w[0] == null ? java.util.List.of() : w[0].tabs(), webRtcPolicy);
            plugins.startAll();
            w[0] = new BrowserWindow(client, plugins, () -> holder[0].shutdown(client));
            plugins.setSelectedTab(() -> w[0].current());
            bridge.onFrameSeen(w[0]::frameSeen);
            TabEvents.attach(client, w[0], plugins);
            holder[0] = new Browser(options, plugins, w[0]);
            w[0].setVisible(true);
        });
        runtime.awaitReady();
        SwingUtilities.invokeAndWait(() -> {
            webRtcPolicy.contextReady(); // before the first tab, so no page starts under last session's policy
            holder[0].window.openTab(options.url());
        });
        return holder[0];
    }

    private void shutdown(CefClient client) {
        plugins.stopAll();
        client.dispose();
        if (options.temporaryProfile()) {
            deleteQuietly(options.profile());
        }
        closed.countDown();
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.warning("could not delete temporary profile " + dir + ": " + e.getMessage());
        }
    }

    public BrowserWindow window() {
        return window;
    }

    public PluginHost plugins() {
        return plugins;
    }

    public LaunchOptions options() {
        return options;
    }

    /** Blocks until the window is closed. */
    public void awaitClosed() throws InterruptedException {
        closed.await();
    }
}
