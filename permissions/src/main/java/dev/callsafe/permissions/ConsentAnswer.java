package dev.callsafe.permissions;

/** What the user did with a prompt. A dismissal is not a block. */
public enum ConsentAnswer {
    /** Allow for this call only. */
    ALLOW_ONCE,
    /**
     * Allow for this call only, and only while its captured media goes to peers pinned for the site: the
     * browser ends the call's tracks when one is sent on a connection to any other certificate.
     */
    ALLOW_ONCE_PINNED_PEERS,
    /** Refuse this call. */
    BLOCK,
    /** Refuse and remember: a persistent block for the origin. */
    BLOCK_ALWAYS,
    /** Closed without a choice; several in a row put the origin under embargo. */
    DISMISS;

    /** The decision this answer makes for the call that prompted. */
    public Decision toDecision() {
        switch (this) {
            case ALLOW_ONCE: case ALLOW_ONCE_PINNED_PEERS: return Decision.because(Decision.Reason.USER_ALLOWED);
            case BLOCK: case BLOCK_ALWAYS: return Decision.because(Decision.Reason.USER_BLOCKED);
            default: return Decision.because(Decision.Reason.USER_DISMISSED);
        }
    }
}
