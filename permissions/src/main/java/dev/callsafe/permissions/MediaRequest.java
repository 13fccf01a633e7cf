package dev.callsafe.permissions;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * One page's request for media, with the origins as the browser (never the page) reports them.
 *
 * @param requester the origin of the frame that called
 * @param topLevel the origin of the tab's main frame
 * @param kinds what is asked for; never empty
 * @param delegated whether the embedding iframe carries a matching {@code allow=} attribute
 * @param callId the requesting document's identity (one call lasts as long as its document), or null
 */
public record MediaRequest(Origin requester, Origin topLevel, Set<MediaKind> kinds, boolean delegated,
                           String callId) {
    public MediaRequest {
        Objects.requireNonNull(requester, "requester");
        Objects.requireNonNull(topLevel, "topLevel");
        if (kinds == null || kinds.isEmpty()) {
            throw new IllegalArgumentException("a media request needs at least one kind");
        }
        kinds = Set.copyOf(EnumSet.copyOf(kinds));
    }

    public MediaRequest(Origin requester, Origin topLevel, Set<MediaKind> kinds, boolean delegated) {
        this(requester, topLevel, kinds, delegated, null);
    }

    /**
     * The origin a grant for this request is stored under. Like Chrome and Firefox (permission
     * delegation), a delegated iframe's request is decided, stored and shown for the top-level origin.
     */
    public Origin grantOrigin() {
        return topLevel;
    }

    /** A request from a tab's main frame. */
    public static MediaRequest fromMainFrame(Origin origin, Set<MediaKind> kinds) {
        return new MediaRequest(origin, origin, kinds, false);
    }

    /** Whether the requesting frame is a different origin from the tab it is in. */
    public boolean isCrossOrigin() {
        return !requester.equals(topLevel);
    }
}
