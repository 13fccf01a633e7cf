package dev.callsafe.capture.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.callsafe.capture.audio.AudioChunk;
import dev.callsafe.capture.audio.AudioSource;
import dev.callsafe.capture.video.VideoFormat;
import dev.callsafe.capture.video.VideoFrame;
import dev.callsafe.capture.video.VideoSource;

class MediaFileTest {
    @TempDir
    Path dir;

    private static void await(String what, BooleanSupplier c) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!c.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.onSpinWait();
        }
    }

    @Test
    void aVideoFileLoopsAtItsOwnRateAndSize() throws Exception {
        Path file = SampleFiles.video(dir, "magenta.mkv", Color.MAGENTA, 320, 240, 20, 10);
        MediaFile info = MediaFile.probe(file, true);
        assertEquals(320, info.width());
        assertEquals(240, info.height());
        assertEquals(20.0, info.frameRate(), 0.01);
        assertFalse(info.still());
        assertEquals("File: magenta.mkv (video, 320x240)", info.describe(true));
        List<VideoFrame> frames = new CopyOnWriteArrayList<>();
        FileCamera cam = new FileCamera(info);
        try (VideoSource s = cam.open(new VideoFormat(640, 480, 30))) {
            assertEquals(new VideoFormat(320, 240, 20), s.format());
            s.addSink(frames::add);
            await("25 frames (past the 10-frame file's end)", () -> frames.size() >= 25);
        }
        VideoFrame last = frames.get(24);
        // Magenta in I420: U and V both high.
        int u = last.i420()[320 * 240 + 60 * 160 + 80] & 0xff;
        int v = last.i420()[320 * 240 + 320 * 240 / 4 + 60 * 160 + 80] & 0xff;
        assertTrue(u > 180 && v > 180, "magenta chroma u=" + u + " v=" + v);
        // Paced at 20 frames/s: 20 frames take about a second, not a burst.
        long span = frames.get(24).captureTimeMillis() - frames.get(4).captureTimeMillis();
        assertTrue(span >= 800, "20 frames took " + span + " ms");
    }

    @Test
    void anImageIsShownAgainAndAgain() throws Exception {
        Path file = SampleFiles.image(dir, "orange.png", Color.ORANGE, 200, 150);
        MediaFile info = MediaFile.probe(file, true);
        assertTrue(info.still(), "still: " + info);
        assertEquals(200, info.width());
        List<VideoFrame> frames = new CopyOnWriteArrayList<>();
        try (VideoSource s = new FileCamera(info).open(new VideoFormat(640, 480, 30))) {
            s.addSink(frames::add);
            await("10 frames of one image", () -> frames.size() >= 10);
        }
        assertEquals(200, frames.get(9).width());
    }

    @Test
    void anAudioFileIsResampledChunkedAndLooped() throws Exception {
        Path file = SampleFiles.tone(dir, "tone.wav", 1000, 0.3);
        MediaFile info = MediaFile.probe(file, false);
        assertTrue(info.hasAudio());
        List<AudioChunk> chunks = new CopyOnWriteArrayList<>();
        try (AudioSource s = new FileMicrophone(info).open()) {
            s.addSink(chunks::add);
            assertEquals(48_000, s.sampleRate());
            await("50 chunks (past the 0.3 s file's end)", () -> chunks.size() >= 50);
        }
        double sum = 0;
        for (float x : chunks.get(45).samples()) {
            sum += x * x;
        }
        assertEquals(480, chunks.get(45).samples().length);
        assertTrue(Math.sqrt(sum / 480) > 0.1, "the loop still sounds");
    }

    @Test
    void unusableFilesAreRefusedWithAMessage() throws Exception {
        MediaFile.Unusable damaged = assertThrows(MediaFile.Unusable.class,
                () -> MediaFile.probe(SampleFiles.damaged(dir, "broken.mkv"), true));
        assertTrue(damaged.getMessage().startsWith("broken.mkv "), damaged.getMessage());
        Path tone = SampleFiles.tone(dir, "only-sound.wav", 440, 0.2);
        MediaFile.Unusable noPicture = assertThrows(MediaFile.Unusable.class, () -> MediaFile.probe(tone, true));
        assertEquals("only-sound.wav has no picture: choose a video or an image", noPicture.getMessage());
        MediaFile.Unusable missing = assertThrows(MediaFile.Unusable.class,
                () -> MediaFile.probe(dir.resolve("nope.mp4"), false));
        assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());
    }
}
