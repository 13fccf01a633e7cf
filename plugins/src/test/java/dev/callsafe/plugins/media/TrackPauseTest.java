package dev.callsafe.plugins.media;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class TrackPauseTest {
    @Test
    void aPausedTrackSendsBlackPicturesAndSilenceAndTheRealOnesAgainWhenResumed() {
        TrackPause pause = new TrackPause();
        byte[] picture = new byte[4 * 2 * 3 / 2];
        java.util.Arrays.fill(picture, (byte) 200);
        float[] tone = {0.5f, -0.5f};
        assertSame(picture, pause.video(4, 2, picture));
        assertSame(tone, pause.audio(tone));

        pause.set(true);
        byte[] black = pause.video(4, 2, picture);
        for (int i = 0; i < 8; i++) {
            assertEquals(16, black[i], "luma of black");
        }
        for (int i = 8; i < 12; i++) {
            assertEquals((byte) 128, black[i], "chroma of black");
        }
        assertArrayEquals(new float[2], pause.audio(tone));

        pause.set(false);
        assertSame(picture, pause.video(4, 2, picture));
    }
}
