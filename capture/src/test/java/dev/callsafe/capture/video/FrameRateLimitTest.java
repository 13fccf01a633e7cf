package dev.callsafe.capture.video;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;

class FrameRateLimitTest {

    private static int passed(FrameRateLimit limit, double sourceFps, double jitterMillis, double rate, int frames) {
        Random random = new Random(7);
        int n = 0;
        for (int i = 0; i < frames; i++) {
            double t = i * 1000.0 / sourceFps + (random.nextDouble() * 2 - 1) * jitterMillis;
            if (limit.admit(t, rate)) {
                n++;
            }
        }
        return n;
    }

    @Test
    void aSourceAtTheRateKeepsEveryFrameThoughItsFramesArriveUnevenly() {
        // 30 a second, each up to 12 ms early or late: a minimum gap of 0.9 intervals since the last frame
        // that passed (the tab source's rule before) let 638 of these 900 through
        assertEquals(900, passed(new FrameRateLimit(), 30, 12, 30, 900));
    }

    @Test
    void aFasterSourceIsCutToTheRate() {
        assertEquals(300, passed(new FrameRateLimit(), 60, 0, 30, 600), 2);
        assertEquals(100, passed(new FrameRateLimit(), 30, 0, 10, 300), 2);
        assertEquals(200, passed(new FrameRateLimit(), 30, 5, 20, 300), 2);
    }

    @Test
    void creditSavedDuringAPauseLetsOnlyTwoFramesThroughAtOnce() {
        FrameRateLimit limit = new FrameRateLimit();
        limit.admit(0, 30);
        int burst = 0;
        for (int i = 0; i < 10; i++) { // ten frames at once after a second of nothing
            if (limit.admit(1000, 30)) {
                burst++;
            }
        }
        assertEquals(2, burst);
    }
}
