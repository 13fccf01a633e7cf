package dev.callsafe.plugins.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.callsafe.permissions.Origin;
import dev.callsafe.plugins.spi.FrameRef;
import dev.callsafe.plugins.spi.MessageHandler;

/** Issue 10 item 9: a frame cannot grow the watcher list without bound. */
class DeviceWatchersTest {
    private static final Origin SITE = Origin.of("https://meet.example");
    private static final FrameRef FLOODER = new FrameRef(1, "f1", "https://meet.example/", SITE, SITE, true);
    private static final FrameRef OTHER = new FrameRef(1, "f2", "https://meet.example/x", SITE, SITE, false);

    private static final class Reply implements MessageHandler.Reply {
        final List<String> answers = new ArrayList<>();

        @Override
        public void success(String json) {
            answers.add("ok " + json);
        }

        @Override
        public void failure(int code, String message) {
            answers.add("failed " + message);
        }

        @Override
        public boolean persistent() {
            return false;
        }
    }

    @Test
    void aFrameKeepsAtMostItsQuotaOfWatchesAndTheOldestHearWhy() {
        DeviceWatchers watchers = new DeviceWatchers(check -> "same");
        Reply other = new Reply();
        watchers.add(FrameCheck.unverified(OTHER), "same", other);
        List<Reply> replies = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            Reply r = new Reply();
            replies.add(r);
            watchers.add(FrameCheck.unverified(FLOODER), "same", r);
        }
        assertEquals(WatchLimit.PER_FRAME + 1, watchers.waiting(1), "the flooder's quota plus the other frame");
        for (Reply r : replies.subList(0, 1000 - WatchLimit.PER_FRAME)) {
            assertEquals(1, r.answers.size());
            assertTrue(r.answers.get(0).contains("QuotaExceededError"), r.answers.get(0));
            assertTrue(r.answers.get(0).contains("at most " + WatchLimit.PER_FRAME), r.answers.get(0));
        }
        for (Reply r : replies.subList(1000 - WatchLimit.PER_FRAME, 1000)) {
            assertTrue(r.answers.isEmpty(), "the newest watches still wait");
        }
        assertTrue(other.answers.isEmpty(), "another frame's watch is untouched");
    }

    @Test
    void aChangeIsHeardOnlyByFramesWhoseOwnListChanged() {
        java.util.Map<FrameRef, String> lists = new java.util.HashMap<>(java.util.Map.of(FLOODER, "a", OTHER, "b"));
        DeviceWatchers watchers = new DeviceWatchers(check -> lists.get(check.frame()));
        Reply flooder = new Reply();
        Reply other = new Reply();
        watchers.add(FrameCheck.unverified(FLOODER), "a", flooder);
        watchers.add(FrameCheck.unverified(OTHER), "b", other);
        lists.put(FLOODER, "a2");
        watchers.changed();
        assertEquals(List.of("ok {\"devices\":\"a2\"}"), flooder.answers);
        assertTrue(other.answers.isEmpty(), "a frame whose list is unchanged keeps waiting");
        assertEquals(1, watchers.waiting(1));
    }
}
