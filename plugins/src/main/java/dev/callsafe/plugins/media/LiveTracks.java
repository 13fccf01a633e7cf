package dev.callsafe.plugins.media;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Every track currently handed to a page; the single place tracks end, so capture never outlives them. */
final class LiveTracks {
    private static final Logger LOG = Logger.getLogger(LiveTracks.class.getName());

    private final Map<String, LiveTrack> byToken = new ConcurrentHashMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final List<java.util.function.Consumer<LiveTrack>> endListeners = new CopyOnWriteArrayList<>();
    private final List<java.util.function.Consumer<LiveTrack>> startListeners = new CopyOnWriteArrayList<>();

    void add(LiveTrack track) {
        byToken.put(track.token(), track);
        startListeners.forEach(l -> l.accept(track));
        fire();
    }

    Optional<LiveTrack> get(String token) {
        return Optional.ofNullable(byToken.get(token));
    }

    List<LiveTrack> matching(Predicate<LiveTrack> p) {
        List<LiveTrack> out = new ArrayList<>();
        for (LiveTrack t : byToken.values()) {
            if (p.test(t)) {
                out.add(t);
            }
        }
        return out;
    }

    /** Ends the track: stops its source and ends its stream, which ends the page's track. */
    void end(String token, String reason) {
        LiveTrack t = byToken.remove(token);
        if (t == null) {
            return;
        }
        LOG.info(() -> "track ended (" + reason + "): " + t.kind() + " for " + t.owner().origin());
        t.pipe().cut(); // at once: a page draining queued frames first made Stop take 100-400 ms
        try {
            t.source().close();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "closing source", e);
        }
        endListeners.forEach(l -> l.accept(t));
        fire();
    }

    /** The page enabled or disabled the track (every page track of it): black frames or silence while off. */
    void pause(String token, boolean paused) {
        LiveTrack t = byToken.get(token);
        if (t != null && t.paused() != paused && t.pause(paused)) {
            LOG.info(() -> "track " + (paused ? "paused" : "resumed") + ": " + t.kind() + " for " + t.owner().origin());
            fire();
        }
    }

    void endAll(Predicate<LiveTrack> p, String reason) {
        for (LiveTrack t : matching(p)) {
            end(t.token(), reason);
        }
    }

    /** Tells the listeners a track's description changed (a share switched to another tab). */
    void changed() {
        fire();
    }

    /** Runs when a track is handed to a page, after it was added. */
    void addStartListener(java.util.function.Consumer<LiveTrack> listener) {
        startListeners.add(listener);
    }

    /** Runs when a track has ended, after it was removed. */
    void addEndListener(java.util.function.Consumer<LiveTrack> listener) {
        endListeners.add(listener);
    }

    /** Runs on every change (add or end), on the thread that made it. */
    void addListener(Runnable listener) {
        listeners.add(listener);
    }

    private void fire() {
        listeners.forEach(Runnable::run);
    }
}
