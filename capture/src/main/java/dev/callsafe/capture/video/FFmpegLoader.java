package dev.callsafe.capture.video;

import org.bytedeco.ffmpeg.global.avdevice;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegLogCallback;

/** Loads FFmpeg's native libraries and device formats once per process. */
public final class FFmpegLoader {
    private static volatile boolean loaded;

    private FFmpegLoader() {
    }

    /** Loads FFmpeg; throws a LinkageError with the missing library's name when a system package is absent. */
    public static synchronized void load() {
        if (loaded) {
            return;
        }
        try {
            FFmpegFrameGrabber.tryLoad();
        } catch (FFmpegFrameGrabber.Exception e) {
            throw new LinkageError("FFmpeg could not be loaded: " + e.getMessage(), e);
        }
        avdevice.avdevice_register_all();
        org.bytedeco.ffmpeg.global.avutil.av_log_set_level(org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR);
        FFmpegLogCallback.set();
        loaded = true;
    }
}
