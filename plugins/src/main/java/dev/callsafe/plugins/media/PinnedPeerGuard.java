package dev.callsafe.plugins.media;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.IntPredicate;

import dev.callsafe.permissions.CallGrant;
import dev.callsafe.permissions.Origin;
import dev.callsafe.permissions.PeerFingerprint;
import dev.callsafe.permissions.PinnedPeer;
import dev.callsafe.permissions.SitePermissions;

/**
 * Cryptographic consent (seed 000, 4.1): checks where a tab's captured media goes against the peers pinned for
 * its site. While a tab captures and its site has pins (or its call was allowed only for pinned peers, or its
 * call privacy panel is open) it asks the tab's documents for a report every second; each report is checked
 * at once. A call allowed "only while connected to pinned peers" loses its tracks and its grant as soon as one
 * of its captured tracks is on a connection whose remote certificate is not pinned (or not reported while the
 * connection is up), when a document's reports cannot be relied on (a second subscription), or when the page
 * leaves the browser's question unanswered for {@link #SILENCE}.
 */
final class PinnedPeerGuard {
    static final Duration SILENCE = Duration.ofSeconds(3);

    /** What the indicator says about the peers of a tab's captured media. */
    record Status(Set<String> verified, boolean unpinned) {
        static final Status NONE = new Status(Set.of(), false);

        /** " · ✔ verified peer: Alice", " · ⚠ media goes to a peer that is not pinned", or "". */
        String text() {
            if (unpinned) {
                return " \u00B7 \u26A0 media goes to a peer that is not pinned for this site";
            }
            return verified.isEmpty() ? "" : " \u00B7 \u2714 verified peer: " + String.join(", ", verified);
        }
    }

    private final PeerConnections peers;
    private final LiveTracks tracks;
    private final SitePermissions permissions;
    private final BiConsumer<String, String> endCall;
    private final Set<Integer> watchedByPanel = ConcurrentHashMap.newKeySet();
    private final java.util.Map<Integer, Status> statuses = new ConcurrentHashMap<>();
    private final List<Runnable> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** @param endCall ends a call's tracks and grant (callId, why the person is told) */
    PinnedPeerGuard(PeerConnections peers, LiveTracks tracks, SitePermissions permissions,
                    BiConsumer<String, String> endCall) {
        this.peers = peers;
        this.tracks = tracks;
        this.permissions = permissions;
        this.endCall = endCall;
        peers.addListener(this::check);
    }

    /** The panel of this tab opened or closed: its reports are asked for while it is open. */
    void panelOpen(int tabId, boolean open) {
        if (open) {
            watchedByPanel.add(tabId);
            peers.request(tabId);
        } else {
            watchedByPanel.remove(tabId);
        }
    }

    /** Once a second: asks the tabs that need watching for reports, and checks the silent ones. */
    void tick() {
        Set<Integer> tabs = new LinkedHashSet<>(watchedByPanel);
        for (LiveTrack t : tracks.matching(t -> true)) {
            if (!permissions.pinnedPeers(t.owner().topLevelOrigin()).isEmpty() || pinnedOnly(callOf(t))) {
                tabs.add(t.owner().tabId());
            }
        }
        for (int tab : tabs) {
            peers.request(tab);
            if (peers.silentFor(tab, SILENCE)) {
                for (String call : pinnedOnlyCalls(tab)) {
                    endCall.accept(call, "the page did not let the browser check where its media goes");
                }
            }
        }
        // a tab no longer watched (capture ended, pins removed) says nothing about peers any more
        if (statuses.keySet().removeIf(tab -> !tabs.contains(tab))) {
            fire();
        }
    }

    /** What the indicator says for this tab now. */
    Status status(int tabId) {
        return statuses.getOrDefault(tabId, Status.NONE);
    }

    /** Hears of status changes (any thread). */
    void addListener(Runnable l) {
        listeners.add(l);
    }

    private void fire() {
        listeners.forEach(Runnable::run);
    }

    private static String callOf(LiveTrack t) {
        return UserMediaService.callId(t.owner());
    }

    private boolean pinnedOnly(String callId) {
        return permissions.callGrants(callId::equals).stream().anyMatch(CallGrant::pinnedPeersOnly);
    }

    private Set<String> pinnedOnlyCalls(int tabId) {
        Set<String> calls = new LinkedHashSet<>();
        for (LiveTrack t : tracks.matching(t -> t.owner().tabId() == tabId)) {
            if (pinnedOnly(callOf(t))) {
                calls.add(callOf(t));
            }
        }
        return calls;
    }

    /** A new report (or a contested subscription) for the tab: checks where its captured media goes. */
    void check(int tabId) {
        if (peers.contested(tabId)) {
            for (String call : pinnedOnlyCalls(tabId)) {
                endCall.accept(call, "the page interfered with the browser's view of its connections");
            }
        }
        Set<String> verified = new LinkedHashSet<>();
        boolean unpinned = false;
        boolean anyPins = false;
        for (PeerReport r : peers.reports(tabId)) {
            Origin site = r.frame().topLevelOrigin();
            anyPins |= !permissions.pinnedPeers(site).isEmpty();
            for (PeerReport.Connection c : r.connections()) {
                if (c.closed() || !c.sendsCapture()) {
                    continue;
                }
                PeerFingerprint remote = c.remoteCertificate();
                Optional<PinnedPeer> pin = permissions.pinnedPeer(site, remote);
                boolean up = remote != null || "connected".equals(c.state());
                if (pin.isPresent()) {
                    verified.add(pin.get().name());
                    continue;
                }
                if (!up) {
                    continue; // no media flows before DTLS has a peer certificate
                }
                unpinned = true;
                for (PeerReport.Media m : c.senders()) {
                    Optional<LiveTrack> t = m.token() == null ? Optional.empty() : tracks.get(m.token());
                    if (t.isPresent() && pinnedOnly(callOf(t.get()))) {
                        endCall.accept(callOf(t.get()), "its media was being sent to a peer that is not pinned for "
                                + site.display() + (c.safetyCode() == null ? "" : " (safety code " + c.safetyCode() + ")"));
                    }
                }
            }
        }
        Status s = anyPins ? new Status(Set.copyOf(verified), unpinned) : Status.NONE;
        if (!s.equals(statuses.put(tabId, s))) {
            fire();
        }
    }
}
