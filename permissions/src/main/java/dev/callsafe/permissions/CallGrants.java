package dev.callsafe.permissions;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The live per-call grants and their lifetime. A grant belongs to its document, not to its tracks: a meeting
 * turning the camera off and on keeps it. It ends explicitly (navigation, close, Stop, Reset, Block) or when
 * the call has gone quiet past a {@link CallLimits} limit. Not thread-safe: {@link SitePermissions} guards it.
 */
final class CallGrants {
    /** One document's grant and since when it has been quiet. */
    private static final class Grant {
        final Origin origin;
        final Set<MediaKind> kinds = EnumSet.noneOf(MediaKind.class);
        /** When the document last stopped capturing (or was granted). */
        Instant idleSince;
        /** When its tab went to the background; null while shown. */
        Instant backgroundSince;
        /** Media may go only to pinned peers; once set for a call it stays (the stricter answer wins). */
        boolean pinnedPeersOnly;

        Grant(Origin origin) {
            this.origin = origin;
        }
    }

    private final Map<String, Grant> grants = new HashMap<>();
    /** Documents holding at least one track now (kept apart from grants: tracks may start before a grant). */
    private final Set<String> capturing = new HashSet<>();
    private Predicate<String> shown = id -> true;

    /** The person allowed these kinds for this document: a new grant, or more kinds for the same call. */
    void allow(String callId, Origin origin, Set<MediaKind> kinds, Instant now, boolean pinnedPeersOnly) {
        Grant g = grants.get(callId);
        if (g == null || !g.origin.equals(origin)) {
            g = new Grant(origin);
            g.backgroundSince = shown.test(callId) ? null : now;
            grants.put(callId, g);
        }
        g.kinds.addAll(kinds);
        g.pinnedPeersOnly |= pinnedPeersOnly;
        g.idleSince = now; // the person's answer is activity: the quiet period starts again
    }

    boolean covers(String callId, Origin origin, Set<MediaKind> kinds, Instant now, CallLimits limits) {
        Grant g = grants.get(callId);
        return g != null && g.origin.equals(origin) && g.kinds.containsAll(kinds) && !expired(callId, g, now, limits);
    }

    /** Whether any live call of the origin holds the kind (null: any kind). */
    boolean holds(Origin origin, MediaKind kind, Instant now, CallLimits limits) {
        return grants.entrySet().stream().anyMatch(e -> e.getValue().origin.equals(origin)
                && (kind == null || e.getValue().kinds.contains(kind)) && !expired(e.getKey(), e.getValue(), now, limits));
    }

    /** Ends the grants of matching documents; returns their origins. */
    List<Origin> end(Predicate<String> which) {
        List<Origin> gone = new ArrayList<>();
        grants.entrySet().removeIf(e -> which.test(e.getKey()) && gone.add(e.getValue().origin));
        return gone;
    }

    /** Takes one kind away from every call of the origin (Reset, Block). */
    void drop(Origin origin, MediaKind kind) {
        for (Iterator<Grant> it = grants.values().iterator(); it.hasNext(); ) {
            Grant g = it.next();
            if (g.origin.equals(origin)) {
                g.kinds.remove(kind);
                if (g.kinds.isEmpty()) {
                    it.remove();
                }
            }
        }
    }

    void dropOrigin(Origin origin) {
        grants.values().removeIf(g -> g.origin.equals(origin));
    }

    /** Ends grants past their limits; returns their origins. */
    List<Origin> expire(Instant now, CallLimits limits) {
        return end(id -> expired(id, grants.get(id), now, limits));
    }

    /** The documents capturing now; those that just stopped start their quiet period. */
    void capturing(Set<String> callIds, Instant now) {
        for (String id : capturing) {
            Grant g = grants.get(id);
            if (!callIds.contains(id) && g != null) {
                g.idleSince = now;
            }
        }
        capturing.clear();
        capturing.addAll(callIds);
    }

    /** The documents shown now (the selected tab's); every other grant is in the background from now on. */
    void shown(Predicate<String> shownNow, Instant now) {
        shown = shownNow;
        grants.forEach((id, g) -> {
            if (shownNow.test(id)) {
                g.backgroundSince = null;
            } else if (g.backgroundSince == null) {
                g.backgroundSince = now;
            }
        });
    }

    List<CallGrant> live(Instant now, CallLimits limits) {
        List<CallGrant> out = new ArrayList<>();
        grants.forEach((id, g) -> {
            if (!expired(id, g, now, limits)) {
                out.add(new CallGrant(id, g.origin, g.kinds, g.pinnedPeersOnly));
            }
        });
        return out;
    }

    private boolean expired(String callId, Grant g, Instant now, CallLimits limits) {
        if (capturing.contains(callId)) {
            return false;
        }
        if (!Duration.between(g.idleSince, now).minus(limits.idle()).isNegative()) {
            return true;
        }
        if (g.backgroundSince == null) {
            return false;
        }
        Instant quietInBackground = g.backgroundSince.isAfter(g.idleSince) ? g.backgroundSince : g.idleSince;
        return !Duration.between(quietInBackground, now).minus(limits.background()).isNegative();
    }
}
