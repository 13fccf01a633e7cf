package dev.callsafe.capture.device;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import javax.imageio.ImageIO;

import dev.callsafe.capture.video.FFmpegLoader;
import dev.callsafe.capture.video.FrameStamp;
import dev.callsafe.capture.video.VideoFormat;

import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

/**
 * Media files generated for tests: a solid-colour video, a solid-colour image, a tone, a damaged video.
 * Public because the browser's end-to-end tests use it through the capture test-jar.
 */
public final class SampleFiles {
    private SampleFiles() {
    }

    /** A Matroska/MPEG-4 video of one solid colour. */
    public static Path video(Path dir, String name, Color colour, int width, int height, double rate, int frames)
            throws IOException {
        Path file = dir.resolve(name);
        try (FFmpegFrameRecorder r = new FFmpegFrameRecorder(file.toFile(), width, height, 0)) {
            r.setFormat("matroska");
            r.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
            r.setVideoQuality(2);
            r.setFrameRate(rate);
            r.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            r.start();
            Frame f = new Frame(width, height, Frame.DEPTH_UBYTE, 3);
            ByteBuffer px = (ByteBuffer) f.image[0];
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int at = y * f.imageStride + x * 3;
                    px.put(at, (byte) colour.getBlue()).put(at + 1, (byte) colour.getGreen())
                            .put(at + 2, (byte) colour.getRed());
                }
            }
            for (int i = 0; i < frames; i++) {
                r.record(f, avutil.AV_PIX_FMT_BGR24);
            }
            r.stop();
        }
        return file;
    }

    /**
     * A raw MJPEG file (concatenated JPEGs, as Chromium's {@code --use-file-for-fake-video-capture=x.mjpeg} reads
     * and as a webcam in MJPEG mode delivers): {@code frames} pictures of the first synthetic camera (testsrc2,
     * red/green/blue boxes along the bottom) at {@code width x height}, each with a {@link FrameStamp} whose
     * number is the frame's index in the file and whose time is 0.
     */
    public static Path mjpeg(Path dir, String name, int width, int height, int frames) throws IOException {
        Path file = dir.resolve(name);
        VideoFormat format = new VideoFormat(width, height, 30);
        FFmpegLoader.load();
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(SyntheticCamera.filterGraph(format, 1));
             FFmpegFrameRecorder r = new FFmpegFrameRecorder(file.toFile(), width, height, 0)) {
            g.setFormat("lavfi");
            g.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            g.start();
            r.setFormat("mjpeg");
            r.setVideoCodec(avcodec.AV_CODEC_ID_MJPEG);
            r.setPixelFormat(avutil.AV_PIX_FMT_YUVJ420P);
            r.setVideoQuality(3);
            r.setFrameRate(30);
            r.start();
            byte[] i420 = new byte[format.i420Size()];
            for (int i = 0; i < frames; i++) {
                Frame f = g.grabImage();
                ByteBuffer px = (ByteBuffer) f.image[0];
                if (f.imageStride != width) {
                    throw new IOException("padded lavfi frame: stride " + f.imageStride);
                }
                px.duplicate().clear().get(i420);
                FrameStamp.write(i420, width, height, i, 0);
                r.recordImage(width, height, Frame.DEPTH_UBYTE, 1, width, avutil.AV_PIX_FMT_YUV420P,
                        ByteBuffer.wrap(i420));
            }
            r.stop();
            g.stop();
        }
        return file;
    }

    /** A PNG image of one solid colour. */
    public static Path image(Path dir, String name, Color colour, int width, int height) throws IOException {
        Path file = dir.resolve(name);
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        var g = img.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, width, height);
        g.dispose();
        ImageIO.write(img, "png", file.toFile());
        return file;
    }

    /** A WAV file of a sine tone at 44.1 kHz (the source resamples it to 48 kHz). */
    public static Path tone(Path dir, String name, double hz, double seconds) throws IOException {
        Path file = dir.resolve(name);
        int rate = 44_100;
        short[] s = new short[(int) (rate * seconds)];
        for (int i = 0; i < s.length; i++) {
            s[i] = (short) (Math.sin(2 * Math.PI * hz * i / rate) * 12_000);
        }
        try (FFmpegFrameRecorder r = new FFmpegFrameRecorder(file.toFile(), 1)) {
            r.setFormat("wav");
            r.setAudioCodec(avcodec.AV_CODEC_ID_PCM_S16LE);
            r.setSampleRate(rate);
            r.start();
            r.recordSamples(rate, 1, ShortBuffer.wrap(s));
            r.stop();
        }
        return file;
    }

    /** The first bytes of a real video: a file cut short, as a broken download leaves it. */
    public static Path damaged(Path dir, String name) throws IOException {
        Path good = video(dir, "whole-" + name, Color.GRAY, 160, 120, 10, 10);
        byte[] all = Files.readAllBytes(good);
        byte[] cut = Arrays.copyOf(all, Math.min(all.length, 300));
        Arrays.fill(cut, 40, cut.length, (byte) 0x5a);
        return Files.write(dir.resolve(name), cut);
    }
}
