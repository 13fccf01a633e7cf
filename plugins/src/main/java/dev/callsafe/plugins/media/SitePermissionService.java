package dev.callsafe.plugins.media;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.callsafe.permissions.CaptureHistory;
import dev.callsafe.permissions.ConsentDefaults;
import dev.callsafe.permissions.PermissionSnapshot;
import dev.callsafe.permissions.PermissionStore;
import dev.callsafe.permissions.SitePermissions;

/**
 * Connects the consent engine to the profile's permission file: loads it at start (reporting a damaged
 * file or an unreadable setting), and writes the whole state (permissions, browser-wide defaults, capture
 * history) after every change on a background thread.
 */
final class SitePermissionService implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(SitePermissionService.class.getName());

    private final SitePermissions permissions;
    private final ConsentDefaults defaults = new ConsentDefaults();
    private final CaptureHistory history;
    private final PermissionStore store;
    private final Optional<String> problem;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "permission-store");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean dirty = new AtomicBoolean();
    private volatile Consumer<Optional<String>> saveProblems = problem -> { };
    private boolean failing;

    SitePermissionService(Path profile, Clock clock) {
        permissions = new SitePermissions(clock, SitePermissions.DEFAULT_LAPSE, MediaPlugin.BROWSER_SCHEMES,
                dev.callsafe.permissions.CallLimits::fromSystemProperties, defaults);
        history = new CaptureHistory(clock);
        PermissionStore opened = null;
        Optional<String> trouble = Optional.empty();
        try {
            opened = PermissionStore.open(profile, clock);
            PermissionStore.LoadResult r = opened.load();
            permissions.restore(r.snapshot());
            java.util.List<String> unreadable = defaults.restore(r.snapshot().settings());
            int skipped = history.restore(r.snapshot().history());
            if (skipped > 0) {
                LOG.warning(skipped + " capture history entries could not be read and were dropped");
            }
            trouble = r.problem().or(() -> unreadable.isEmpty() ? Optional.empty()
                    : Optional.of(String.join(" ", unreadable)));
        } catch (IOException e) {
            LOG.log(Level.WARNING, "permission store unavailable", e);
            trouble = Optional.of("Site permissions cannot be saved: " + e.getMessage()
                    + ". Changes last until the browser quits.");
        }
        store = opened;
        problem = trouble;
        trouble.ifPresent(LOG::warning);
        permissions.addListener(origin -> scheduleSave());
        defaults.addListener(this::scheduleSave);
        history.addListener(this::scheduleSave);
    }

    SitePermissions permissions() {
        return permissions;
    }

    /** The browser-wide defaults (the same object the engine consults). */
    ConsentDefaults defaults() {
        return defaults;
    }

    CaptureHistory history() {
        return history;
    }

    /** Everything the store keeps, as one snapshot. */
    private PermissionSnapshot snapshot() {
        return permissions.snapshot().with(defaults.snapshot(), history.snapshot());
    }

    /** A message for the user when the stored permissions could not be used as they were. */
    Optional<String> problem() {
        return problem;
    }

    private void scheduleSave() {
        if (store == null || !dirty.compareAndSet(false, true)) {
            return; // a save is already queued; it will write the latest state
        }
        writer.execute(() -> {
            dirty.set(false);
            try {
                store.save(snapshot());
                if (failing) {
                    failing = false;
                    saveProblems.accept(Optional.empty());
                }
            } catch (IOException e) {
                LOG.log(Level.WARNING, "could not save site permissions", e);
                failing = true;
                saveProblems.accept(Optional.of("Site permissions could not be saved (" + reason(e)
                        + "). What was saved before is kept; changes since then are kept until the browser quits"
                        + " and saved again once the disk has room."));
            }
        });
    }

    /**
     * Tells the listener, on the writer thread, when saving starts failing (with a message for the user) and
     * when it works again (empty).
     */
    void onSaveProblem(Consumer<Optional<String>> listener) {
        saveProblems = listener;
    }

    private static String reason(IOException e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /** Waits for queued writes (tests and shutdown). */
    void flush() {
        try {
            writer.submit(() -> { }).get();
        } catch (Exception e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        flush();
        writer.shutdown();
        if (store != null) {
            try {
                store.save(snapshot());
                store.close();
            } catch (IOException e) {
                LOG.log(Level.WARNING, "closing the permission store", e);
            }
        }
    }
}
