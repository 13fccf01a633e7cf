package dev.callsafe.plugins.media;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import com.google.gson.JsonObject;

import dev.callsafe.permissions.MediaKind;
import dev.callsafe.permissions.Origin;
import dev.callsafe.permissions.QueryState;
import dev.callsafe.permissions.SitePermissions;
import dev.callsafe.plugins.spi.FrameRef;
import dev.callsafe.plugins.spi.MessageHandler;

/**
 * Frames listening for permission changes ({@code PermissionStatus} change events), as long polls: each
 * watch is answered once, when the states differ from what the page knows, and the page asks again.
 * (JCEF drops a persistent query's native callback after its first answer, so those cannot carry events.)
 * A frame keeps at most {@link WatchLimit#PER_FRAME} watches.
 */
final class PermissionWatchers {
    private record Watcher(FrameRef frame, MessageHandler.Reply reply) {
    }

    private final SitePermissions permissions;
    private final FrameChecks frames;
    private final List<Watcher> watchers = new CopyOnWriteArrayList<>();

    PermissionWatchers(SitePermissions permissions, FrameChecks frames) {
        this.permissions = permissions;
        this.frames = frames;
    }

    /**
     * The camera and microphone query states a frame sees now, as the consent core decides them for this
     * frame (its origin and permissions policy as the engine reports them included).
     */
    CompletableFuture<JsonObject> states(FrameRef frame) {
        return frames.check(frame).thenApply(check -> {
            JsonObject o = new JsonObject();
            for (MediaKind kind : new MediaKind[] {MediaKind.CAMERA, MediaKind.MICROPHONE}) {
                QueryState state = permissions.query(check.request(Set.of(kind), null));
                o.addProperty(kind == MediaKind.CAMERA ? "camera" : "microphone", state.web());
            }
            return o;
        });
    }

    /** Answers at once if the page's known states are stale, else when they next change. */
    void add(FrameRef frame, JsonObject known, MessageHandler.Reply reply) {
        // Registered before looking, so a change while the states are computed is not missed.
        Watcher w = new Watcher(frame, reply);
        WatchLimit.makeRoom(watchers, frame, Watcher::frame, Watcher::reply, "permission");
        watchers.add(w);
        states(frame).thenAccept(now -> {
            if (!now.equals(known) && watchers.remove(w)) {
                reply.success(now.toString());
            }
        });
    }

    /** Something changed for an origin: every frame of it, or embedded under it, hears its new states. */
    void changed(Origin origin) {
        recheck(f -> f.origin().equals(origin) || f.topLevelOrigin().equals(origin));
    }

    /** A browser-wide default changed: every frame hears its new states. */
    void everyOriginChanged() {
        recheck(f -> true);
    }

    private void recheck(Predicate<FrameRef> which) {
        for (Watcher w : watchers) {
            if (which.test(w.frame())) {
                states(w.frame()).thenAccept(now -> {
                    if (watchers.remove(w)) {
                        w.reply().success(now.toString());
                    }
                });
            }
        }
    }

    void remove(Predicate<FrameRef> which) {
        watchers.removeIf(w -> which.test(w.frame()));
    }
}
