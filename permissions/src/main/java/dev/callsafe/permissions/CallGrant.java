package dev.callsafe.permissions;

import java.util.Set;

/**
 * A live per-call grant as the chrome shows it: the document ({@code callId}, the tab and frame), the origin
 * it is stored under, the kinds the person allowed for this call and whether they allowed it only while its
 * media goes to pinned peers.
 */
public record CallGrant(String callId, Origin origin, Set<MediaKind> kinds, boolean pinnedPeersOnly) {
    public CallGrant {
        kinds = Set.copyOf(kinds);
    }

    /** A grant without the pinned-peers restriction. */
    public CallGrant(String callId, Origin origin, Set<MediaKind> kinds) {
        this(callId, origin, kinds, false);
    }
}
