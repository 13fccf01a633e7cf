package dev.callsafe.permissions;

import java.util.Set;

/**
 * A live per-call grant as the chrome shows it: the document ({@code callId}, the tab and frame), the origin
 * it is stored under and the kinds the person allowed for this call.
 */
public record CallGrant(String callId, Origin origin, Set<MediaKind> kinds) {
    public CallGrant {
        kinds = Set.copyOf(kinds);
    }
}
