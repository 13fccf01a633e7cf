package dev.callsafe.plugins.media;

import java.util.List;
import java.util.function.Function;

import dev.callsafe.plugins.spi.FrameRef;
import dev.callsafe.plugins.spi.MessageHandler;

/**
 * The bound on long polls a frame may keep waiting ({@link PermissionWatchers}, {@link DeviceWatchers}).
 * The page script keeps one of each; more come only from a page calling the bridge itself, so the lists
 * cannot grow without bound. The oldest watch gives way (a document that replaced its frame's previous one
 * keeps working) and its page hears a {@code QuotaExceededError} naming the limit.
 */
final class WatchLimit {
    static final int PER_FRAME = 4;

    private WatchLimit() {
    }

    /** Ends the frame's oldest watches so that one more fits under {@link #PER_FRAME}. */
    static <W> void makeRoom(List<W> watchers, FrameRef frame, Function<W, FrameRef> frameOf,
                             Function<W, MessageHandler.Reply> replyOf, String what) {
        List<W> same = watchers.stream().filter(w -> sameFrame(frameOf.apply(w), frame)).toList();
        for (int i = 0; i <= same.size() - PER_FRAME; i++) {
            W oldest = same.get(i);
            if (watchers.remove(oldest)) {
                replyOf.apply(oldest).failure(1, new MediaError("QuotaExceededError", "Callsafe bridge limit: at"
                        + " most " + PER_FRAME + " " + what + " watches per frame; this one was ended by a newer one")
                        .toJson());
            }
        }
    }

    private static boolean sameFrame(FrameRef a, FrameRef b) {
        return a.tabId() == b.tabId() && a.frameId().equals(b.frameId());
    }
}
