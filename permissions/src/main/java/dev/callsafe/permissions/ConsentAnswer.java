package dev.callsafe.permissions;

/** What the user did with a prompt. A dismissal is not a block. */
public enum ConsentAnswer {
    ALLOW_ONCE,
    BLOCK,
    DISMISS;

    /** The decision this answer makes for the call that prompted. */
    public Decision toDecision() {
        switch (this) {
            case ALLOW_ONCE: return Decision.because(Decision.Reason.USER_ALLOWED);
            case BLOCK: return Decision.because(Decision.Reason.USER_BLOCKED);
            default: return Decision.because(Decision.Reason.USER_DISMISSED);
        }
    }
}
