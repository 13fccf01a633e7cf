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
 * @param delegated whether the embedding iframe carries a matching {@code allow=display-capture}
 * @param userActivation whether the browser saw a real user activation in the tab
 */
public record DisplayRequest(Origin requester, Origin topLevel, Set<DisplaySource> wanted, OptionalInt tabId,
                             boolean delegated, boolean userActivation) {
    public DisplayRequest {
        Objects.requireNonNull(requester, "requester");
        Objects.requireNonNull(topLevel, "topLevel");
        Objects.requireNonNull(tabId, "tabId");
        if (wanted == null || wanted.isEmpty()) {
            throw new IllegalArgumentException("a display request needs at least one source");
        }
        wanted = Set.copyOf(EnumSet.copyOf(wanted));
    }

    /** The origin whose Application Permission and blocks apply (the top-level one, as for camera). */
    public Origin grantOrigin() {
        return topLevel;
    }
}
