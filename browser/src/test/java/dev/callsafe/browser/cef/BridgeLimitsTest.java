package dev.callsafe.browser.cef;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** Issue 10 item 9: message size and per-frame rate limits, with errors that name the limit. */
class BridgeLimitsTest {
    private final AtomicLong now = new AtomicLong();
    private final BridgeLimits limits = new BridgeLimits(now::get);

    @Test
    void aBurstPassesThenTheFrameIsRefusedUntilTokensComeBack() {
        for (int i = 0; i < BridgeLimits.BURST; i++) {
            assertTrue(limits.refusal("t/f", 10).isEmpty(), "message " + i);
        }
        Optional<String> refused = limits.refusal("t/f", 10);
        assertTrue(refused.isPresent());
        assertTrue(refused.get().contains("QuotaExceededError") && refused.get().contains(BridgeLimits.PER_SECOND
                + " messages a second"), refused.get());
        assertTrue(limits.refusal("t/other", 10).isEmpty(), "another frame has its own budget");

        now.addAndGet(1_000_000_000L / BridgeLimits.PER_SECOND); // one token's worth of time
        assertTrue(limits.refusal("t/f", 10).isEmpty());
        assertTrue(limits.refusal("t/f", 10).isPresent());

        now.addAndGet(60_000_000_000L); // a quiet minute refills the burst, no more
        for (int i = 0; i < BridgeLimits.BURST; i++) {
            assertTrue(limits.refusal("t/f", 10).isEmpty(), "message " + i);
        }
        assertTrue(limits.refusal("t/f", 10).isPresent());
    }

    @Test
    void anOversizedMessageIsRefusedNamingTheLimit() {
        assertTrue(limits.refusal("t/f", BridgeLimits.MAX_MESSAGE_CHARS).isEmpty());
        Optional<String> refused = limits.refusal("t/f", BridgeLimits.MAX_MESSAGE_CHARS + 1);
        assertTrue(refused.isPresent());
        assertTrue(refused.get().contains("QuotaExceededError")
                && refused.get().contains("limit of " + BridgeLimits.MAX_MESSAGE_CHARS), refused.get());
    }
}
