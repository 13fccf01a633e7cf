package dev.callsafe.permissions;

/**
 * The engine's answer to a request, with the reason, so that logs, tests and the site-information
 * popup can all say why.
 */
public record Decision(Outcome outcome, Reason reason) {
    /** What happens next. */
    public enum Outcome { GRANT, DENY, ASK }

    /** Why; each reason maps to exactly one outcome. */
    public enum Reason {
        INSECURE_ORIGIN(Outcome.DENY),
        NOT_DELEGATED(Outcome.DENY),
        /** A remembered block for the origin (site settings or "remember" in the prompt). */
        STORED_BLOCK(Outcome.DENY),
        /** Quiet period after repeated dismissals: refused without a prompt. */
        EMBARGOED(Outcome.DENY),
        USER_BLOCKED(Outcome.DENY),
        USER_DISMISSED(Outcome.DENY),
        USER_ALLOWED(Outcome.GRANT),
        /** The install-style Application Permission covers this request. */
        APPLICATION_PERMISSION(Outcome.GRANT),
        /** The same call (document) was already granted these kinds and still has live tracks. */
        LIVE_CALL_GRANT(Outcome.GRANT),
        NO_DECISION_YET(Outcome.ASK);

        private final Outcome outcome;

        Reason(Outcome outcome) { this.outcome = outcome; }

        public Outcome outcome() { return outcome; }
    }

    public static Decision because(Reason reason) {
        return new Decision(reason.outcome(), reason);
    }

    public boolean isGranted() { return outcome == Outcome.GRANT; }
}
