package dev.callsafe.browser.bench;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;

import dev.callsafe.browser.BrowserFixture;
import dev.callsafe.browser.Wait;
import dev.callsafe.browser.cef.Frames;
import dev.callsafe.browser.shell.BrowserTab;
import dev.callsafe.plugins.spi.FrameRef;

/**
 * What asking Chromium for a frame's permissions policy costs: the engine lookup alone
 * ({@code Tab.engineFrame}) and {@code permissions.query} as the page sees it, for a same-origin frame
 * (no lookup), an in-process cross-origin iframe, an out-of-process one and a nested out-of-process one.
 * Prints a Markdown table. Run with {@code scripts/bench-delegation.sh [rounds]}.
 */
public final class DelegationBenchmark {
    private DelegationBenchmark() {
    }

    public static void main(String[] args) {
        try {
            run(args.length > 0 ? Integer.parseInt(args[0]) : 200);
        } catch (Throwable t) {
            t.printStackTrace();
            Runtime.getRuntime().halt(1); // CEF's threads would keep the JVM alive
        }
        Runtime.getRuntime().halt(0);
    }

    private static void run(int rounds) throws Exception {
        BrowserFixture browser = BrowserFixture.get();
        BrowserTab tab = browser.freshTab("/call.html");
        String localhost = "http://localhost:" + browser.pages().port();
        String[][] cases = {
            {"same-origin iframe", browser.pages().url("/call.html"), null},
            {"same-site other port (in-process)", browser.pages().otherPort("/call.html"), null},
            {"cross-site (out-of-process)", browser.pages().otherOrigin("/call.html"), null},
            {"nested out-of-process", localhost + "/delegate.html?src=" + enc(browser.pages().otherPort("/call.html"))
                    + "&allow=" + enc("camera; microphone"), browser.pages().otherPort("/call.html")},
        };
        List<String> rows = new ArrayList<>();
        for (String[] c : cases) {
            browser.navigate(tab, browser.pages().url("/delegate.html?src=" + enc(c[1]) + "&allow="
                    + enc("camera; microphone")));
            boolean nested = c[2] != null;
            String probe = nested ? c[2] : c[1];
            Wait.until("frame loaded", Duration.ofSeconds(15), () -> browser.eval(tab, inFrame(nested,
                    "document.readyState === 'complete' && !!window.probe")).getAsBoolean());
            FrameRef frame = frameAt(browser, tab, probe);
            List<Double> engine = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                long t0 = System.nanoTime();
                tab.engineFrame(frame).get(10, TimeUnit.SECONDS);
                engine.add((System.nanoTime() - t0) / 1e6);
            }
            String loop = "(async () => { const t = []; for (let i = 0; i < " + rounds + "; i++) {"
                    + " const a = performance.now(); await navigator.permissions.query({name: 'camera'});"
                    + " t.push(performance.now() - a); } return t; })()";
            JsonElement page = browser.eval(tab, inFrame(nested, loop));
            List<Double> query = new ArrayList<>();
            page.getAsJsonArray().forEach(e -> query.add(e.getAsDouble()));
            rows.add(String.format(Locale.ROOT, "| %-38s | %7.1f ms | %7.1f ms | %7.1f ms | %7.1f ms |", c[0],
                    pct(engine, 50), pct(engine, 95), pct(query, 50), pct(query, 95)));
        }
        System.out.println();
        System.out.println("| frame                                  | lookup p50 | lookup p95 | query p50  | query p95  |");
        System.out.println("|----------------------------------------|------------|------------|------------|------------|");
        rows.forEach(System.out::println);
        System.out.flush();
    }

    /** The expression that evaluates {@code expr} in the first iframe, or in the first iframe's first iframe. */
    private static String inFrame(boolean nested, String expr) {
        String e = nested ? "probe.inChild(" + new JsonPrimitive(expr) + ")" : expr;
        return "probe.inChild(" + new JsonPrimitive(e) + ")";
    }

    private static FrameRef frameAt(BrowserFixture browser, BrowserTab tab, String url) {
        return Wait.value("CEF frame " + url, Duration.ofSeconds(10), () -> {
            for (String id : tab.browser().getFrameIdentifiers()) {
                var f = tab.browser().getFrameByIdentifier(id);
                if (f != null && url.equals(f.getURL())) {
                    return Frames.of(tab.browser(), f);
                }
            }
            return null;
        }, f -> f != null);
    }

    private static double pct(List<Double> values, int p) {
        List<Double> s = new ArrayList<>(values);
        Collections.sort(s);
        return s.get(Math.min(s.size() - 1, (int) Math.ceil(p / 100.0 * s.size()) - 1));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
