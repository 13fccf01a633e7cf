package dev.callsafe.permissions;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One capture session in the history: which origin captured what, from which device or shared surface, from
 * when to when.
 *
 * @param id the session's own id
 * @param origin the origin of the frame that got the capture, as the engine reported it
 * @param topLevel the origin of the tab's page (the same as {@code origin} unless an embedded frame captured)
 * @param kind what was captured
 * @param source the device or shared surface as the person saw it named (a camera's label, "Tab: …")
 * @param start when capture started
 * @param end when it ended; empty while it runs, or when the browser stopped before it could say (a crash)
 * @param state which of those it is
 */
public record CaptureSession(String id, Origin origin, Origin topLevel, MediaKind kind, String source, Instant start,
                             Optional<Instant> end, State state) {
    /** Whether the session is running, ended, or ended at a time nobody recorded. */
    public enum State {
        ONGOING,
        ENDED,
        /** The browser stopped (crashed, was killed, lost power) while it ran: the end was never written. */
        END_UNKNOWN
    }

    /** How long it lasted; empty while ongoing or when the end is unknown. */
    public Optional<Duration> duration() {
        return end.map(e -> Duration.between(start, e));
    }

    /**
     * A session as the store keeps it (ISO instants; {@code ended} null while open).
     *
     * @param kind the kind's name in lower case
     */
    public record Stored(String id, String origin, String topLevel, String kind, String source, String started,
                         String ended) {
    }
}
