package dev.callsafe.browser.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.callsafe.browser.BrowserFixture;
import dev.callsafe.browser.reliability.BridgeFuzz;

/**
 * Issue 11 item 1, short version of {@code scripts/reliability-bridge-fuzz.sh} (10,000 messages,
 * docs/RELIABILITY.md): generated messages from a page's main frame and iframes over every channel are each
 * answered, malformed ones with an error, none prompts, Stop in the chrome acts within 200 ms of the
 * person's press and release meanwhile ({@link dev.callsafe.browser.ClickTiming}), and
 * a real request afterwards still needs the person's consent.
 */
class BridgeFuzzEndToEndTest {
    @Test
    void aThousandGeneratedMessagesAreEachAnsweredWithAnErrorAndGrantNothing() throws Exception {
        BridgeFuzz.Figures f = BridgeFuzz.run(BrowserFixture.get(), 1000, 11, 3);
        System.out.println("bridge fuzz: " + f + "\n" + f.page().get("wrongSuccess") + "\n" + f.page().get("realWrong"));
        assertTrue(f.sent() >= 1000, f::toString);
        assertEquals(0, f.hangs(), () -> "unanswered: " + f);
        assertEquals(0, f.wrongSuccesses(), () -> "malformed messages answered with success: " + f.page().get("wrongSuccess"));
        assertEquals(0, f.realWrong(), () -> "real requests answered wrongly: " + f.page().get("realWrong"));
        assertEquals(List.of(), f.strayPrompts(), f::toString);
        assertTrue(f.stopToAction().stream().allMatch(ms -> ms < 200), () -> "Stop, press or release to action: " + f.stopToAction());
        assertTrue(f.promptAfter() && f.callAfter(), () -> "a real request afterwards: " + f);
    }
}
