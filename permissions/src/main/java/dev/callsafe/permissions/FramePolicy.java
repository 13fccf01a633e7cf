package dev.callsafe.permissions;

/**
 * What the engine's permissions policy says about the requesting frame for every kind asked: the effect of
 * its embedders' {@code allow=} (delegation, for a cross-origin frame) and of the page's own policy
 * ({@code Permissions-Policy} header, {@code allow="camera 'none'"}).
 */
public enum FramePolicy {
    /** The engine allows every kind asked in this frame. */
    ALLOWS,
    /** The engine refuses at least one kind asked in this frame. */
    REFUSES,
    /**
     * The engine could not say (lookup timed out, frame gone or not found) or reported another origin than
     * the browser derived: nothing is known about the frame, so nothing is allowed (fail closed).
     */
    UNVERIFIED
}
