package dev.callsafe.browser.cef;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import org.cef.CefApp;
import org.cef.callback.CefSchemeRegistrar;

import me.friwi.jcefmaven.CefAppBuilder;
import me.friwi.jcefmaven.MavenCefAppHandlerAdapter;

/**
 * Starts Chromium (once per process, as CEF allows) with the browser's schemes. Chromium's own media
 * permission stays unanswered, so its native capture is denied; nothing here grants media.
 */
public final class CefRuntime {
    private static final Logger LOG = Logger.getLogger(CefRuntime.class.getName());
    private static CefRuntime instance;

    private final CefApp app;
    private final SchemeRouter schemes;

    private static final int PUMP_INTERVAL_MS = 33;
    private final CountDownLatch ready;
    private javax.swing.Timer pump;
    private static final EnginePump ENGINE_PUMP = new EnginePump();
    private final Path profile;

    private CefRuntime(CefApp app, SchemeRouter schemes, CountDownLatch ready, Path profile) {
        this.app = app;
        this.schemes = schemes;
        this.ready = ready;
        this.profile = profile;
    }

    /** Starts CEF for a profile, or returns the running instance (CEF cannot restart in one process). */
    public static synchronized CefRuntime start(Path profile) throws Exception {
        if (instance != null) {
            return instance;
        }
        SchemeRouter schemes = new SchemeRouter();
        CountDownLatch ready = new CountDownLatch(1);
        CefAppBuilder builder = new CefAppBuilder();
        builder.setInstallDir(installDir());
        // Chromium comes from the natives artifact on the class path, or ready unpacked in an installed package;
        // never from the network (jcefmaven's fallback mirrors are cleared, so a missing engine fails instead).
        builder.setMirrors(List.of());
        // An installed package carries the engine unpacked in a read-only directory: use it as it is.
        boolean bundled = Boolean.getBoolean("callsafe.engineBundled");
        if (bundled && !new File(installDir(), "libjcef.so").isFile()) {
            throw new IllegalStateException("Chromium's engine is missing from the installed package: expected "
                    + installDir() + "/libjcef.so; reinstall Callsafe");
        }
        builder.setSkipInstallation(bundled);
        builder.setProgressHandler((state, percent) -> LOG.fine(() -> "CEF " + state + " " + percent));
        builder.getCefSettings().windowless_rendering_enabled = true;
        builder.getCefSettings().root_cache_path = profile.resolve("engine").toAbsolutePath().toString();
        builder.getCefSettings().cache_path = profile.resolve("engine").resolve("default").toAbsolutePath().toString();
        builder.getCefSettings().log_severity = org.cef.CefSettings.LogSeverity.LOGSEVERITY_ERROR;
        builder.getCefSettings().log_file = profile.resolve("engine.log").toAbsolutePath().toString();
        builder.addJcefArgs(engineArgs().toArray(new String[0]));
        builder.setAppHandler(new MavenCefAppHandlerAdapter() {
            @Override
            public void onRegisterCustomSchemes(CefSchemeRegistrar registrar) {
                // standard, not local, not display-isolated, secure, CORS-enabled, CSP-bypassing, fetch-enabled
                registrar.addCustomScheme(InternalPages.SCHEME, true, false, false, true, true, false, true);
                registrar.addCustomScheme(SchemeRouter.STREAM_SCHEME, true, false, false, true, true, true, true);
            }

            @Override
            public void onScheduleMessagePumpWork(long delayMs) {
                ENGINE_PUMP.schedule(delayMs); // coalesced, behind the person's input (see EnginePump)
            }

            @Override
            public void onContextInitialized() {
                // Registering factories earlier crashes CEF (see docs/ARCHITECTURE.md).
                CefApp.getInstance().registerSchemeHandlerFactory(InternalPages.SCHEME, "", schemes);
                CefApp.getInstance().registerSchemeHandlerFactory(SchemeRouter.STREAM_SCHEME, "", schemes);
                ready.countDown();
            }
        });
        CefApp app = builder.build();
        instance = new CefRuntime(app, schemes, ready, profile);
        return instance;
    }

    /**
     * Waits until Chromium's context is up and the schemes are served. CEF initialises on the Swing thread
     * when the first client is created, so call this after {@code createClient()} and off the Swing thread.
     */
    public void awaitReady() throws InterruptedException {
        if (!ready.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("Chromium did not initialise within 60 s; see "
                    + profile.resolve("engine.log"));
        }
        startFallbackPump();
    }

    /**
     * CEF's external message pump runs only when CEF asks for it; a lost request stalls every callback
     * (DevTools answers, page messages) until some Swing event happens to pump again. CEF's own advice is
     * a fixed-interval fallback at 30 Hz (cefclient's {@code kMaxTimerDelay}); at 100 Hz, as before, the timer
     * and its pumps were 40 % of an idle browser's CPU (docs/BENCHMARKS.md). Busy work does not wait for it:
     * {@link EnginePump} asks again at once after an iteration that used CEF's whole slice.
     */
    private synchronized void startFallbackPump() {
        if (pump != null) {
            return;
        }
        pump = new javax.swing.Timer(PUMP_INTERVAL_MS, e -> {
            CefApp.CefAppState state = CefApp.getState();
            if (state != CefApp.CefAppState.SHUTTING_DOWN && state != CefApp.CefAppState.TERMINATED) {
                ENGINE_PUMP.schedule(0);
            }
        });
        pump.setCoalesce(true);
        pump.start();
    }

    /** Arguments for Chromium: no sandbox when root (Chromium refuses otherwise), quiet networking. */
    static List<String> engineArgs() {
        List<String> args = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) {
            args.add("--no-sandbox");
        }
        args.add("--disable-background-networking");
        args.add("--disable-component-update");
        args.add("--disable-sync");
        args.add("--no-first-run");
        // Extra engine switches, separated by '|' (a switch value may contain spaces).
        String extra = System.getProperty("callsafe.engineArgs", "");
        for (String a : extra.split("\\|")) {
            a = a.trim();
            if (a.isBlank()) {
                continue;
            }
            // Switches that make Chromium grant media without asking are refused, whoever passes them.
            if (a.contains("fake-ui-for-media") || a.startsWith("--auto-accept")) {
                throw new IllegalArgumentException(a + " grants media without asking and is refused");
            }
            args.add(a);
        }
        return args;
    }

    /**
     * Where Chromium's natives live: {@code callsafe.engineDir} (an installed package points it at its own
     * read-only copy), else unpacked from the class path into the user's cache on first start.
     */
    private static File installDir() {
        String dir = System.getProperty("callsafe.engineDir");
        if (dir != null) {
            return new File(dir);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "callsafe", "jcef-146.0.10").toFile();
    }

    public CefApp app() {
        return app;
    }

    public SchemeRouter schemes() {
        return schemes;
    }
}
