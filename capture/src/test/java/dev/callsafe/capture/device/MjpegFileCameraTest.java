package dev.callsafe.capture.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.callsafe.capture.video.FFmpegVideoSource;
import dev.callsafe.capture.video.FrameStamp;
import dev.callsafe.capture.video.VideoFrame;
import dev.callsafe.capture.video.VideoSource;

/** An MJPEG file used as a camera hands its JPEGs on undecoded; pixels are there for whoever asks. */
class MjpegFileCameraTest {
    @TempDir
    Path dir;

    private static List<VideoFrame> collect(VideoSource source, int n) {
        List<VideoFrame> frames = new CopyOnWriteArrayList<>();
        source.addSink(frames::add);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (frames.size() < n && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        return frames;
    }

    @Test
    void aLoopedMjpegFileDeliversItsJpegsAtThirtyFramesASecond() throws Exception {
        Path file = SampleFiles.mjpeg(dir, "camera.mjpeg", 320, 240, 10);
        MediaFile probed = MediaFile.probe(file, true);
        assertEquals(320, probed.width());
        assertFalse(probed.still());
        assertEquals(MediaFile.RAW_MJPEG_RATE, probed.frameRate(), 0.001, "a raw MJPEG file has no rate of its own");
        List<VideoFrame> frames;
        long packetsRead;
        try (VideoSource source = new FileCamera(probed).open(null)) {
            assertTrue(((FFmpegVideoSource) source).passesJpeg());
            frames = collect(source, 25);
            packetsRead = ((FFmpegVideoSource) source).packetsRead();
        }
        // the file was read once; its later passes play from memory (as Chromium's file capture does)
        assertEquals(10, packetsRead, "JPEG packets read from the file over 2.5 passes");
        assertTrue(frames.size() >= 25, "frames: " + frames.size());
        for (VideoFrame f : frames.subList(0, 25)) {
            assertTrue(f.jpeg().isPresent(), f + " went compressed");
            byte[] jpeg = f.jpeg().get();
            assertEquals(0xFFD8, ((jpeg[0] & 0xff) << 8) | (jpeg[1] & 0xff));
        }
        // Decoded on demand, the file's own stamps: frame i of each pass carries i; the file loops. The sink is
        // added once the source runs, so the first frame seen may be any of the file's: the rest follow it.
        long[] first = FrameStamp.read(frames.get(0).i420(), 320);
        assertNotNull(first, "stamp of the first frame");
        for (int i = 0; i < 25; i++) {
            long[] stamp = FrameStamp.read(frames.get(i).i420(), 320);
            assertNotNull(stamp, "stamp of frame " + i);
            assertEquals((first[0] + i) % 10, stamp[0], "frame " + i + " after a first frame stamped " + first[0]);
        }
        long spanMillis = frames.get(24).captureTimeMillis() - frames.get(0).captureTimeMillis();
        assertTrue(spanMillis >= 700 && spanMillis < 1300, "24 intervals at 30 fps took " + spanMillis + " ms");
    }

    @Test
    void aRawMjpegFileThatFfmpegTakesForAudioIsStillACamera() throws Exception {
        // 90 frames of 1280x720: FFmpeg's format guess read this file as MPEG audio ("has no picture"), seen
        // when scripts/bench-mjpeg.sh chose it in the prompt.
        Path file = SampleFiles.mjpeg(dir, "testsrc2-1280x720.mjpeg", 1280, 720, 90);
        MediaFile probed = MediaFile.probe(file, true);
        assertEquals(1280, probed.width());
        assertEquals(720, probed.height());
        assertEquals(MediaFile.RAW_MJPEG_RATE, probed.frameRate(), 0.001);
        try (VideoSource source = new FileCamera(probed).open(null)) {
            assertTrue(((FFmpegVideoSource) source).passesJpeg());
            List<VideoFrame> frames = collect(source, 3);
            assertTrue(frames.size() >= 3, "frames: " + frames.size());
            assertTrue(frames.get(0).jpeg().isPresent());
        }
    }

    @Test
    void aJpegPhotoStandsInAsAStillAndStaysCompressed() throws Exception {
        BufferedImage img = new BufferedImage(200, 120, BufferedImage.TYPE_INT_RGB);
        var g = img.createGraphics();
        g.setColor(Color.GREEN);
        g.fillRect(0, 0, 200, 120);
        g.dispose();
        Path file = dir.resolve("photo.jpg");
        ImageIO.write(img, "jpeg", file.toFile());
        MediaFile probed = MediaFile.probe(file, true);
        assertTrue(probed.still());
        List<VideoFrame> frames;
        try (VideoSource source = new FileCamera(probed).open(null)) {
            frames = collect(source, 5);
        }
        assertTrue(frames.size() >= 5);
        assertTrue(frames.stream().limit(5).allMatch(f -> f.jpeg().isPresent()));
        assertEquals(4, frames.get(4).sequence() - frames.get(0).sequence());
        byte[] i420 = frames.get(3).i420();
        assertTrue((i420[60 * 200 + 100] & 0xff) > 120, "green is bright");
    }
}
