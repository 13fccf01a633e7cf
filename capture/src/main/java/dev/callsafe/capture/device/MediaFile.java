package dev.callsafe.capture.device;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

import dev.callsafe.capture.video.FFmpegLoader;

/**
 * What a local file offers as a camera or microphone substitute, found by opening it with FFmpeg and
 * decoding its first frame: a file that cannot stand in is refused here with a message for the user,
 * before any track exists.
 *
 * @param still whether the picture is a single image (shown again at {@link #frameRate()})
 */
public record MediaFile(Path path, int width, int height, double frameRate, boolean still, boolean hasAudio) {
    /** The rate a still image is shown at. */
    public static final double STILL_RATE = 15;
    /**
     * The rate of a raw MJPEG file (concatenated JPEGs, no timing): 30, as Chromium's own file capture and most
     * webcams (FFmpeg would assume 25).
     */
    public static final double RAW_MJPEG_RATE = 30;

    /** A file FFmpeg cannot use as asked; the message says why in the user's words. */
    public static final class Unusable extends IOException {
        public Unusable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public boolean hasPicture() {
        return width > 0;
    }

    /** Opens a file and checks it can stand in for a camera ({@code picture}) or a microphone. */
    public static MediaFile probe(Path path, boolean picture) throws Unusable {
        String name = path.getFileName().toString();
        if (!Files.isReadable(path) || Files.isDirectory(path)) {
            throw new Unusable("Cannot read " + name + ": the file does not exist or is not readable", null);
        }
        FFmpegLoader.load();
        FFmpegFrameGrabber g = new FFmpegFrameGrabber(path.toFile());
        try {
            if (picture) {
                g.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            } else {
                g.setSampleFormat(avutil.AV_SAMPLE_FMT_FLT);
            }
            g.start();
            boolean hasVideo = g.hasVideo() && g.getImageWidth() > 1 && g.getImageHeight() > 1;
            boolean hasAudio = g.hasAudio() && g.getAudioChannels() > 0;
            if (picture && !hasVideo) {
                throw new Unusable(name + " has no picture: choose a video or an image", null);
            }
            if (!picture && !hasAudio) {
                throw new Unusable(name + " has no sound: choose an audio file", null);
            }
            Frame first = picture ? g.grabImage() : g.grabSamples();
            if (first == null) {
                throw new Unusable(name + " could not be decoded: it may be damaged or incomplete", null);
            }
            int w = picture ? g.getImageWidth() & ~1 : 0;
            int h = picture ? g.getImageHeight() & ~1 : 0;
            if (picture && (w < 2 || h < 2)) {
                throw new Unusable(name + " is too small to be used as a camera", null);
            }
            long frames = g.getLengthInFrames();
            String format = g.getFormat() == null ? "" : g.getFormat().toLowerCase(Locale.ROOT);
            boolean still = picture && (format.contains("image2") || format.endsWith("_pipe") || frames == 1);
            double rate = still || !(g.getFrameRate() > 0) || g.getFrameRate() > 120 ? STILL_RATE
                    : format.equals("mjpeg") ? RAW_MJPEG_RATE : g.getFrameRate();
            return new MediaFile(path, w, h, picture ? rate : 0, still, hasAudio);
        } catch (FFmpegFrameGrabber.Exception e) {
            throw new Unusable(name + " is not a " + (picture ? "video or image" : "sound")
                    + " file this browser can read (" + firstLine(e.getMessage()) + ")", e);
        } finally {
            try {
                g.stop();
                g.release();
            } catch (FFmpegFrameGrabber.Exception e) {
                // nothing was opened
            }
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unknown error";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }

    /** The device id of this file standing in for a camera or a microphone. */
    public String deviceId() {
        return "file:" + path.toAbsolutePath();
    }

    /** A truthful name for the page and the prompt: the file's name and what it is. */
    public String describe(boolean picture) {
        String name = path.getFileName().toString();
        if (!picture) {
            return "File: " + name + " (audio)";
        }
        return "File: " + name + (still ? " (still image, " : " (video, ") + width + "x" + height + ")";
    }
}
