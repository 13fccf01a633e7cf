package dev.callsafe.permissions;

/** A remembered choice for one origin and one kind; no entry means the user is asked. */
public enum PermissionState {
    /** The install-style Application Permission: granted without asking until revoked or lapsed. */
    ALLOW,
    /** A persistent block: refused without asking until the user changes it. */
    BLOCK
}
