package dev.callsafe.permissions;

import java.util.EnumSet;
import java.util.Set;

/**
 * Seed 001's consent table for display capture, on top of {@link SitePermissions}' stored states:
 * <ul>
 * <li>browser (tab): needs the Application Permission and, without {@code tabId}, the user's choice of tab;
 * <li>application: needs the user's choice, and the choice can never be this browser;
 * <li>screen: needs the Application Permission and the user's choice; this browser's windows are masked.
 * </ul>
 * Checks run in a fixed order: opaque origin, insecure origin, unverified frame, missing delegation or the
 * page's own policy, user activation, stored block, embargo, the browser-wide default (Settings),
 * then the table. Display capture is never granted from memory of an earlier call: the Application
 * Permission (only the chrome's install flow grants it) allows asking, the user's choice allows sharing.
 */
public final class DisplayConsent {
    private final SitePermissions permissions;

    public DisplayConsent(SitePermissions permissions) {
        this.permissions = permissions;
    }

    public DisplayDecision decide(DisplayRequest request) {
        Set<DisplaySource> offered = EnumSet.noneOf(DisplaySource.class);
        boolean blocked = false;
        boolean embargoed = false;
        boolean blockedByDefault = false;
        for (DisplaySource source : request.wanted()) {
            Decision stored = permissions.decide(new MediaRequest(request.requester(), request.topLevel(),
                    Set.of(source.kind()), request.policy(), null));
            switch (stored.reason()) {
                case OPAQUE_ORIGIN:
                    return DisplayDecision.refused(DisplayDecision.Reason.OPAQUE_ORIGIN);
                case INSECURE_ORIGIN:
                    return DisplayDecision.refused(DisplayDecision.Reason.INSECURE_ORIGIN);
                case UNVERIFIED_FRAME:
                    return DisplayDecision.refused(DisplayDecision.Reason.UNVERIFIED_FRAME);
                case NOT_DELEGATED:
                    return DisplayDecision.refused(DisplayDecision.Reason.NOT_DELEGATED);
                case BLOCKED_BY_POLICY:
                    return DisplayDecision.refused(DisplayDecision.Reason.BLOCKED_BY_POLICY);
                case STORED_BLOCK:
                    blocked = true;
                    break;
                case DEFAULT_BLOCK:
                    blockedByDefault = true;
                    break;
                case EMBARGOED:
                    embargoed = true;
                    break;
                case APPLICATION_PERMISSION:
                    offered.add(source);
                    break;
                default:
                    if (source == DisplaySource.APPLICATION) {
                        offered.add(source);
                    }
            }
        }
        if (!request.userActivation()) {
            return DisplayDecision.refused(DisplayDecision.Reason.NO_USER_ACTIVATION);
        }
        if (embargoed) {
            return DisplayDecision.refused(DisplayDecision.Reason.EMBARGOED);
        }
        if (offered.isEmpty()) {
            return DisplayDecision.refused(blocked ? DisplayDecision.Reason.STORED_BLOCK
                    : blockedByDefault ? DisplayDecision.Reason.DEFAULT_BLOCK
                    : DisplayDecision.Reason.NEEDS_APPLICATION_PERMISSION);
        }
        if (request.wanted().equals(Set.of(DisplaySource.BROWSER)) && request.tabId().isPresent()) {
            return DisplayDecision.of(DisplayDecision.Reason.NAMED_TAB_WITH_APPLICATION_PERMISSION, offered);
        }
        return DisplayDecision.of(DisplayDecision.Reason.USER_CHOICE, offered);
    }

    /** Whether the user's chosen application may be shared: never this browser itself. */
    public static boolean mayShareApplication(boolean isThisBrowser) {
        return !isThisBrowser;
    }

    /** Whether a screen share must mask a window: every window of this browser is always masked. */
    public static boolean masksInScreenShare(boolean isThisBrowser) {
        return isThisBrowser;
    }
}
