package dev.callsafe.browser.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.swing.AbstractButton;

import com.google.gson.JsonObject;

import dev.callsafe.browser.BrowserFixture;
import dev.callsafe.browser.ClickTiming;
import dev.callsafe.browser.Wait;
import dev.callsafe.browser.shell.BrowserTab;

/**
 * The fuzzed bridge: a page ({@code fuzz.js}) sends generated messages over every channel, from its main
 * frame and then from iframes it keeps replacing (same-origin, srcdoc, cross-origin), while a person keeps
 * allowing the camera in the main frame and pressing Stop in the chrome. Figures: every message answered
 * (an error for each malformed one), no prompt the person did not cause, Stop's delay, and afterwards a real
 * request still asks. Run with {@code scripts/reliability-bridge-fuzz.sh [messages]}.
 */
public final class BridgeFuzz {
    /** Messages each iframe sends: a new frame's whole burst, so every one reaches the handlers. */
    static final int PER_FRAME = 40;

    /** What the run found. {@code page} is the page's own count of answers (see fuzz.js). */
    public record Figures(JsonObject page, List<Long> stopToAction, List<Long> stopToEnded, List<String> strayPrompts,
                          boolean promptAfter, boolean callAfter, long millis) {
        public int sent() {
            return page.get("sent").getAsInt();
        }

        public int hangs() {
            return page.get("pending").getAsInt();
        }

        /** Messages answered with success although malformed (each is listed in {@code page.wrongSuccess}). */
        public int wrongSuccesses() {
            return page.get("success").getAsInt();
        }

        public int realWrong() {
            return page.getAsJsonArray("realWrong").size();
        }

        @Override
        public String toString() {
            return String.format("messages %d (main frame + %d iframes) in %.1f s: answered with an error %d"
                            + " (refused by the bridge limits %d, thrown by callsafeQuery %d), answered with success %d,"
                            + " unanswered (hangs) %d; real requests %d, answered right %d; largest %d chars (%d over 64 KiB);"
                            + " prompts nobody asked for %d; Stop, the person's press/release to action (ms) %s, release to ended (ms) %s;"
                            + " afterwards a real request prompts: %s, and its call runs: %s; failure codes %s",
                    sent(), page.get("frames").getAsInt() - 1, millis / 1000.0,
                    page.get("failure").getAsInt() + page.get("threw").getAsInt(), page.get("quota").getAsInt(),
                    page.get("threw").getAsInt(), wrongSuccesses(), hangs(), page.get("real").getAsInt(),
                    page.get("realOk").getAsInt(), page.get("biggest").getAsInt(), page.get("over64k").getAsInt(),
                    strayPrompts.size(), stopToAction, stopToEnded, promptAfter, callAfter, page.get("codes"));
        }
    }

    private final BrowserFixture browser;
    private final BrowserTab tab;

    private BridgeFuzz(BrowserFixture browser, BrowserTab tab) {
        this.browser = browser;
        this.tab = tab;
    }

    public static void main(String[] args) {
        try {
            Figures f = run(BrowserFixture.get(), args.length > 0 ? Integer.parseInt(args[0]) : 10_000,
                    args.length > 1 ? Long.parseLong(args[1]) : System.nanoTime() & 0x7fffffff, Integer.MAX_VALUE);
            System.out.println(f);
            f.page().getAsJsonArray("wrongSuccess").forEach(e -> System.out.println("  success: " + e));
            f.page().getAsJsonArray("realWrong").forEach(e -> System.out.println("  real request: " + e));
            f.strayPrompts().forEach(e -> System.out.println("  a prompt while in flight: " + e));
        } catch (Throwable t) {
            t.printStackTrace();
            Runtime.getRuntime().halt(1); // CEF's threads would keep the JVM alive
        }
        Runtime.getRuntime().halt(0);
    }

    /**
     * Runs the fuzz with about {@code messages} messages (a tenth from the main frame), pressing Stop in
     * the chrome at most {@code stops} times during it.
     */
    public static Figures run(BrowserFixture browser, int messages, long seed, int stops) {
        try {
            return new BridgeFuzz(browser, browser.freshTab("/fuzz.html")).fuzz(messages, seed, stops);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Figures fuzz(int messages, long seed, int stops) {
        long start = System.nanoTime();
        int mainCount = messages / 10;
        int frames = (messages - mainCount + PER_FRAME - 1) / PER_FRAME;
        List<Long> toAction = new ArrayList<>();
        List<Long> toEnded = new ArrayList<>();
        List<String> stray = new ArrayList<>();

        allowCamera(); // a call before the fuzz starts: Stop is pressed while the main frame floods
        browser.eval(tab, "window.__fuzzResult = undefined; bridgeFuzz.drive({seed: " + seed + ", mainCount: " + mainCount
                + ", frames: " + frames + ", perFrame: " + PER_FRAME + ", crossOrigin: '"
                + browser.pages().otherOrigin("").replaceAll("/$", "") + "', deadlineMs: 30000})"
                + ".then((f) => { window.__fuzzResult = f; }, (e) => { window.__fuzzResult = {error: String(e)}; }), true");
        // Started, not only "main": on a fast or a loaded machine the main frame's part can be over before the
        // first look (it was, and the wait for "main" timed out); the iframes' part floods the bridge as well.
        Wait.until("the fuzz started", Duration.ofSeconds(30), () -> !phase().isEmpty());
        stop(toAction, toEnded);
        while (!phase().equals("done")) {
            if (!browser.showing("consent.prompt").isEmpty()) {
                // Nobody asked: a fuzz message got as far as a prompt. Note what was in flight, then the
                // person dismisses it so the fuzz goes on.
                stray.add(browser.eval(tab, "[...window.__fuzzInflight.values(), ...[...document.querySelectorAll('iframe')]"
                        + ".flatMap((f) => { try { return [...f.contentWindow.__fuzzInflight.values()]; } catch (e) { return []; } })]")
                        .toString());
                browser.clickNamed("consent.dismiss");
                continue;
            }
            if (toAction.size() < stops && phase().equals("frames") && allowCamera()) {
                stop(toAction, toEnded);
            }
        }
        JsonObject page = Wait.value("the page's figures", Duration.ofSeconds(60),
                () -> browser.eval(tab, "window.__fuzzResult || null"), r -> !r.isJsonNull()).getAsJsonObject();
        if (page.has("error")) {
            throw new IllegalStateException("the fuzz page failed: " + page.get("error"));
        }
        // Afterwards: the bridge still works and a real request still needs the person's consent.
        boolean prompted = ask();
        boolean call = prompted && allowAsked();
        if (call) {
            stop(new ArrayList<>(), new ArrayList<>());
        }
        return new Figures(page, toAction, toEnded, stray, prompted, call, (System.nanoTime() - start) / 1_000_000);
    }

    private String phase() {
        return browser.eval(tab, "window.__fuzzPhase || ''").getAsString();
    }

    /** Asks for the camera in the main frame (again while the bridge limit refuses), true once a prompt shows. */
    private boolean ask() {
        String ask = "window.__track = undefined; window.__endedAt = 0; window.__gumError = undefined;"
                + " navigator.mediaDevices.getUserMedia({video: true}).then((s) => {"
                + " window.__track = s.getVideoTracks()[0];"
                + " window.__track.addEventListener('ended', () => { window.__endedAt = Date.now(); }); },"
                + " (e) => { window.__gumError = e.name + ': ' + e.message; }), true";
        browser.eval(tab, ask);
        return Wait.value("a prompt", Duration.ofSeconds(30), () -> {
            if (!browser.showing("consent.allow").isEmpty()) {
                return Boolean.TRUE;
            }
            String error = browser.eval(tab, "window.__gumError || ''").getAsString();
            if (error.startsWith("QuotaExceededError")) {
                browser.eval(tab, ask);
                return null;
            }
            return error.isEmpty() ? null : Boolean.FALSE;
        }, r -> r != null);
    }

    private boolean allowCamera() {
        return ask() && allowAsked();
    }

    private boolean allowAsked() {
        browser.clickNamed("consent.allow"); // a person's click
        Wait.until("a live track", Duration.ofSeconds(30), () -> browser.eval(tab, "window.__track !== undefined"
                + " || window.__gumError !== undefined").getAsBoolean());
        return browser.eval(tab, "window.__track !== undefined").getAsBoolean();
    }

    /**
     * Presses Stop in the chrome's indicator; adds the browser's part (the larger of press to handled and
     * release to Stop's action, from the X server's stamps: {@link ClickTiming}) and release to the page's
     * ended (ms).
     */
    private void stop(List<Long> toAction, List<Long> toEnded) {
        AbstractButton stop = (AbstractButton) browser.awaitShowing("capture.indicator.stop");
        ClickTiming timing = ClickTiming.on(stop);
        browser.click(stop);
        long ended = Wait.value("ended fired", Duration.ofSeconds(60),
                () -> browser.eval(tab, "window.__endedAt").getAsLong(), t -> t > 0);
        Wait.until("Stop acted", Duration.ofSeconds(10), timing::acted);
        timing.detach();
        browser.awaitGone("capture.indicator.stop");
        toAction.add(Math.max(timing.pressToHandled(), timing.releaseToAction()));
        toEnded.add(ended - timing.releasedAt());
    }
}
