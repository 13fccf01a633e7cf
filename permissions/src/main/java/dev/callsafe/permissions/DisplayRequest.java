package dev.callsafe.permissions;

import java.util.EnumSet;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A page's request to share part of the display, with origins and user activation as the browser (never
 * the page) established them.
 *
 * @param requester the origin of the frame that called
 * @param topLevel the origin of the tab's main frame
 * @param wanted the sources the page accepts (all three for {@code getDisplayMedia}); never empty
 * @param tabId the tab the page named with {@code tabId}, if any (browser sharing only)
 * @param policy what the engine's permissions policy says about {@code display-capture} in the frame
 * @param userActivation whether the browser saw a real user activation in the tab
 */
public record DisplayRequest(Origin requester, Origin topLevel, Set<DisplaySource> wanted, OptionalInt tabId,
                             FramePolicy policy, boolean userActivation) {
    public DisplayRequest {
        Objects.requireNonNull(requester, "requester");
        Objects.requireNonNull(topLevel, "topLevel");
        Objects.requireNonNull(tabId, "tabId");
        Objects.requireNonNull(policy, "policy");
        if (wanted == null || wanted.isEmpty()) {
            throw new IllegalArgumentException("a display request needs at least one source");
        }
        wanted = Set.copyOf(EnumSet.copyOf(wanted));
    }

    /**
     * A request whose frame's policy is known: {@code delegated} says whether a cross-origin frame carries
     * {@code allow=display-capture}; a same-origin frame's own policy is taken as allowing it.
     */
    public DisplayRequest(Origin requester, Origin topLevel, Set<DisplaySource> wanted, OptionalInt tabId,
                          boolean delegated, boolean userActivation) {
        this(requester, topLevel, wanted, tabId, delegated || requester.equals(topLevel) ? FramePolicy.ALLOWS
                : FramePolicy.REFUSES, userActivation);
    }

    /** The origin whose Application Permission and blocks apply (the top-level one, as for camera). */
    public Origin grantOrigin() {
        return topLevel;
    }
}
