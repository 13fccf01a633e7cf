package dev.callsafe.capture.device;

import java.io.IOException;
import java.util.Map;

import dev.callsafe.capture.video.FFmpegVideoSource;
import dev.callsafe.capture.video.VideoFormat;
import dev.callsafe.capture.video.VideoSource;

/** A video or image file the user chose instead of a camera: looped, paced at the file's own rate. */
public final class FileCamera implements Camera {
    private final MediaFile file;

    public FileCamera(MediaFile file) {
        if (!file.hasPicture()) {
            throw new IllegalArgumentException("not a picture file: " + file.path());
        }
        this.file = file;
    }

    public MediaFile file() {
        return file;
    }

    @Override
    public String id() {
        return file.deviceId();
    }

    @Override
    public String label() {
        return file.describe(true);
    }

    /** Exactly the file's size and rate: a file is shown as it is, not stretched. */
    @Override
    public VideoCapabilities capabilities() {
        return new VideoCapabilities(file.width(), file.width(), file.height(), file.height(),
                file.frameRate(), file.frameRate());
    }

    @Override
    public VideoSource open(VideoFormat format) throws IOException {
        VideoFormat own = new VideoFormat(file.width(), file.height(), file.frameRate());
        return new FFmpegVideoSource(file.path().toAbsolutePath().toString(), file.inputFormat(), Map.of(), own, true, false)
                .looping().start();
    }
}
