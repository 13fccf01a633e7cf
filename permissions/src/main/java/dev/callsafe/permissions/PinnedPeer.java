package dev.callsafe.permissions;

/**
 * A peer the person vouched for on a site ("this is Alice"): its certificate fingerprint and the name they gave.
 *
 * @param name what the person called the peer (at most {@link #MAX_NAME} characters)
 * @param algorithm the fingerprint's hash algorithm
 * @param fingerprint the fingerprint's value
 * @param since ISO instant the pin was made
 */
public record PinnedPeer(String name, String algorithm, String fingerprint, String since) {
    /** Longest name kept. */
    public static final int MAX_NAME = 64;

    /** The pinned certificate fingerprint (throws for a damaged entry). */
    public PeerFingerprint peerFingerprint() {
        return new PeerFingerprint(algorithm, fingerprint);
    }

    /** Whether this pin is for that certificate. */
    public boolean matches(PeerFingerprint f) {
        return f != null && peerFingerprint().equals(f);
    }
}
