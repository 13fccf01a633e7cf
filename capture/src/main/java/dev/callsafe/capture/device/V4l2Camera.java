package dev.callsafe.capture.device;

import java.io.IOException;
import java.util.Map;

import dev.callsafe.capture.video.FFmpegVideoSource;
import dev.callsafe.capture.video.VideoFormat;
import dev.callsafe.capture.video.VideoSource;

/** A Video4Linux webcam ({@code /dev/videoN}) read through FFmpeg's v4l2 input. */
public final class V4l2Camera implements Camera {
    private final String path;
    private final String label;

    public V4l2Camera(String path, String label) {
        this.path = path;
        this.label = label;
    }

    @Override
    public String id() {
        return "v4l2:" + path;
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public VideoCapabilities capabilities() {
        // V4L2 does not tell us without opening the device; the real format is read back after open.
        return new VideoCapabilities(160, 1920, 120, 1080, 1, 30);
    }

    /** From this many pixels on, the camera is asked for MJPEG first (raw YUYV at 720p and up is slow on USB 2). */
    static final int MJPEG_FROM_PIXELS = 1280 * 720;

    @Override
    public VideoSource open(VideoFormat format) throws IOException {
        Map<String, String> options = Map.of(
                "video_size", format.width() + "x" + format.height(),
                "framerate", Double.toString(format.frameRate()));
        if (format.width() * format.height() >= MJPEG_FROM_PIXELS) {
            // MJPEG frames go to the page compressed; a camera without that mode opens as before.
            Map<String, String> mjpeg = new java.util.HashMap<>(options);
            mjpeg.put("input_format", "mjpeg");
            try {
                return new FFmpegVideoSource(path, "v4l2", mjpeg, format, false, false).start();
            } catch (IOException e) {
                if (DeviceBusyException.isBusy(e.getMessage())) {
                    throw new DeviceBusyException(label + " is in use by another application", e);
                }
            }
        }
        try {
            return new FFmpegVideoSource(path, "v4l2", options, format, false, false).start();
        } catch (IOException e) {
            if (DeviceBusyException.isBusy(e.getMessage())) {
                throw new DeviceBusyException(label + " is in use by another application", e);
            }
            throw e;
        }
    }
}
