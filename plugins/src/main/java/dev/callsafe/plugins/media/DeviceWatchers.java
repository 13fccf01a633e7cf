package dev.callsafe.plugins.media;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Predicate;

import com.google.gson.JsonObject;

import dev.callsafe.plugins.spi.FrameRef;
import dev.callsafe.plugins.spi.MessageHandler;

/**
 * Frames listening for {@code devicechange}, as long polls like {@link PermissionWatchers}: each watch
 * carries the device-list fingerprint the page knows and is answered when the list differs from it. The
 * fingerprint is of the frame's own {@code enumerateDevices} list ({@link PageDevices#fingerprint}): a
 * cross-origin frame without {@code allow=} never hears of a change, and before consent a page hears only
 * what its list shows (a kind appearing or going), as the Media Capture spec's device change steps say.
 * A frame keeps at most {@link WatchLimit#PER_FRAME} watches.
 */
final class DeviceWatchers {
    private record Watcher(FrameCheck check, String known, MessageHandler.Reply reply) {
        FrameRef frame() {
            return check.frame();
        }
    }

    private final Function<FrameCheck, String> fingerprint;
    private final List<Watcher> watchers = new CopyOnWriteArrayList<>();

    /** @param fingerprint a value that changes whenever the frame's device list changes */
    DeviceWatchers(Function<FrameCheck, String> fingerprint) {
        this.fingerprint = fingerprint;
    }

    private JsonObject answer(String now) {
        JsonObject o = new JsonObject();
        o.addProperty("devices", now);
        return o;
    }

    /** Answers at once if the page's fingerprint is stale (or it has none yet), else at the next change. */
    void add(FrameCheck check, String known, MessageHandler.Reply reply) {
        String now = fingerprint.apply(check);
        if (!now.equals(known)) {
            reply.success(answer(now).toString());
            return;
        }
        WatchLimit.makeRoom(watchers, check.frame(), Watcher::frame, Watcher::reply, "device");
        watchers.add(new Watcher(check, known, reply));
    }

    /** The machine's devices changed: each waiting frame whose own list changed hears its new fingerprint. */
    void changed() {
        for (Watcher w : watchers) {
            String now = fingerprint.apply(w.check());
            if (!now.equals(w.known()) && watchers.remove(w)) {
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
