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
        /** The frame's origin is opaque (sandboxed without allow-same-origin, data:): no origin to ask for. */
        OPAQUE_ORIGIN(Outcome.DENY),
        INSECURE_ORIGIN(Outcome.DENY),
        /** The engine could not confirm the frame's origin and permissions policy: refused (fail closed). */
        UNVERIFIED_FRAME(Outcome.DENY),
        NOT_DELEGATED(Outcome.DENY),
        /** The frame's own permissions policy (the page's header, {@code allow="camera 'none'"}) refuses it. */
        BLOCKED_BY_POLICY(Outcome.DENY),
        /** A remembered block for the origin (site settings or "remember" in the prompt). */
        STORED_BLOCK(Outcome.DENY),
        /** The browser-wide default for the kind is Block and no per-site setting overrides it (Settings). */
        DEFAULT_BLOCK(Outcome.DENY),
        /** Quiet period after repeated dismissals: refused without a prompt. */
        EMBARGOED(Outcome.DENY),
        USER_BLOCKED(Outcome.DENY),
        USER_DISMISSED(Outcome.DENY),
        USER_ALLOWED(Outcome.GRANT),
        /** The install-style Application Permission covers this request. */
        APPLICATION_PERMISSION(Outcome.GRANT),
        /** The same call (document) was already granted these kinds and its grant is alive (see {@link CallLimits}). */
        LIVE_CALL_GRANT(Outcome.GRANT),
        NO_DECISION_YET(Outcome.ASK),
        /**
         * Granted, but a device the request would use is held by another origin: only the person may take it
         * over, so the prompt asks (its Allow reads "Take over").
         */
        TAKEOVER(Outcome.ASK),
        /**
         * Granted by the live call, but the person sent a file instead of a device for a kind in this call: a
         * real device never silently replaces it, so the prompt asks.
         */
        REPLACES_FILE(Outcome.ASK);

        private final Outcome outcome;

        Reason(Outcome outcome) { this.outcome = outcome; }

        public Outcome outcome() { return outcome; }
    }

    public static Decision because(Reason reason) {
        return new Decision(reason.outcome(), reason);
    }

    public boolean isGranted() { return outcome == Outcome.GRANT; }

    /**
     * Whether the refusal comes from the frame itself (its origin, its embedders' or its page's policy),
     * which the page knows anyway, rather than from the user's choices, which {@code permissions.query}
     * must not reveal before the origin once succeeded (seed 004).
     */
    public boolean isFramesOwnRefusal() {
        switch (reason) {
            case OPAQUE_ORIGIN: case UNVERIFIED_FRAME: case NOT_DELEGATED: case BLOCKED_BY_POLICY:
                return true;
            default:
                return false;
        }
    }
}
