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
        USER_BLOCKED(Outcome.DENY),
        USER_DISMISSED(Outcome.DENY),
        USER_ALLOWED(Outcome.GRANT),
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
