package dev.callsafe.plugins.media;

import java.util.EnumSet;
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
 */
final class PermissionWatchers {
    private record Watcher(FrameRef frame, MessageHandler.Reply reply) {
    }

    private final SitePermissions permissions;
    private final Delegation delegation;
    private final List<Watcher> watchers = new CopyOnWriteArrayList<>();

    PermissionWatchers(SitePermissions permissions, Delegation delegation) {
        this.permissions = permissions;
        this.delegation = delegation;
    }

    /** The camera and microphone query states a frame sees now (its permissions policy included). */
    CompletableFuture<JsonObject> states(FrameRef frame) {
        return delegation.allowed(frame, EnumSet.of(MediaKind.CAMERA, MediaKind.MICROPHONE)).thenApply(allowed -> {
            JsonObject o = new JsonObject();
            o.addProperty("camera", state(frame, MediaKind.CAMERA, allowed).web());
            o.addProperty("microphone", state(frame, MediaKind.MICROPHONE, allowed).web());
            return o;
        });
    }

    private QueryState state(FrameRef frame, MediaKind kind, Set<MediaKind> allowed) {
        if (Delegation.sameOrigin(frame)) {
            return allowed.contains(kind) ? permissions.query(frame.origin(), frame.topLevelOrigin(), kind, false)
                    : permissions.queryBlockedByPolicy(frame.topLevelOrigin());
        }
        return permissions.query(frame.origin(), frame.topLevelOrigin(), kind, allowed.contains(kind));
    }

    /** Answers at once if the page's known states are stale, else when they next change. */
    void add(FrameRef frame, JsonObject known, MessageHandler.Reply reply) {
        // Registered before looking, so a change while the states are computed is not missed.
        Watcher w = new Watcher(frame, reply);
        watchers.add(w);
        states(frame).thenAccept(now -> {
            if (!now.equals(known) && watchers.remove(w)) {
                reply.success(now.toString());
            }
        });
    }

    /** Something changed for an origin: every frame of it, or embedded under it, hears its new states. */
    void changed(Origin origin) {
        for (Watcher w : watchers) {
            if (w.frame().origin().equals(origin) || w.frame().topLevelOrigin().equals(origin)) {
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
