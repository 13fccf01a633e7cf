package dev.callsafe.plugins.media;

import java.util.Arrays;

/**
 * What a track sends while its page has disabled it ({@code enabled = false} on every page track of it):
 * black frames and silence, decided here rather than in the page, so the chrome's "paused" is true even of a
 * page that would keep reading.
 */
final class TrackPause {
    private volatile boolean paused;
    private byte[] black = new byte[0];
    private int blackWidth;
    private int blackHeight;

    boolean paused() {
        return paused;
    }

    void set(boolean paused) {
        this.paused = paused;
    }

    /**
     * The I420 picture to send instead of {@code i420}: black (video range) while paused. {@code i420} may be
     * null when paused (a compressed frame need not be decoded to be replaced).
     */
    byte[] video(int width, int height, byte[] i420) {
        if (!paused && i420 != null) {
            return i420;
        }
        synchronized (this) {
            int size = width * height * 3 / 2;
            if (width != blackWidth || height != blackHeight || black.length != size) {
                int luma = width * height;
                black = new byte[size];
                Arrays.fill(black, 0, Math.min(luma, black.length), (byte) 16);
                Arrays.fill(black, Math.min(luma, black.length), black.length, (byte) 128);
                blackWidth = width;
                blackHeight = height;
            }
            return black;
        }
    }

    /** The samples to send instead of {@code samples}: silence while paused. */
    float[] audio(float[] samples) {
        return paused ? new float[samples.length] : samples;
    }
}
