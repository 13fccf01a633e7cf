package dev.callsafe.permissions;

/** What the user did with a prompt. A dismissal is not a block. */
public enum ConsentAnswer {
    /** Allow for this call only. */
    ALLOW_ONCE,
    /** Refuse this call. */
    BLOCK,
    /** Refuse and remember: a persistent block for the origin. */
    BLOCK_ALWAYS,
    /** Closed without a choice; several in a row put the origin under embargo. */
    DISMISS;

    /** The decision this answer makes for the call that prompted. */
    public Decision toDecision() {
        switch (this) {
            case ALLOW_ONCE: return Decision.because(Decision.Reason.USER_ALLOWED);
            case BLOCK: case BLOCK_ALWAYS: return Decision.because(Decision.Reason.USER_BLOCKED);
            default: return Decision.because(Decision.Reason.USER_DISMISSED);
        }
    }
}
