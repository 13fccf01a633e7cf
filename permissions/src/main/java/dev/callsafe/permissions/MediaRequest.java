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
 * @param policy what the engine's permissions policy says about the requesting frame for these kinds
 * @param callId the requesting document's identity (one call lasts as long as its document), or null
 */
public record MediaRequest(Origin requester, Origin topLevel, Set<MediaKind> kinds, FramePolicy policy,
                           String callId) {
    public MediaRequest {
        Objects.requireNonNull(requester, "requester");
        Objects.requireNonNull(topLevel, "topLevel");
        Objects.requireNonNull(policy, "policy");
        if (kinds == null || kinds.isEmpty()) {
            throw new IllegalArgumentException("a media request needs at least one kind");
        }
        kinds = Set.copyOf(EnumSet.copyOf(kinds));
    }

    /**
     * A request whose frame's policy is known: {@code delegated} says whether a cross-origin frame's
     * embedders delegated the kinds; a same-origin frame's own policy is taken as allowing them.
     */
    public MediaRequest(Origin requester, Origin topLevel, Set<MediaKind> kinds, boolean delegated, String callId) {
        this(requester, topLevel, kinds, delegated || requester.equals(topLevel) ? FramePolicy.ALLOWS
                : FramePolicy.REFUSES, callId);
    }

    public MediaRequest(Origin requester, Origin topLevel, Set<MediaKind> kinds, boolean delegated) {
        this(requester, topLevel, kinds, delegated, null);
    }

    /** Whether a cross-origin frame was delegated every kind (allow=); false for a same-origin frame. */
    public boolean delegated() {
        return isCrossOrigin() && policy == FramePolicy.ALLOWS;
    }

    /** The same request for other kinds (the frame's policy answer must cover them). */
    public MediaRequest withKinds(Set<MediaKind> other) {
        return new MediaRequest(requester, topLevel, other, policy, callId);
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
