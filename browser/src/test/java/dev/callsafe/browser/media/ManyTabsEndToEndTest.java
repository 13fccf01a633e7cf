package dev.callsafe.browser.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.callsafe.browser.BrowserFixture;
import dev.callsafe.browser.reliability.ManyTabs;

/**
 * Issue 11 item 5, short version of {@code scripts/reliability-many-tabs.sh} (20 tabs, 10 capturing,
 * docs/RELIABILITY.md): tabs capturing one camera share one capture and the chrome shows each capturing tab
 * (the Swing thread's work per frame is printed for the record).
 */
class ManyTabsEndToEndTest {
    @Test
    void tabsCapturingOneCameraShareOneCaptureAndTheChromeShowsEach() throws Exception {
        ManyTabs.Figures f = ManyTabs.run(BrowserFixture.get(), 6, 3);
        System.out.println("many tabs: " + f);
        assertEquals(1, f.opens(), f::toString);
        assertEquals(1, f.runningCaptures(), f::toString);
        assertEquals(3, f.liveTracks(), f::toString);
        assertEquals(3, f.barRows(), f::toString);
        assertTrue(f.indicatorOnCapturing() && f.indicatorOffElsewhere(), f::toString);
        // The Swing thread's CPU per camera frame is printed, not bounded: over runs it was 0.6-1.6 ms with one
        // capturing tab and 0.6-1.3 ms with several on a quiet machine, and 0.59 vs 1.33 ms in one CI run on a
        // loaded one: noise larger than any bound that would still catch growth. It is a figure of
        // scripts/reliability-many-tabs.sh (docs/RELIABILITY.md), where runs are compared side by side.
    }
}
