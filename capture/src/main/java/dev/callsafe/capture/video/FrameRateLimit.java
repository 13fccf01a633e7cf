package dev.callsafe.capture.video;

/**
 * Lets frames through at a rate on average while forgiving when each arrives: a frame passes when a credit,
 * earned at the rate and saved up to {@link #SAVED} frames' worth, is there. A due time per frame would drop
 * a frame that comes a few milliseconds early from a source already at the rate (a tab's screencast, a
 * compositor paced at 30 a second) and halve that second's rate; saved credit takes that jitter. Not thread
 * safe: one caller thread.
 */
public final class FrameRateLimit {
    /** Credit saved at most, in frames: one frame late then one early both pass. */
    static final double SAVED = 2;

    private double credit = SAVED;
    private double lastMillis = Double.NaN;

    /** Whether a frame arriving at {@code nowMillis} passes under {@code frameRate} frames a second. */
    public boolean admit(double nowMillis, double frameRate) {
        if (!Double.isNaN(lastMillis)) {
            double earned = Math.max(0, nowMillis - lastMillis) * frameRate / 1000.0;
            credit = Math.min(SAVED, credit + earned);
        }
        lastMillis = nowMillis;
        // a hair of slack: a source exactly at the rate must not lose a frame to rounding of its times
        if (credit < 0.999) {
            return false;
        }
        credit -= 1;
        return true;
    }
}
