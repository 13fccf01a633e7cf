package dev.callsafe.plugins.media;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import dev.callsafe.permissions.MediaKind;
import dev.callsafe.permissions.MediaRequest;
import dev.callsafe.plugins.spi.FrameRef;
import dev.callsafe.plugins.spi.Tab;

/**
 * Prompts waiting for the user, per tab. Several requests from one frame before the user answers share
 * one prompt (seed 001: merged dialogs). Withdrawn when their document goes away. Used on the Swing thread.
 */
final class PendingConsents {
    /** One request waiting for the answer, and what to do with it. */
    interface Waiter {
        MediaRequest request();

        void granted();

        void refused(MediaError error);
    }

    /** A prompt on screen and everything it answers. */
    static final class Pending {
        final Tab tab;
        final FrameRef frame;
        final ConsentPrompt prompt;
        final List<Waiter> waiters = new ArrayList<>();
        /** The prompt's device choice, read when the user allows. */
        DeviceChooser chooser;

        Pending(Tab tab, FrameRef frame, ConsentPrompt prompt) {
            this.tab = tab;
            this.frame = frame;
            this.prompt = prompt;
        }

        /** The union of what the waiting requests ask for. */
        MediaRequest merged() {
            Set<MediaKind> kinds = EnumSet.noneOf(MediaKind.class);
            waiters.forEach(w -> kinds.addAll(w.request().kinds()));
            MediaRequest first = waiters.get(0).request();
            return first.withKinds(kinds);
        }
    }

    private final List<Pending> pending = new ArrayList<>();

    Optional<Pending> forFrame(FrameRef frame) {
        return pending.stream().filter(p -> p.frame.tabId() == frame.tabId()
                && p.frame.frameId().equals(frame.frameId())).findFirst();
    }

    void add(Pending p) {
        pending.add(p);
        p.tab.showPrompt(p.prompt);
    }

    /** Removes an answered prompt and returns it. */
    Optional<Pending> answered(ConsentPrompt prompt) {
        for (Pending p : pending) {
            if (p.prompt == prompt) {
                pending.remove(p);
                p.tab.removePrompt(prompt);
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    void withdraw(Predicate<Pending> which) {
        List<Pending> gone = new ArrayList<>();
        pending.removeIf(p -> which.test(p) && gone.add(p));
        for (Pending p : gone) {
            p.prompt.withdraw();
            p.tab.removePrompt(p.prompt);
            p.waiters.forEach(w -> w.refused(MediaError.notAllowed("The request was withdrawn")));
        }
    }
}
