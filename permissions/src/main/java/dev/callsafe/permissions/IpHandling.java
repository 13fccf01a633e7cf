package dev.callsafe.permissions;

import java.util.Optional;

/**
 * What WebRTC may reveal of the person's addresses (seed 002: ICE gathering leaks local and public addresses).
 */
public enum IpHandling {
    /** The engine's own behaviour: host candidates carry mDNS names ({@code *.local}), not addresses. */
    DEFAULT("default"),
    /** Only relay (TURN) candidates are gathered and signalled: peers see the relay's address, never ours. */
    RELAY_ONLY("relay-only");

    private final String stored;

    IpHandling(String stored) {
        this.stored = stored;
    }

    /** The name written to the profile and sent to the page script. */
    public String stored() {
        return stored;
    }

    /** The value a stored name means; empty for anything else (a newer version's value, damage). */
    public static Optional<IpHandling> parse(String stored) {
        for (IpHandling h : values()) {
            if (h.stored.equals(stored)) {
                return Optional.of(h);
            }
        }
        return Optional.empty();
    }

    /** The stricter of two: relay only wins. */
    public IpHandling strictest(IpHandling other) {
        return this == RELAY_ONLY || other == RELAY_ONLY ? RELAY_ONLY : DEFAULT;
    }
}
