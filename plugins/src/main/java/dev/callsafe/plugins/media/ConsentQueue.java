package dev.callsafe.plugins.media;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

import dev.callsafe.plugins.spi.FrameRef;

/**
 * The requests waiting for the person, queued per tab as Chromium's PermissionRequestManager queues them: one
 * prompt shows per tab, the others wait in arrival order and show when it is answered or withdrawn.
 * Merging (seed 001: several getUserMedia calls before the person answers get one dialog) is per frame: a
 * request joins the showing or waiting prompt of its own document; another frame's request waits for a
 * prompt of its own. A frame may have at most {@code perFrame} requests waiting and a tab at most
 * {@code perTab} prompts: beyond that the request is refused with {@code QuotaExceededError} instead of
 * piling up. A prompt is only built when it shows, so a waiting request opens no device preview. Used on the
 * Swing thread.
 *
 * @param <R> the requests queued
 */
final class ConsentQueue<R extends ConsentRequest> {
    /** Puts a group's prompt on screen. */
    interface Prompter<R extends ConsentRequest> {
        /**
         * Shows the group's prompt, or finishes its requests here and answers empty when there is nothing to
         * ask any more (the tab is gone, a block was stored while it waited).
         */
        Optional<PromptView<R>> show(Group<R> group);
    }

    /** A prompt on screen. */
    interface PromptView<R extends ConsentRequest> {
        /** The showing prompt took in another request of its frame. */
        void merged(R request);

        /** Takes the prompt off screen and closes its device preview. */
        void close();
    }

    /** The requests one prompt answers: all of one document's (merging), or a single one. */
    static final class Group<R extends ConsentRequest> {
        private final FrameRef frame;
        private final List<R> requests = new ArrayList<>();
        private PromptView<R> view;

        private Group(FrameRef frame) {
            this.frame = frame;
        }

        FrameRef frame() {
            return frame;
        }

        /** The requests, in arrival order. */
        List<R> requests() {
            return List.copyOf(requests);
        }

        boolean isShowing() {
            return view != null;
        }
    }

    private final boolean merges;
    private final int perFrame;
    private final int perTab;
    private final Prompter<R> prompter;
    private final Map<Integer, Deque<Group<R>>> tabs = new HashMap<>();

    /**
     * @param merges whether a frame's requests share one prompt (getUserMedia) or each gets its own (share
     *               pickers: each share is its own choice)
     */
    ConsentQueue(boolean merges, int perFrame, int perTab, Prompter<R> prompter) {
        this.merges = merges;
        this.perFrame = perFrame;
        this.perTab = perTab;
        this.prompter = prompter;
    }

    /**
     * Queues a request: into its document's prompt when merging and there is one, else as a new prompt at
     * the end of its tab's queue, shown at once when the tab shows none. Refused beyond the limits.
     */
    void add(R request) {
        FrameRef frame = request.frame();
        Deque<Group<R>> queue = tabs.computeIfAbsent(frame.tabId(), id -> new ArrayDeque<>());
        long fromFrame = queue.stream().filter(g -> sameDocument(g.frame, frame))
                .mapToLong(g -> g.requests.size()).sum();
        if (fromFrame >= perFrame) {
            request.refuse(new MediaError("QuotaExceededError", "This frame already has " + perFrame
                    + " requests waiting for the person's answer"));
            return;
        }
        Optional<Group<R>> own = merges ? queue.stream().filter(g -> sameDocument(g.frame, frame)).findFirst()
                : Optional.empty();
        if (own.isPresent()) {
            own.get().requests.add(request);
            if (own.get().view != null) {
                own.get().view.merged(request);
            }
            return;
        }
        if (queue.size() >= perTab) {
            request.refuse(new MediaError("QuotaExceededError", "This tab already has " + perTab
                    + " prompts waiting for the person's answer"));
            return;
        }
        Group<R> group = new Group<>(frame);
        group.requests.add(request);
        queue.addLast(group);
        showNext(frame.tabId());
    }

    /**
     * The person answered the showing prompt of this group: it leaves the queue, {@code apply} finishes its
     * requests, then its prompt closes (after: a granted capture joins the preview's device instead of
     * reopening it) and the tab's next prompt shows. False, and nothing happens, when the group is not
     * showing (withdrawn meanwhile).
     */
    boolean answer(Group<R> group, Consumer<List<R>> apply) {
        Deque<Group<R>> queue = tabs.get(group.frame.tabId());
        if (queue == null || queue.peekFirst() != group || group.view == null) {
            return false;
        }
        queue.removeFirst();
        try {
            apply.accept(group.requests());
        } finally {
            group.view.close();
            showNext(group.frame.tabId());
        }
        return true;
    }

    /**
     * Withdraws the requests of documents that went away (frame removed or navigated, tab closed): their
     * prompts close with their previews, their pages get {@code AbortError}, and each tab's next prompt shows.
     */
    void withdraw(Predicate<FrameRef> gone, String why) {
        for (Map.Entry<Integer, Deque<Group<R>>> e : new ArrayList<>(tabs.entrySet())) {
            List<Group<R>> removed = new ArrayList<>();
            e.getValue().removeIf(g -> gone.test(g.frame) && removed.add(g));
            for (Group<R> g : removed) {
                if (g.view != null) {
                    g.view.close();
                }
                g.requests.forEach(r -> r.withdraw(why));
            }
            if (!removed.isEmpty()) {
                showNext(e.getKey());
            }
        }
    }

    /** The group whose prompt shows in the tab. */
    Optional<Group<R>> showing(int tabId) {
        Deque<Group<R>> queue = tabs.get(tabId);
        return queue == null ? Optional.empty() : Optional.ofNullable(queue.peekFirst()).filter(Group::isShowing);
    }

    /** How many prompts the tab has, the showing one included. */
    int prompts(int tabId) {
        Deque<Group<R>> queue = tabs.get(tabId);
        return queue == null ? 0 : queue.size();
    }

    private void showNext(int tabId) {
        Deque<Group<R>> queue = tabs.get(tabId);
        while (queue != null && !queue.isEmpty() && queue.peekFirst().view == null) {
            Group<R> next = queue.peekFirst();
            Optional<PromptView<R>> view = prompter.show(next);
            if (view.isPresent() && next.requests.stream().anyMatch(ConsentRequest::isWaiting)) {
                next.view = view.get();
                return;
            }
            // Nothing left to ask: the prompter finished them (or must have; never leave a page waiting).
            queue.removeFirst();
            view.ifPresent(PromptView::close);
            next.requests.forEach(r -> r.refuse(MediaError.notAllowed("Permission denied")));
        }
        if (queue != null && queue.isEmpty()) {
            tabs.remove(tabId);
        }
    }

    private static boolean sameDocument(FrameRef a, FrameRef b) {
        return a.tabId() == b.tabId() && a.frameId().equals(b.frameId());
    }
}
