package dev.callsafe.plugins.media;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Predicate;

import com.google.gson.JsonObject;

import dev.callsafe.permissions.MediaKind;
import dev.callsafe.plugins.spi.FrameRef;
import dev.callsafe.plugins.spi.MessageHandler;

/**
 * Frames listening for {@code devicechange}, as long polls like {@link PermissionWatchers}: each watch
 * carries the device-list fingerprint the page knows and is answered when the list differs from it. A frame
 * only sees the kinds it may enumerate: a cross-origin frame without {@code allow=} never hears of a change.
 * A frame keeps at most {@link WatchLimit#PER_FRAME} watches.
 */
final class DeviceWatchers {
    private record Watcher(FrameRef frame, Set<MediaKind> kinds, MessageHandler.Reply reply) {
    }

    private final Function<Set<MediaKind>, String> fingerprint;
    private final List<Watcher> watchers = new CopyOnWriteArrayList<>();

    /** @param fingerprint a value that changes whenever a device of the given kinds appears or disappears */
    DeviceWatchers(Function<Set<MediaKind>, String> fingerprint) {
        this.fingerprint = fingerprint;
    }

    private JsonObject answer(String now) {
        JsonObject o = new JsonObject();
        o.addProperty("devices", now);
        return o;
    }

    /** Answers at once if the page's fingerprint is stale (or it has none yet), else at the next change. */
    void add(FrameRef frame, Set<MediaKind> kinds, String known, MessageHandler.Reply reply) {
        String now = fingerprint.apply(kinds);
        if (!now.equals(known)) {
            reply.success(answer(now).toString());
            return;
        }
        WatchLimit.makeRoom(watchers, frame, Watcher::frame, Watcher::reply, "device");
        watchers.add(new Watcher(frame, kinds, reply));
    }

    /** The device list changed: every waiting frame hears the new fingerprint. */
    void changed() {
        for (Watcher w : watchers) {
            String now = fingerprint.apply(w.kinds());
            if (watchers.remove(w)) {
                w.reply().success(answer(now).toString());
            }
        }
    }

    /** How many frames of a tab wait for a change now. */
    int waiting(int tabId) {
        return (int) watchers.stream().filter(w -> w.frame().tabId() == tabId).count();
    }

    void remove(Predicate<FrameRef> which) {
        watchers.removeIf(w -> which.test(w.frame()));
    }
}
