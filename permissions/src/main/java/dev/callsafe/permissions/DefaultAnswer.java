package dev.callsafe.permissions;

/** What the browser answers, by default, a site that has no per-site setting for a kind. */
public enum DefaultAnswer {
    /** The prompt (or picker) asks the person: the ordinary case. */
    ASK,
    /** Refused without a prompt, as a remembered per-site block is. */
    BLOCK
}
