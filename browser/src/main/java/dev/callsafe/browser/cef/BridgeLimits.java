package dev.callsafe.browser.cef;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

import com.google.gson.JsonObject;

/**
 * Size and rate limits of page messages, per frame and per tab. Messages are handled on the thread that also
 * runs the chrome (Stop buttons included), so a page must not be able to keep it busy: a frame gets a burst
 * of {@link #BURST} messages and then {@link #PER_SECOND} a second (a token bucket), and all frames of a tab
 * together {@link #TAB_BURST} and {@link #TAB_PER_SECOND} a second (three frames at their own full rate), so
 * many iframes, or one iframe re-navigated into ever new frames, do not multiply the budget. Beyond either,
 * and for any message over {@link #MAX_MESSAGE_CHARS}, the page gets a {@code QuotaExceededError} naming the
 * limit.
 */
final class BridgeLimits {
    static final int MAX_MESSAGE_CHARS = 64 * 1024;
    static final int BURST = 40;
    static final int PER_SECOND = 20;
    static final int TAB_BURST = 3 * BURST;
    static final int TAB_PER_SECOND = 3 * PER_SECOND;
    /** Frames (and tabs) remembered; a forgotten one starts again with a full burst, which bounds nothing away. */
    private static final int KEPT = 1024;

    private final LongSupplier nanoClock;
    private final Map<String, Bucket> frames = lru();
    private final Map<String, Bucket> tabs = lru();

    BridgeLimits() {
        this(System::nanoTime);
    }

    BridgeLimits(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /**
     * The error (a DOMException's JSON) for a message a frame may not send now, or empty when it may. A
     * message refused by its frame's budget costs its tab nothing.
     */
    synchronized Optional<String> refusal(String tabKey, String frameKey, int messageChars) {
        long now = nanoClock.getAsLong();
        Bucket frame = frames.computeIfAbsent(tabKey + "/" + frameKey, k -> new Bucket(BURST, PER_SECOND, now));
        if (!frame.has(now)) {
            return Optional.of(error("more than " + PER_SECOND + " messages a second (burst " + BURST
                    + ") from this frame to the browser"));
        }
        Bucket tab = tabs.computeIfAbsent(tabKey, k -> new Bucket(TAB_BURST, TAB_PER_SECOND, now));
        if (!tab.has(now)) {
            return Optional.of(error("more than " + TAB_PER_SECOND + " messages a second (burst " + TAB_BURST
                    + ") from the frames of this tab to the browser"));
        }
        frame.take();
        tab.take();
        if (messageChars > MAX_MESSAGE_CHARS) {
            return Optional.of(error("a message of " + messageChars + " characters is over the limit of "
                    + MAX_MESSAGE_CHARS));
        }
        return Optional.empty();
    }

    /** A token bucket: {@code burst} tokens at most, one more every 1/{@code perSecond} s. */
    private static final class Bucket {
        private final int burst;
        private final long nanosPerToken;
        private long tokens;
        private long refilled;

        Bucket(int burst, int perSecond, long now) {
            this.burst = burst;
            this.nanosPerToken = 1_000_000_000L / perSecond;
            this.tokens = burst;
            this.refilled = now;
        }

        /** Whether a token is there now (refilling first). */
        boolean has(long now) {
            long earned = (now - refilled) / nanosPerToken;
            if (earned > 0) {
                tokens = Math.min(burst, tokens + earned);
                refilled = tokens == burst ? now : refilled + earned * nanosPerToken;
            }
            return tokens > 0;
        }

        void take() {
            tokens--;
        }
    }

    private static Map<String, Bucket> lru() {
        return new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > KEPT;
            }
        };
    }

    private static String error(String message) {
        JsonObject o = new JsonObject();
        o.addProperty("name", "QuotaExceededError");
        o.addProperty("message", "Callsafe bridge limit: " + message);
        return o.toString();
    }
}
