package dev.callsafe.browser.cef;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** Issue 10 item 9: message size and per-frame and per-tab rate limits, with errors that name the limit. */
class BridgeLimitsTest {
    private final AtomicLong now = new AtomicLong();
    private final BridgeLimits limits = new BridgeLimits(now::get);

    @Test
    void aBurstPassesThenTheFrameIsRefusedUntilTokensComeBack() {
        for (int i = 0; i < BridgeLimits.BURST; i++) {
            assertTrue(limits.refusal("t", "f", 10).isEmpty(), "message " + i);
        }
        Optional<String> refused = limits.refusal("t", "f", 10);
        assertTrue(refused.isPresent());
        assertTrue(refused.get().contains("QuotaExceededError") && refused.get().contains(BridgeLimits.PER_SECOND
                + " messages a second"), refused.get());
        assertTrue(limits.refusal("t", "other", 10).isEmpty(), "another frame has its own budget");

        now.addAndGet(1_000_000_000L / BridgeLimits.PER_SECOND); // one token's worth of time
        assertTrue(limits.refusal("t", "f", 10).isEmpty());
        assertTrue(limits.refusal("t", "f", 10).isPresent());

        now.addAndGet(60_000_000_000L); // a quiet minute refills the burst, no more
        for (int i = 0; i < BridgeLimits.BURST; i++) {
            assertTrue(limits.refusal("t", "f", 10).isEmpty(), "message " + i);
        }
        assertTrue(limits.refusal("t", "f", 10).isPresent());
    }

    @Test
    void anOversizedMessageIsRefusedNamingTheLimit() {
        assertTrue(limits.refusal("t", "f", BridgeLimits.MAX_MESSAGE_CHARS).isEmpty());
        Optional<String> refused = limits.refusal("t", "f", BridgeLimits.MAX_MESSAGE_CHARS + 1);
        assertTrue(refused.isPresent());
        assertTrue(refused.get().contains("QuotaExceededError")
                && refused.get().contains("limit of " + BridgeLimits.MAX_MESSAGE_CHARS), refused.get());
    }

    @Test
    void manyFramesOfOneTabShareTheTabsBudget() {
        // Each frame stays within its own budget; together they exhaust the tab's (many iframes, or one
        // iframe re-navigated: every navigation is a new frame id with a fresh frame budget).
        int sent = 0;
        for (int frame = 0; sent < BridgeLimits.TAB_BURST; frame++) {
            for (int i = 0; i < BridgeLimits.BURST / 2 && sent < BridgeLimits.TAB_BURST; i++, sent++) {
                assertTrue(limits.refusal("t", "f" + frame, 10).isEmpty(), "message " + sent);
            }
        }
        Optional<String> refused = limits.refusal("t", "a-fresh-frame", 10);
        assertTrue(refused.isPresent(), "a fresh frame of the same tab is over the tab's budget");
        assertTrue(refused.get().contains("QuotaExceededError") && refused.get().contains(BridgeLimits.TAB_PER_SECOND
                + " messages a second") && refused.get().contains("this tab"), refused.get());
        assertTrue(limits.refusal("other-tab", "f0", 10).isEmpty(), "another tab has its own budget");

        now.addAndGet(1_000_000_000L / BridgeLimits.TAB_PER_SECOND); // one tab token's worth of time
        assertTrue(limits.refusal("t", "a-fresh-frame", 10).isEmpty());
        assertTrue(limits.refusal("t", "another-fresh-frame", 10).isPresent());
    }

    @Test
    void aPageWithAFewBusyFramesIsNotLimitedByItsTab() {
        // Three frames, each using its whole burst and then its full rate for ten seconds: all pass.
        for (int i = 0; i < BridgeLimits.BURST; i++) {
            for (String f : new String[] {"main", "a", "b"}) {
                assertTrue(limits.refusal("t", f, 10).isEmpty(), f + " message " + i);
            }
        }
        for (int tick = 0; tick < 10 * BridgeLimits.PER_SECOND; tick++) {
            now.addAndGet(1_000_000_000L / BridgeLimits.PER_SECOND);
            for (String f : new String[] {"main", "a", "b"}) {
                assertTrue(limits.refusal("t", f, 10).isEmpty(), f + " at tick " + tick);
            }
        }
    }

    @Test
    void aMessageRefusedByItsFrameCostsTheTabNothing() {
        for (int i = 0; i < BridgeLimits.BURST; i++) {
            limits.refusal("t", "flooder", 10);
        }
        for (int i = 0; i < 10 * BridgeLimits.TAB_BURST; i++) {
            assertTrue(limits.refusal("t", "flooder", 10).isPresent());
        }
        for (int i = 0; i < BridgeLimits.TAB_BURST - BridgeLimits.BURST; i++) {
            assertTrue(limits.refusal("t", "quiet-" + (i / BridgeLimits.BURST), 10).isEmpty(), "message " + i);
        }
    }
}
