package dev.callsafe.plugins.media;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.function.Supplier;

import com.google.gson.JsonObject;

import dev.callsafe.plugins.spi.FrameRef;
import dev.callsafe.plugins.spi.MessageHandler;

/**
 * Frames listening for {@code devicechange}, as long polls like {@link PermissionWatchers}: each watch
 * carries the device-list fingerprint the page knows and is answered when the list differs from it.
 */
final class DeviceWatchers {
    private record Watcher(FrameRef frame, MessageHandler.Reply reply) {
    }

    private final Supplier<String> fingerprint;
    private final List<Watcher> watchers = new CopyOnWriteArrayList<>();

    /** @param fingerprint a value that changes whenever a device appears or disappears */
    DeviceWatchers(Supplier<String> fingerprint) {
        this.fingerprint = fingerprint;
    }

    private JsonObject answer(String now) {
        JsonObject o = new JsonObject();
        o.addProperty("devices", now);
        return o;
    }

    /** Answers at once if the page's fingerprint is stale (or it has none yet), else at the next change. */
    void add(FrameRef frame, String known, MessageHandler.Reply reply) {
        String now = fingerprint.get();
        if (!now.equals(known)) {
            reply.success(answer(now).toString());
            return;
        }
        watchers.add(new Watcher(frame, reply));
    }

    /** The device list changed: every waiting frame hears the new fingerprint. */
    void changed() {
        String now = fingerprint.get();
        for (Watcher w : watchers) {
            if (watchers.remove(w)) {
                w.reply().success(answer(now).toString());
            }
        }
    }

    void remove(Predicate<FrameRef> which) {
        watchers.removeIf(w -> which.test(w.frame()));
    }
}
