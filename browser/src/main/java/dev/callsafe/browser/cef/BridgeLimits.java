package dev.callsafe.browser.cef;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

import com.google.gson.JsonObject;

/**
 * Size and rate limits of page messages, per frame. Messages are handled on the thread that also runs the
 * chrome (Stop buttons included), so a page must not be able to keep it busy: a frame gets a burst of
 * {@link #BURST} messages and then {@link #PER_SECOND} a second (a token bucket); beyond that, and for any
 * message over {@link #MAX_MESSAGE_CHARS}, the page gets a {@code QuotaExceededError} naming the limit.
 */
final class BridgeLimits {
    static final int MAX_MESSAGE_CHARS = 64 * 1024;
    static final int BURST = 40;
    static final int PER_SECOND = 20;
    /** Frames remembered; a forgotten frame starts again with a full burst, which bounds nothing away. */
    private static final int FRAMES_KEPT = 1024;
    private static final long NANOS_PER_TOKEN = 1_000_000_000L / PER_SECOND;

    private final LongSupplier nanoClock;
    private final Map<String, long[]> buckets = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, long[]> eldest) {
            return size() > FRAMES_KEPT;
        }
    };

    BridgeLimits() {
        this(System::nanoTime);
    }

    BridgeLimits(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** The error (a DOMException's JSON) for a message a frame may not send now, or empty when it may. */
    synchronized Optional<String> refusal(String frameKey, int messageChars) {
        long now = nanoClock.getAsLong();
        // bucket: {tokens, time of the last refill}
        long[] b = buckets.computeIfAbsent(frameKey, k -> new long[] {BURST, now});
        long earned = (now - b[1]) / NANOS_PER_TOKEN;
        if (earned > 0) {
            b[0] = Math.min(BURST, b[0] + earned);
            b[1] = b[0] == BURST ? now : b[1] + earned * NANOS_PER_TOKEN;
        }
        if (b[0] == 0) {
            return Optional.of(error("more than " + PER_SECOND + " messages a second (burst " + BURST
                    + ") from this frame to the browser"));
        }
        b[0]--;
        if (messageChars > MAX_MESSAGE_CHARS) {
            return Optional.of(error("a message of " + messageChars + " characters is over the limit of "
                    + MAX_MESSAGE_CHARS));
        }
        return Optional.empty();
    }

    private static String error(String message) {
        JsonObject o = new JsonObject();
        o.addProperty("name", "QuotaExceededError");
        o.addProperty("message", "Callsafe bridge limit: " + message);
        return o.toString();
    }
}
