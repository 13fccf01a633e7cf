package dev.callsafe.plugins.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.callsafe.permissions.Origin;
import dev.callsafe.plugins.spi.FrameRef;

/** A request finishes exactly once, whichever way comes first; the page hears one answer. */
class ConsentRequestTest {
    /** A request that records what the page was told. */
    static final class Recorded extends ConsentRequest {
        final List<String> told = java.util.Collections.synchronizedList(new ArrayList<>());

        Recorded(FrameRef frame) {
            super(frame);
        }

        @Override
        protected void onGranted() {
            told.add("granted");
        }

        @Override
        protected void onRefused(MediaError error) {
            told.add(error.name() + ": " + error.getMessage());
        }
    }

    static FrameRef frame(int tab, String id) {
        Origin o = Origin.of("https://meet.example");
        return new FrameRef(tab, id, "https://meet.example/", o, o, false);
    }

    @Test
    void aGrantedRequestCannotBeRefusedOrWithdrawnAfterwards() {
        Recorded r = new Recorded(frame(1, "f"));
        assertTrue(r.grant());
        assertFalse(r.refuse(MediaError.notAllowed("late")));
        assertFalse(r.withdraw("late"));
        assertFalse(r.grant());
        assertEquals(List.of("granted"), r.told);
        assertEquals(ConsentRequest.State.GRANTED, r.state());
    }

    @Test
    void aWithdrawnRequestTellsThePageAbortErrorOnceAndIgnoresALateAnswer() {
        Recorded r = new Recorded(frame(1, "f"));
        assertTrue(r.withdraw("its frame was removed"));
        assertFalse(r.grant(), "an answer arriving after the document went away does nothing");
        assertEquals(List.of("AbortError: The request was withdrawn: its frame was removed"), r.told);
        assertEquals(ConsentRequest.State.WITHDRAWN, r.state());
    }

    @Test
    void aRefusedRequestKeepsItsFirstError() {
        Recorded r = new Recorded(frame(1, "f"));
        assertTrue(r.refuse(MediaError.notAllowed("Permission denied by the user")));
        assertFalse(r.refuse(MediaError.notAllowed("again")));
        assertEquals(List.of("NotAllowedError: Permission denied by the user"), r.told);
        assertFalse(r.isWaiting());
    }

    @Test
    void racingFinishesFromManyThreadsTellThePageOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 200; round++) {
                Recorded r = new Recorded(frame(1, "f" + round));
                CountDownLatch go = new CountDownLatch(1);
                CountDownLatch done = new CountDownLatch(4);
                for (int i = 0; i < 4; i++) {
                    int which = i;
                    pool.execute(() -> {
                        try {
                            go.await();
                        } catch (InterruptedException e) {
                            return;
                        }
                        if (which % 3 == 0) {
                            r.grant();
                        } else if (which % 3 == 1) {
                            r.refuse(MediaError.notAllowed("no"));
                        } else {
                            r.withdraw("gone");
                        }
                        done.countDown();
                    });
                }
                go.countDown();
                assertTrue(done.await(5, TimeUnit.SECONDS));
                assertEquals(1, r.told.size(), "round " + round + ": " + r.told);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
