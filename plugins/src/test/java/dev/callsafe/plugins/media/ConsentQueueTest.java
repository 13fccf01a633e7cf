package dev.callsafe.plugins.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.callsafe.plugins.media.ConsentRequestTest.Recorded;
import dev.callsafe.plugins.spi.FrameRef;

/**
 * Per-tab queueing of requests, without Swing: the prompter here records which prompts are on screen, as
 * the tab's prompt area would show them.
 */
class ConsentQueueTest {
    /** The prompts on screen, in the order they were shown, and what each was told. */
    private final List<String> onScreen = new ArrayList<>();
    private final List<String> log = new ArrayList<>();
    /** Frames whose prompt the prompter refuses without showing (a block stored while they waited). */
    private final List<String> blocked = new ArrayList<>();

    private final ConsentQueue<Recorded> queue = new ConsentQueue<>(true, 3, 2, this::show);

    private Optional<ConsentQueue.PromptView<Recorded>> show(ConsentQueue.Group<Recorded> group) {
        String name = group.frame().tabId() + "/" + group.frame().frameId();
        if (blocked.contains(group.frame().frameId())) {
            group.requests().forEach(r -> r.refuse(MediaError.notAllowed("blocked")));
            return Optional.empty();
        }
        onScreen.add(name);
        log.add("show " + name + " x" + group.requests().size());
        return Optional.of(new ConsentQueue.PromptView<>() {
            @Override
            public void merged(Recorded request) {
                log.add("merge " + name);
            }

            @Override
            public void close() {
                onScreen.remove(name);
                log.add("close " + name);
            }
        });
    }

    private static Recorded call(int tab, String frame) {
        return new Recorded(ConsentRequestTest.frame(tab, frame));
    }

    private void allow(int tab) {
        ConsentQueue.Group<Recorded> g = queue.showing(tab).orElseThrow();
        assertTrue(queue.answer(g, rs -> rs.forEach(ConsentRequest::grant)));
    }

    @Test
    void twoFramesAskingAtOnceGetOnePromptAtATimeInArrivalOrder() {
        Recorded a = call(1, "a");
        Recorded b = call(1, "b");
        queue.add(a);
        queue.add(b);
        assertEquals(List.of("1/a"), onScreen, "only the first frame's prompt shows");
        assertEquals(2, queue.prompts(1));
        allow(1);
        assertEquals(List.of("granted"), a.told);
        assertEquals(List.of("1/b"), onScreen, "answering it shows the second");
        assertTrue(b.isWaiting());
        allow(1);
        assertEquals(List.of("granted"), b.told);
        assertEquals(List.of(), onScreen);
        assertEquals(0, queue.prompts(1));
    }

    @Test
    void callsOfOneFrameShareItsPromptShowingOrWaiting() {
        Recorded a1 = call(1, "a");
        Recorded b1 = call(1, "b");
        Recorded a2 = call(1, "a");
        Recorded b2 = call(1, "b");
        queue.add(a1);
        queue.add(b1);
        queue.add(a2); // into the showing prompt
        queue.add(b2); // into b's waiting prompt: no device preview opens for it yet
        assertEquals(List.of("show 1/a x1", "merge 1/a"), log);
        assertEquals(2, queue.prompts(1));
        allow(1);
        assertEquals(List.of("granted"), a2.told, "one answer covers every call merged into the prompt");
        assertEquals("show 1/b x2", log.get(log.size() - 1), "b's prompt shows with both its calls");
        ConsentQueue.Group<Recorded> g = queue.showing(1).orElseThrow();
        queue.answer(g, rs -> rs.forEach(r -> r.refuse(MediaError.notAllowed("Permission denied by the user"))));
        assertEquals(List.of("NotAllowedError: Permission denied by the user"), b1.told);
        assertEquals(b1.told, b2.told);
    }

    @Test
    void tabsQueueIndependently() {
        queue.add(call(1, "a"));
        queue.add(call(2, "a"));
        assertEquals(List.of("1/a", "2/a"), onScreen, "each tab shows its own prompt");
    }

    @Test
    void beyondTheLimitsARequestIsRefusedAtOnceInsteadOfStacking() {
        List<Recorded> fromA = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            fromA.add(call(1, "a"));
            queue.add(fromA.get(i));
        }
        assertTrue(fromA.get(2).isWaiting());
        assertEquals(1, fromA.get(3).told.size());
        assertTrue(fromA.get(3).told.get(0).startsWith("QuotaExceededError: This frame already has 3 requests"),
                fromA.get(3).told.toString());
        queue.add(call(1, "b"));
        Recorded c = call(1, "c");
        queue.add(c);
        assertTrue(c.told.get(0).startsWith("QuotaExceededError: This tab already has 2 prompts"), c.told.toString());
        assertEquals(List.of("1/a"), onScreen);
    }

    @Test
    void aRemovedFramesShowingPromptIsWithdrawnAndTheNextShows() {
        Recorded a = call(1, "a");
        Recorded b = call(1, "b");
        queue.add(a);
        queue.add(b);
        ConsentQueue.Group<Recorded> shownForA = queue.showing(1).orElseThrow();
        queue.withdraw(f -> f.frameId().equals("a"), "its frame was removed");
        assertEquals(List.of("AbortError: The request was withdrawn: its frame was removed"), a.told);
        assertTrue(log.contains("close 1/a"), "its prompt (and preview) closed");
        assertEquals(List.of("1/b"), onScreen);
        // The person's click on the closed prompt arrives late: nothing happens, b is not answered by it.
        assertFalse(queue.answer(shownForA, rs -> rs.forEach(ConsentRequest::grant)));
        assertEquals(List.of("AbortError: The request was withdrawn: its frame was removed"), a.told);
        assertTrue(b.isWaiting());
    }

    @Test
    void aWaitingFramesRequestIsWithdrawnWithoutEverShowing() {
        Recorded a = call(1, "a");
        Recorded b = call(1, "b");
        queue.add(a);
        queue.add(b);
        queue.withdraw(f -> f.frameId().equals("b"), "it navigated");
        assertEquals(1, b.told.size());
        assertFalse(log.stream().anyMatch(l -> l.contains("1/b")), log.toString());
        assertEquals(List.of("1/a"), onScreen);
        allow(1);
        assertEquals(0, queue.prompts(1));
    }

    @Test
    void closingTheTabWithdrawsEverythingItWaitsFor() {
        Recorded a = call(1, "a");
        Recorded b = call(1, "b");
        Recorded other = call(2, "a");
        queue.add(a);
        queue.add(b);
        queue.add(other);
        queue.withdraw(f -> f.tabId() == 1, "its tab closed");
        assertEquals(ConsentRequest.State.WITHDRAWN, a.state());
        assertEquals(ConsentRequest.State.WITHDRAWN, b.state());
        assertEquals(List.of("2/a"), onScreen);
        assertTrue(other.isWaiting());
    }

    @Test
    void aPromptDecidedWhileWaitingIsSkipped() {
        blocked.add("b");
        Recorded a = call(1, "a");
        Recorded b = call(1, "b");
        Recorded c = call(1, "c");
        queue.add(a);
        queue.add(b);
        allow(1);
        assertEquals(List.of("NotAllowedError: blocked"), b.told, "refused without a prompt");
        assertEquals(List.of(), onScreen);
        queue.add(c);
        assertEquals(List.of("1/c"), onScreen, "the queue moved on");
    }

    @Test
    void pickersDoNotMergeButQueue() {
        ConsentQueue<Recorded> pickers = new ConsentQueue<>(false, 2, 4, this::show);
        Recorded first = call(1, "a");
        Recorded second = call(1, "a");
        pickers.add(first);
        pickers.add(second);
        assertEquals(List.of("1/a"), onScreen);
        assertEquals(2, pickers.prompts(1));
        pickers.answer(pickers.showing(1).orElseThrow(), rs -> rs.forEach(ConsentRequest::grant));
        assertEquals(List.of("granted"), first.told);
        assertTrue(second.isWaiting(), "the second share is its own choice");
        assertEquals(List.of("1/a"), onScreen);
    }
}
