package dev.callsafe.permissions;

import java.time.Duration;

/**
 * How long a per-call grant outlives its tracks: a document that held no track for {@code idle}, or whose
 * tab was in the background without capture for {@code background}, has ended its call.
 */
public record CallLimits(Duration idle, Duration background) {
    /** 30 minutes without a track; 5 minutes in the background without capture (as Chrome's "this time"). */
    public static final CallLimits DEFAULT = new CallLimits(Duration.ofMinutes(30), Duration.ofMinutes(5));
    /** System property (milliseconds) that shortens the idle limit, for tests. */
    public static final String IDLE_PROPERTY = "callsafe.callIdleLimitMs";
    /** System property (milliseconds) that shortens the background limit, for tests. */
    public static final String BACKGROUND_PROPERTY = "callsafe.callBackgroundLimitMs";

    /** The defaults, overridden by the system properties when set; read at each use so a test can change them. */
    public static CallLimits fromSystemProperties() {
        return new CallLimits(property(IDLE_PROPERTY, DEFAULT.idle()), property(BACKGROUND_PROPERTY, DEFAULT.background()));
    }

    private static Duration property(String name, Duration fallback) {
        String v = System.getProperty(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Duration.ofMillis(Long.parseLong(v.trim()));
        } catch (NumberFormatException e) {
            return fallback; // a malformed override must not end calls at once nor keep them forever
        }
    }
}
