package dev.callsafe.permissions;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every capture session (camera, microphone, screen, application, tab) with origin, device or surface, start
 * and end, modelled on the iOS App Privacy Report. A session is recorded when it starts and closed when it ends,
 * so one the browser never closed (it crashed mid-call) stays, with its end unknown. Bounded: sessions that
 * started more than {@link #KEEP} ago are dropped, and beyond {@link #MAX_SESSIONS} the oldest go first (a
 * running one is never dropped). Thread-safe.
 */
public final class CaptureHistory {
    /** How long a session is kept after it started. */
    public static final Duration KEEP = Duration.ofDays(90);
    /** At most this many sessions are kept (about 200 bytes each in the store). */
    public static final int MAX_SESSIONS = 1000;

    private final Clock clock;
    /** Oldest first. */
    private final List<Entry> entries = new ArrayList<>();
    /** Sessions begun by this run and not yet ended: the others without an end were cut off. */
    private final Set<String> running = new HashSet<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    private static final class Entry {
        final String id;
        final Origin origin;
        final Origin topLevel;
        final MediaKind kind;
        final String source;
        final Instant start;
        Instant end;

        Entry(String id, Origin origin, Origin topLevel, MediaKind kind, String source, Instant start, Instant end) {
            this.id = id;
            this.origin = origin;
            this.topLevel = topLevel;
            this.kind = kind;
            this.source = source;
            this.start = start;
            this.end = end;
        }
    }

    public CaptureHistory(Clock clock) {
        this.clock = clock;
    }

    /** Records that capture started; returns the session's id for {@link #end}. */
    public String begin(Origin origin, Origin topLevel, MediaKind kind, String source) {
        String id = UUID.randomUUID().toString();
        synchronized (this) {
            entries.add(new Entry(id, origin, topLevel, kind, source == null ? "" : source, clock.instant(), null));
            running.add(id);
            prune();
        }
        fire();
        return id;
    }

    /** Records that the session ended now; an unknown or already ended session is left as it is. */
    public void end(String id) {
        synchronized (this) {
            if (!running.remove(id)) {
                return;
            }
            for (Entry e : entries) {
                if (e.id.equals(id)) {
                    e.end = clock.instant();
                }
            }
        }
        fire();
    }

    /** The sessions the filter lets through, newest first. */
    public synchronized List<CaptureSession> sessions(HistoryFilter filter) {
        List<CaptureSession> out = new ArrayList<>();
        for (int i = entries.size() - 1; i >= 0; i--) { // later entries first when two start at the same instant
            CaptureSession s = session(entries.get(i));
            if (filter.test(s)) {
                out.add(s);
            }
        }
        out.sort(Comparator.comparing(CaptureSession::start).reversed());
        return out;
    }

    /** The origins with sessions (either as the capturing frame or the page), for the history's site filter. */
    public synchronized List<Origin> origins() {
        Set<Origin> seen = new HashSet<>();
        for (Entry e : entries) {
            seen.add(e.origin);
            seen.add(e.topLevel);
        }
        List<Origin> out = new ArrayList<>(seen);
        out.sort(Comparator.comparing(Origin::serialize));
        return out;
    }

    /** Forgets every session of an origin, as the capturing frame or as the page (its site data is cleared). */
    public void forget(Origin origin) {
        boolean changed;
        synchronized (this) {
            changed = entries.removeIf(e -> e.origin.equals(origin) || e.topLevel.equals(origin));
        }
        if (changed) {
            fire();
        }
    }

    /** Forgets every session. One still running is recorded again only when a new one starts. */
    public void clear() {
        synchronized (this) {
            entries.clear();
            running.clear();
        }
        fire();
    }

    /** The sessions as the store keeps them, oldest first. */
    public synchronized List<CaptureSession.Stored> snapshot() {
        prune();
        List<CaptureSession.Stored> out = new ArrayList<>();
        for (Entry e : entries) {
            out.add(new CaptureSession.Stored(e.id, e.origin.serialize(), e.topLevel.serialize(),
                    e.kind.name().toLowerCase(Locale.ROOT), e.source, e.start.toString(),
                    e.end == null ? null : e.end.toString()));
        }
        return out;
    }

    /**
     * Loads stored sessions, replacing the current ones; one without an end was cut off by the browser stopping
     * and is kept so. A session this version cannot read (unknown kind, bad date or origin) is skipped and
     * counted, never invented. Never throws for bad content.
     */
    public int restore(List<CaptureSession.Stored> stored) {
        int skipped = 0;
        synchronized (this) {
            entries.clear();
            running.clear();
            if (stored != null) {
                for (CaptureSession.Stored s : stored) {
                    try {
                        Origin origin = Origin.of(s.origin());
                        Origin top = s.topLevel() == null ? origin : Origin.of(s.topLevel());
                        if (s.id() == null || origin.isOpaque() || top.isOpaque()) {
                            skipped++;
                            continue;
                        }
                        entries.add(new Entry(s.id(), origin, top, MediaKind.valueOf(s.kind().toUpperCase(Locale.ROOT)),
                                s.source() == null ? "" : s.source(), Instant.parse(s.started()),
                                s.ended() == null ? null : Instant.parse(s.ended())));
                    } catch (RuntimeException unreadable) {
                        skipped++;
                    }
                }
            }
            entries.sort(Comparator.comparing(e -> e.start));
            prune();
        }
        return skipped;
    }

    /** Runs after every change (storage and the chrome). */
    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    private void fire() {
        listeners.forEach(Runnable::run);
    }

    private void prune() {
        Instant cutoff = clock.instant().minus(KEEP);
        entries.removeIf(e -> !running.contains(e.id) && e.start.isBefore(cutoff));
        int excess = entries.size() - MAX_SESSIONS;
        for (int i = 0; i < entries.size() && excess > 0; ) {
            if (running.contains(entries.get(i).id)) {
                i++;
            } else {
                entries.remove(i);
                excess--;
            }
        }
    }

    private CaptureSession session(Entry e) {
        CaptureSession.State state = e.end != null ? CaptureSession.State.ENDED
                : running.contains(e.id) ? CaptureSession.State.ONGOING : CaptureSession.State.END_UNKNOWN;
        return new CaptureSession(e.id, e.origin, e.topLevel, e.kind, e.source, e.start, Optional.ofNullable(e.end),
                state);
    }
}
