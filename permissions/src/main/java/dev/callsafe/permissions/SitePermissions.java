package dev.callsafe.permissions;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The one place media permission state lives and the consent rules are applied: per-call grants (held
 * while a call's document lives and has not gone quiet past {@link CallLimits}), the install-style Application Permission, persistent blocks, lapsing of
 * unused grants, embargo after repeated dismissals, and what {@code permissions.query} may say.
 *
 * <p>Checks run in a fixed order (see {@link #decide}) and every answer carries its reason. Thread-safe.
 */
public final class SitePermissions {
    /** Dismissals in a row after which an origin is put under embargo (Chrome uses 3). */
    public static final int EMBARGO_AFTER_DISMISSALS = 3;
    /** How long an embargo lasts (Chrome uses 7 days). */
    public static final Duration EMBARGO = Duration.ofDays(7);
    /** Default time after which an unused Application Permission lapses. */
    public static final Duration DEFAULT_LAPSE = Duration.ofDays(90);

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Clock clock;
    private final Duration lapseAfter;
    private final ConsentPolicy policy;
    private final Map<Origin, Site> sites = new HashMap<>();
    private final CallGrants calls = new CallGrants();
    private final Supplier<CallLimits> limits;
    private final ConsentDefaults defaults;
    private final List<Consumer<Origin>> listeners = new CopyOnWriteArrayList<>();
    private IpHandling ipHandlingDefault = IpHandling.DEFAULT;

    /** Mutable per-origin state. */
    private static final class Site {
        final Map<MediaKind, SiteSnapshot.StoredPermission> stored = new EnumMap<>(MediaKind.class);
        String deviceSalt;
        boolean everGranted;
        int dismissals;
        Instant embargoUntil;
        /** Pinned peers in the order they were pinned. */
        final List<PinnedPeer> pins = new ArrayList<>();
        /** WebRTC IP handling chosen for this origin; null follows the browser-wide default. */
        IpHandling ipHandling;

        /** Nothing is remembered but (possibly) the IP handling choice. */
        boolean onlyIpHandling() {
            return stored.isEmpty() && deviceSalt == null && !everGranted && dismissals == 0 && embargoUntil == null
                    && pins.isEmpty();
        }
    }

    /** Most peers pinned per site; pinning another forgets the oldest. */
    public static final int MAX_PINS = 32;

    /** Call limits come from {@link CallLimits#fromSystemProperties()}, read at each use. */
    public SitePermissions(Clock clock, Duration lapseAfter, Set<String> secureSchemes) {
        this(clock, lapseAfter, secureSchemes, CallLimits::fromSystemProperties);
    }

    public SitePermissions(Clock clock, Duration lapseAfter, Set<String> secureSchemes, Supplier<CallLimits> limits) {
        this(clock, lapseAfter, secureSchemes, limits, new ConsentDefaults());
    }

    /** @param defaults the browser-wide default answers, consulted for sites without a per-site setting */
    public SitePermissions(Clock clock, Duration lapseAfter, Set<String> secureSchemes, Supplier<CallLimits> limits,
                           ConsentDefaults defaults) {
        this.defaults = defaults;
        this.clock = clock;
        this.lapseAfter = lapseAfter;
        this.policy = new ConsentPolicy(secureSchemes);
        this.limits = limits;
    }

    /** Loads state from a snapshot (entries it cannot understand are skipped, never invented). */
    public synchronized void restore(PermissionSnapshot snapshot) {
        sites.clear();
        // A value this version does not know (a newer one's) is read as the stricter choice, never as Default.
        ipHandlingDefault = snapshot.ipHandlingDefault() == null ? IpHandling.DEFAULT
                : IpHandling.parse(snapshot.ipHandlingDefault()).orElse(IpHandling.RELAY_ONLY);
        snapshot.sites().forEach((key, s) -> {
            Origin origin = Origin.of(key);
            if (origin.isOpaque()) {
                return;
            }
            Site site = new Site();
            if (s.permissions() != null) {
                s.permissions().forEach((kind, p) -> {
                    try {
                        if (p != null && p.state() != null) {
                            Instant.parse(p.since()); // refuse unreadable dates now, not at first use
                            Instant.parse(p.lastUsed());
                            site.stored.put(MediaKind.valueOf(kind.toUpperCase(Locale.ROOT)), p);
                        }
                    } catch (IllegalArgumentException unknownKind) {
                        // a kind from a newer version: ignored here, rewritten without it
                    }
                });
            }
            site.deviceSalt = s.deviceSalt();
            site.everGranted = s.everGranted();
            site.dismissals = s.dismissals();
            site.embargoUntil = s.embargoUntil() == null ? null : Instant.parse(s.embargoUntil());
            if (s.pinnedPeers() != null) {
                for (PinnedPeer pin : s.pinnedPeers()) {
                    if (pin == null || pin.name() == null || pin.name().length() > PinnedPeer.MAX_NAME
                            || site.pins.size() >= MAX_PINS) {
                        continue; // a damaged pin is dropped, never turned into a different one
                    }
                    PeerFingerprint f = PeerFingerprint.parseOrNull(pin.algorithm(), pin.fingerprint());
                    if (f != null && pin.since() != null) {
                        Instant.parse(pin.since());
                        site.pins.add(new PinnedPeer(pin.name(), f.algorithm(), f.value(), pin.since()));
                    }
                }
            }
            site.ipHandling = s.ipHandling() == null ? null
                    : IpHandling.parse(s.ipHandling()).orElse(IpHandling.RELAY_ONLY);
            sites.put(origin, site);
        });
    }

    public synchronized PermissionSnapshot snapshot() {
        Map<String, SiteSnapshot> out = new TreeMap<>();
        sites.forEach((origin, site) -> {
            Map<String, SiteSnapshot.StoredPermission> perms = new TreeMap<>();
            site.stored.forEach((k, p) -> perms.put(k.name().toLowerCase(Locale.ROOT), p));
            out.put(origin.serialize(), new SiteSnapshot(perms, site.deviceSalt, site.everGranted, site.dismissals,
                    site.embargoUntil == null ? null : site.embargoUntil.toString(),
                    site.ipHandling == null ? null : site.ipHandling.stored(),
                    site.pins.isEmpty() ? null : List.copyOf(site.pins)));
        });
        return new PermissionSnapshot(PermissionSnapshot.SCHEMA, out,
                ipHandlingDefault == IpHandling.DEFAULT ? null : ipHandlingDefault.stored());
    }

    /** The browser-wide defaults this engine applies (Settings). */
    public ConsentDefaults defaults() {
        return defaults;
    }

    /**
     * Decides a request, in order: insecure origin, missing delegation, stored block, embargo, Application
     * Permission, a live grant of the same call, the browser-wide default (a kind set to Block and not allowed
     * for the site refuses), else ask.
     */
    public synchronized Decision decide(MediaRequest request) {
        Decision pre = policy.decide(request);
        if (pre.outcome() == Decision.Outcome.DENY) {
            return pre;
        }
        Origin origin = request.grantOrigin();
        Site site = live(origin);
        if (site != null) {
            for (MediaKind k : request.kinds()) {
                SiteSnapshot.StoredPermission p = site.stored.get(k);
                if (p != null && p.state() == PermissionState.BLOCK) {
                    return Decision.because(Decision.Reason.STORED_BLOCK);
                }
            }
            if (site.embargoUntil != null && clock.instant().isBefore(site.embargoUntil)) {
                return Decision.because(Decision.Reason.EMBARGOED);
            }
            boolean allAllowed = request.kinds().stream().allMatch(k -> site.stored.containsKey(k)
                    && site.stored.get(k).state() == PermissionState.ALLOW);
            if (allAllowed) {
                return Decision.because(Decision.Reason.APPLICATION_PERMISSION);
            }
        }
        // A grant past its limit may still be listed until the next expireCalls(): it no longer counts.
        if (request.callId() != null
                && calls.covers(request.callId(), origin, request.kinds(), clock.instant(), limits.get())) {
            return Decision.because(Decision.Reason.LIVE_CALL_GRANT);
        }
        for (MediaKind k : request.kinds()) {
            boolean siteAllows = site != null && site.stored.containsKey(k)
                    && site.stored.get(k).state() == PermissionState.ALLOW;
            if (!siteAllows && defaults.answer(k) == DefaultAnswer.BLOCK) {
                return Decision.because(Decision.Reason.DEFAULT_BLOCK);
            }
        }
        return Decision.because(Decision.Reason.NO_DECISION_YET);
    }

    /**
     * Decides a request once the devices it would use are known: a grant still asks when it would take a
     * device another origin holds ({@link Decision.Reason#TAKEOVER}) or replace, within the call, a file the
     * person sent instead of a device ({@link Decision.Reason#REPLACES_FILE}, live call grants only).
     */
    public synchronized Decision decide(MediaRequest request, DeviceUse use) {
        Decision d = decide(request);
        if (!d.isGranted()) {
            return d;
        }
        if (use.takesOver()) {
            return Decision.because(Decision.Reason.TAKEOVER);
        }
        if (use.replacesFile() && d.reason() == Decision.Reason.LIVE_CALL_GRANT) {
            return Decision.because(Decision.Reason.REPLACES_FILE);
        }
        return d;
    }

    /** Applies the user's answer to a prompt; the one place answers become state. */
    public void record(MediaRequest request, ConsentAnswer answer) {
        Origin origin = request.grantOrigin();
        synchronized (this) {
            Site site = siteFor(origin);
            switch (answer) {
                case ALLOW_ONCE:
                case ALLOW_ONCE_PINNED_PEERS:
                    site.dismissals = 0;
                    if (request.callId() != null) {
                        calls.allow(request.callId(), origin, request.kinds(), clock.instant(),
                                answer == ConsentAnswer.ALLOW_ONCE_PINNED_PEERS);
                    }
                    break;
                case BLOCK:
                    site.dismissals = 0;
                    break;
                case BLOCK_ALWAYS:
                    site.dismissals = 0;
                    request.kinds().forEach(k -> site.stored.put(k, stored(PermissionState.BLOCK)));
                    break;
                case DISMISS:
                    site.dismissals++;
                    if (site.dismissals >= EMBARGO_AFTER_DISMISSALS) {
                        site.embargoUntil = clock.instant().plus(EMBARGO);
                        site.dismissals = 0;
                    }
                    break;
                default:
                    throw new IllegalArgumentException(answer.toString());
            }
        }
        fire(origin);
    }

    /** A grant was used: capture started. Refreshes the lapse clock and remembers the success. */
    public void markUsed(Origin origin, Set<MediaKind> kinds) {
        synchronized (this) {
            Site site = siteFor(origin);
            site.everGranted = true;
            String now = clock.instant().toString();
            for (MediaKind k : kinds) {
                SiteSnapshot.StoredPermission p = site.stored.get(k);
                if (p != null && p.state() == PermissionState.ALLOW) {
                    site.stored.put(k, new SiteSnapshot.StoredPermission(p.state(), p.since(), now));
                }
            }
        }
        fire(origin);
    }

    /** The call (document) ended: the person pressed Stop, it navigated or its tab closed. */
    public void callEnded(String callId) {
        endCalls(callId::equals);
    }

    /** Ends every call whose id matches (Stop for a tab, a tab closed or its main document navigated). */
    public void endCalls(Predicate<String> which) {
        List<Origin> affected;
        synchronized (this) {
            affected = calls.end(which);
        }
        affected.stream().distinct().forEach(this::fire);
    }

    /**
     * The documents that hold at least one track now (camera, microphone or a share). A call's quiet period
     * starts when its document stops capturing; stopping tracks does not end the grant.
     */
    public void capturingCalls(Set<String> callIds) {
        synchronized (this) {
            calls.capturing(Set.copyOf(callIds), clock.instant());
        }
    }

    /**
     * The documents shown now (those of the selected tab). Calls past their limits end first, so a tab that
     * stayed in the background too long comes back without its grant; the others start counting.
     */
    public void documentsShown(Predicate<String> shown) {
        List<Origin> affected;
        synchronized (this) {
            affected = calls.expire(clock.instant(), limits.get());
            calls.shown(shown, clock.instant());
        }
        affected.stream().distinct().forEach(this::fire);
    }

    /** Ends the grants of calls quiet past their limits; the browser calls this periodically. */
    public void expireCalls() {
        List<Origin> affected;
        synchronized (this) {
            affected = calls.expire(clock.instant(), limits.get());
        }
        affected.stream().distinct().forEach(this::fire);
    }

    /** The live call grants of matching documents (the capture indicator's quiet state). */
    public synchronized List<CallGrant> callGrants(Predicate<String> which) {
        return calls.live(clock.instant(), limits.get()).stream().filter(c -> which.test(c.callId())).toList();
    }

    /** Grants the Application Permission; only the browser chrome's install flow may call this. */
    public void installApplication(Origin origin, Set<MediaKind> kinds) {
        synchronized (this) {
            Site site = siteFor(origin);
            site.embargoUntil = null;
            kinds.forEach(k -> site.stored.put(k, stored(PermissionState.ALLOW)));
        }
        fire(origin);
    }

    public void block(Origin origin, MediaKind kind) {
        synchronized (this) {
            siteFor(origin).stored.put(kind, stored(PermissionState.BLOCK));
            calls.drop(origin, kind);
        }
        fire(origin);
    }

    /** Forgets a remembered state and any live call grant for it: the next request asks again. */
    public void revoke(Origin origin, MediaKind kind) {
        synchronized (this) {
            Site site = sites.get(origin);
            if (site != null) {
                site.stored.remove(kind);
            }
            calls.drop(origin, kind);
        }
        fire(origin);
    }

    /**
     * Clears everything about an origin: permissions, call grants, success memory, embargo, device ids. Its
     * WebRTC IP handling choice stays: clearing data must not quietly loosen what the person chose to hide.
     */
    public void clearSiteData(Origin origin) {
        synchronized (this) {
            Site old = sites.remove(origin);
            if (old != null && old.ipHandling != null) {
                Site kept = new Site();
                kept.ipHandling = old.ipHandling;
                sites.put(origin, kept);
            }
            calls.dropOrigin(origin);
        }
        fire(origin);
    }

    /** Clears every origin's data ({@link #clearSiteData} for all of them): the Settings' "clear all". */
    public void clearAll() {
        List<Origin> cleared;
        synchronized (this) {
            cleared = new ArrayList<>(sites.keySet());
            for (CallGrant c : calls.live(clock.instant(), limits.get())) {
                cleared.add(c.origin());
            }
            sites.clear();
            cleared.forEach(calls::dropOrigin);
        }
        cleared.stream().distinct().forEach(this::fire);
    }

    /**
     * {@code permissions.query} for camera or microphone, following Firefox's one-time-permission model
     * (seed 004), derived from {@link #decide}: granted after an Application Permission or while a call of
     * the origin holds the kind; denied when the frame itself is refused (opaque origin, unverified frame,
     * not delegated, the page's own policy: the page's markup, nothing the user chose); denied when the user
     * blocked it, but read as prompt until the origin has had a successful getUserMedia (fingerprinting
     * mitigation); otherwise prompt.
     */
    public synchronized QueryState query(MediaRequest request) {
        Decision d = standing(request);
        if (d.isGranted()) {
            return QueryState.GRANTED;
        }
        if (d.outcome() == Decision.Outcome.DENY) {
            if (d.isFramesOwnRefusal()) {
                return QueryState.DENIED;
            }
            if (d.reason() == Decision.Reason.EMBARGOED) {
                return QueryState.PROMPT; // a quiet period, not a block: asking later may prompt again
            }
            Site site = live(request.grantOrigin());
            return site != null && site.everGranted ? QueryState.DENIED : QueryState.PROMPT;
        }
        return QueryState.PROMPT;
    }

    /**
     * Whether {@code enumerateDevices} may show a frame the ids and labels of its devices of the request's one
     * kind (Media Capture's "device information can be exposed"): granted under an Application Permission or
     * while a call of the top-level origin holds that kind; otherwise the page sees one blank entry per kind
     * (or none, when the frame's own policy refuses the kind). Derived from {@link #decide}, like {@link #query}.
     */
    public synchronized Decision revealsLabels(MediaRequest request) {
        return standing(request);
    }

    /**
     * {@link #decide} for a question about the origin rather than one call: a live grant of any call of the
     * grant origin counts (permission state and device information are per origin, grants per call).
     */
    private Decision standing(MediaRequest request) {
        if (request.kinds().size() != 1) {
            throw new IllegalArgumentException("asks about one kind");
        }
        Decision d = decide(request);
        if (d.outcome() != Decision.Outcome.ASK) {
            return d;
        }
        MediaKind kind = request.kinds().iterator().next();
        boolean liveCall = calls.holds(request.grantOrigin(), kind, clock.instant(), limits.get());
        return Decision.because(liveCall ? Decision.Reason.LIVE_CALL_GRANT : Decision.Reason.NO_DECISION_YET);
    }

    /** {@link #query(MediaRequest)} for a frame whose policy is known ({@code delegated}: allow= of a cross-origin frame). */
    public QueryState query(Origin requester, Origin topLevel, MediaKind kind, boolean delegated) {
        return query(new MediaRequest(requester, topLevel, Set.of(kind), delegated));
    }

    /** The origin's device-id salt, created on first use; clearing site data makes a new one. */
    public String deviceSalt(Origin origin) {
        String salt;
        boolean created = false;
        synchronized (this) {
            Site site = siteFor(origin);
            if (site.deviceSalt == null) {
                byte[] b = new byte[16];
                RANDOM.nextBytes(b);
                site.deviceSalt = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
                created = true;
            }
            salt = site.deviceSalt;
        }
        if (created) {
            fire(origin);
        }
        return salt;
    }

    /**
     * Pins a peer's certificate for a site under a name the person gave ("this is Alice"); pinning a pinned
     * certificate again renames it. Kept with the site's permissions and cleared with its site data.
     */
    public void pinPeer(Origin site, String name, PeerFingerprint fingerprint) {
        if (site.isOpaque()) {
            throw new IllegalArgumentException("an opaque origin has no pins");
        }
        String clean = name == null ? "" : name.strip();
        if (clean.isEmpty() || clean.length() > PinnedPeer.MAX_NAME) {
            throw new IllegalArgumentException("a pinned peer needs a name of 1 to " + PinnedPeer.MAX_NAME + " characters");
        }
        synchronized (this) {
            Site s = siteFor(site);
            s.pins.removeIf(p -> p.matches(fingerprint));
            if (s.pins.size() >= MAX_PINS) {
                s.pins.remove(0);
            }
            s.pins.add(new PinnedPeer(clean, fingerprint.algorithm(), fingerprint.value(), clock.instant().toString()));
        }
        fire(site);
    }

    /** Forgets a pinned peer of a site. */
    public void unpinPeer(Origin site, PeerFingerprint fingerprint) {
        boolean removed;
        synchronized (this) {
            Site s = sites.get(site);
            removed = s != null && s.pins.removeIf(p -> p.matches(fingerprint));
        }
        if (removed) {
            fire(site);
        }
    }

    /** The site's pinned peers, oldest first. */
    public synchronized List<PinnedPeer> pinnedPeers(Origin site) {
        Site s = sites.get(site);
        return s == null ? List.of() : List.copyOf(s.pins);
    }

    /** The pin for this certificate on the site, if the person pinned it. */
    public synchronized java.util.Optional<PinnedPeer> pinnedPeer(Origin site, PeerFingerprint fingerprint) {
        Site s = sites.get(site);
        return s == null || fingerprint == null ? java.util.Optional.empty()
                : s.pins.stream().filter(p -> p.matches(fingerprint)).findFirst();
    }

    /** One row of the site-settings list. */
    public record SiteEntry(Origin origin, MediaKind kind, PermissionState state, Instant since, Instant lastUsed,
                            boolean liveCall) {
    }

    /** Every origin's remembered states and live call grants, for site settings. */
    public synchronized List<SiteEntry> entries() {
        List<SiteEntry> out = new ArrayList<>();
        for (Origin origin : new ArrayList<>(sites.keySet())) {
            Site site = live(origin);
            if (site == null) {
                continue;
            }
            site.stored.forEach((k, p) -> out.add(new SiteEntry(origin, k, p.state(), Instant.parse(p.since()),
                    Instant.parse(p.lastUsed()), false)));
        }
        for (CallGrant c : calls.live(clock.instant(), limits.get())) {
            for (MediaKind k : c.kinds()) {
                out.add(new SiteEntry(c.origin(), k, null, null, null, true));
            }
        }
        out.sort(java.util.Comparator.comparing((SiteEntry e) -> e.origin().serialize()).thenComparing(SiteEntry::kind));
        return out;
    }

    /** The origin's own WebRTC IP handling choice; empty when it follows the browser-wide default. */
    public synchronized java.util.Optional<IpHandling> ipHandling(Origin origin) {
        Site site = sites.get(origin);
        return java.util.Optional.ofNullable(site == null ? null : site.ipHandling);
    }

    /** Sets an origin's WebRTC IP handling; {@code null} makes it follow the browser-wide default again. */
    public void setIpHandling(Origin origin, IpHandling handling) {
        if (origin.isOpaque()) {
            throw new IllegalArgumentException("an opaque origin has no settings");
        }
        synchronized (this) {
            if (handling == null) {
                Site site = sites.get(origin);
                if (site != null) {
                    site.ipHandling = null;
                    if (site.onlyIpHandling()) {
                        sites.remove(origin);
                    }
                }
            } else {
                siteFor(origin).ipHandling = handling;
            }
        }
        fire(origin);
    }

    /** The browser-wide WebRTC IP handling: what sites without their own choice get. */
    public synchronized IpHandling ipHandlingDefault() {
        return ipHandlingDefault;
    }

    /**
     * Sets the browser-wide WebRTC IP handling. Listeners hear an opaque origin: a change that concerns every
     * site (it is saved like any other).
     */
    public void setIpHandlingDefault(IpHandling handling) {
        synchronized (this) {
            ipHandlingDefault = java.util.Objects.requireNonNull(handling);
        }
        fire(Origin.opaque());
    }

    /**
     * The WebRTC IP handling for a frame's peer connections: the stricter of its own origin's and its tab's
     * top-level origin's (each its own choice or the browser-wide default), so a relay-only site covers every
     * frame it embeds and a relay-only origin is relay only wherever it is embedded. A frame the engine did
     * not vouch for, or whose origin is opaque, is relay only (fail closed).
     *
     * @param requester the frame's origin as the engine reports it
     * @param topLevel the origin of the frame's tab's main frame
     * @param verified whether the engine confirmed the frame's origin
     */
    public synchronized IpHandlingDecision decideIpHandling(Origin requester, Origin topLevel, boolean verified) {
        if (!verified || requester.isOpaque()) {
            return new IpHandlingDecision(IpHandling.RELAY_ONLY, IpHandlingDecision.Reason.UNVERIFIED_FRAME);
        }
        IpHandling own = ipHandling(requester).orElse(null);
        IpHandling top = topLevel.isOpaque() ? IpHandling.RELAY_ONLY
                : ipHandling(topLevel).orElse(ipHandlingDefault);
        IpHandling ownEffective = own == null ? ipHandlingDefault : own;
        IpHandling result = ownEffective.strictest(top);
        IpHandlingDecision.Reason reason;
        if (result == ownEffective) {
            reason = own != null ? IpHandlingDecision.Reason.SITE_SETTING
                    : result == top && !topLevel.equals(requester) && ipHandling(topLevel).isPresent()
                            ? IpHandlingDecision.Reason.TOP_LEVEL_SITE_SETTING
                            : IpHandlingDecision.Reason.BROWSER_DEFAULT;
        } else {
            reason = IpHandlingDecision.Reason.TOP_LEVEL_SITE_SETTING;
        }
        return new IpHandlingDecision(result, reason);
    }

    /**
     * Whether every frame of every site is relay only: the browser-wide setting is Relay only and no origin
     * chose Default. Only then may the engine's own profile-wide policy enforce it too.
     */
    public synchronized boolean relayOnlyEverywhere() {
        return ipHandlingDefault == IpHandling.RELAY_ONLY
                && sites.values().stream().noneMatch(s -> s.ipHandling == IpHandling.DEFAULT);
    }

    /** Every origin with its own WebRTC IP handling choice, for site settings. */
    public synchronized Map<Origin, IpHandling> ipHandlingChoices() {
        Map<Origin, IpHandling> out = new java.util.LinkedHashMap<>();
        sites.entrySet().stream().filter(e -> e.getValue().ipHandling != null)
                .sorted(java.util.Comparator.comparing(e -> e.getKey().serialize()))
                .forEach(e -> out.put(e.getKey(), e.getValue().ipHandling));
        return out;
    }

    /** Runs after every change, with the origin concerned (for change events, storage and the chrome). */
    public void addListener(Consumer<Origin> listener) {
        listeners.add(listener);
    }

    private void fire(Origin origin) {
        listeners.forEach(l -> l.accept(origin));
    }

    private Site siteFor(Origin origin) {
        Site site = live(origin);
        if (site == null) {
            site = new Site();
            sites.put(origin, site);
        }
        return site;
    }

    /** The origin's state with lapsed Application Permissions removed. */
    private Site live(Origin origin) {
        Site site = sites.get(origin);
        if (site == null) {
            return null;
        }
        Instant cutoff = clock.instant().minus(lapseAfter);
        site.stored.values().removeIf(p -> p.state() == PermissionState.ALLOW
                && Instant.parse(p.lastUsed()).isBefore(cutoff));
        if (site.embargoUntil != null && !clock.instant().isBefore(site.embargoUntil)) {
            site.embargoUntil = null;
        }
        return site;
    }

    private SiteSnapshot.StoredPermission stored(PermissionState state) {
        String now = clock.instant().toString();
        return new SiteSnapshot.StoredPermission(state, now, now);
    }
}
