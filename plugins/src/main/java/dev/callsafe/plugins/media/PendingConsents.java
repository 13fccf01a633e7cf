package dev.callsafe.plugins.media;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import dev.callsafe.plugins.spi.FrameRef;
import dev.callsafe.plugins.spi.Tab;

/** Prompts waiting for the user, per tab; withdrawn when their document goes away. Used on the Swing thread. */
final class PendingConsents {
    /** A prompt on screen and what to do if it is withdrawn. */
    record Pending(Tab tab, FrameRef frame, ConsentPrompt prompt, Runnable onWithdraw) {
    }

    private final List<Pending> pending = new ArrayList<>();

    void add(Pending p) {
        pending.add(p);
        p.tab().showPrompt(p.prompt());
    }

    /** Removes an answered prompt. */
    void answered(ConsentPrompt prompt) {
        pending.removeIf(p -> {
            if (p.prompt() == prompt) {
                p.tab().removePrompt(prompt);
                return true;
            }
            return false;
        });
    }

    void withdraw(Predicate<Pending> which) {
        List<Pending> gone = new ArrayList<>();
        pending.removeIf(p -> which.test(p) && gone.add(p));
        for (Pending p : gone) {
            p.prompt().withdraw();
            p.tab().removePrompt(p.prompt());
            p.onWithdraw().run();
        }
    }

    int count() {
        return pending.size();
    }
}
