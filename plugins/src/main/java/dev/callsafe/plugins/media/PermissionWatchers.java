package dev.callsafe.plugins.media;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import com.google.gson.JsonObject;

import dev.callsafe.permissions.MediaKind;
import dev.callsafe.permissions.Origin;
import dev.callsafe.permissions.SitePermissions;
import dev.callsafe.plugins.spi.FrameRef;
import dev.callsafe.plugins.spi.MessageHandler;

/** Frames listening for permission changes ({@code PermissionStatus} change events): one persistent reply each. */
final class PermissionWatchers {
    private record Watcher(FrameRef frame, MessageHandler.Reply reply) {
    }

    private final SitePermissions permissions;
    private final List<Watcher> watchers = new CopyOnWriteArrayList<>();

    PermissionWatchers(SitePermissions permissions) {
        this.permissions = permissions;
    }

    /** The camera and microphone query states a frame sees now. */
    JsonObject states(FrameRef frame) {
        JsonObject o = new JsonObject();
        o.addProperty("camera", permissions.query(frame.origin(), frame.topLevelOrigin(), MediaKind.CAMERA, false).web());
        o.addProperty("microphone",
                permissions.query(frame.origin(), frame.topLevelOrigin(), MediaKind.MICROPHONE, false).web());
        return o;
    }

    void add(FrameRef frame, MessageHandler.Reply reply) {
        watchers.add(new Watcher(frame, reply));
        reply.success(states(frame).toString());
    }

    /** Something changed for an origin: every frame of it, or embedded under it, hears its new states. */
    void changed(Origin origin) {
        for (Watcher w : watchers) {
            if (w.frame().origin().equals(origin) || w.frame().topLevelOrigin().equals(origin)) {
                w.reply().success(states(w.frame()).toString());
            }
        }
    }

    void remove(Predicate<FrameRef> which) {
        watchers.removeIf(w -> which.test(w.frame()));
    }
}
