package dev.callsafe.browser.shell;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.cef.browser.FocusSafeOsrBrowser;
import org.cef.browser.CefPaintEvent;
import org.junit.jupiter.api.Test;

import dev.callsafe.browser.BrowserFixture;
import dev.callsafe.browser.Wait;

/**
 * A tab nobody sees does not paint at the full rate: off-screen, each paint is a full-view texture upload
 * on the Swing thread, so a background tab with something moving (a call's video) would take frames from
 * the tab being looked at. Counts the paints CEF delivers for a tab whose page moves a box every
 * animation frame, in front and behind another tab.
 */
class BackgroundTabPaintingEndToEndTest {
    @Test
    void aTabBehindAnotherPaintsOnceASecondAndAtFullRateAgainInFront() throws Exception {
        BrowserFixture browser = BrowserFixture.get();
        BrowserTab moving = browser.freshTab("/anim.html");
        FocusSafeOsrBrowser osr = (FocusSafeOsrBrowser) moving.browser();
        AtomicLong paints = new AtomicLong();
        Consumer<CefPaintEvent> counter = e -> paints.incrementAndGet();
        osr.addPictureListener(counter);
        try {
            double front = paintsPerSecond(paints);
            BrowserTab other = browser.open(browser.pages().url("/target.html"));
            other.select();
            Wait.until("the other tab in front", Duration.ofSeconds(10),
                    () -> browser.current().orElse(null) == other);
            double behind = paintsPerSecond(paints);
            moving.select();
            Wait.until("the moving tab in front again", Duration.ofSeconds(10),
                    () -> browser.current().orElse(null) == moving);
            double again = paintsPerSecond(paints);
            // The window's title follows the tab in front (it kept the last tab opened's).
            java.util.concurrent.atomic.AtomicReference<String> title = new java.util.concurrent.atomic.AtomicReference<>();
            BrowserFixture.onEdt(() -> title.set(browser.browser().window().getTitle()));
            assertTrue(title.get().startsWith("Moving tab"), "window title: " + title.get());
            String figures = String.format("paints a second: in front %.1f, behind %.1f, in front again %.1f",
                    front, behind, again);
            System.out.println("background tab painting: " + figures);
            assertTrue(front >= 10, figures);
            assertTrue(behind <= 3, figures);
            assertTrue(again >= 10, figures);
        } finally {
            osr.removePictureListener(counter);
        }
    }

    /** Paints counted over two seconds, after half a second for a change of rate to take effect. */
    private static double paintsPerSecond(AtomicLong paints) {
        long settle = System.nanoTime();
        Wait.until("settling", Duration.ofSeconds(5), () -> System.nanoTime() - settle >= 500_000_000L);
        long p0 = paints.get();
        long t0 = System.nanoTime();
        Wait.until("counting", Duration.ofSeconds(5), () -> System.nanoTime() - t0 >= 2_000_000_000L);
        return (paints.get() - p0) / ((System.nanoTime() - t0) / 1e9);
    }
}
