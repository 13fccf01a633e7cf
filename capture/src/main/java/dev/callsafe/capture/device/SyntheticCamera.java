package dev.callsafe.capture.device;

import java.io.IOException;
import java.util.Map;

import dev.callsafe.capture.video.FFmpegVideoSource;
import dev.callsafe.capture.video.VideoFormat;
import dev.callsafe.capture.video.VideoSource;

/**
 * A moving FFmpeg test pattern standing in for a webcam. Besides {@code testsrc2}'s own motion it carries
 * three solid boxes along the bottom edge (red, green, blue from left to right) and a {@link
 * dev.callsafe.capture.video.FrameStamp}, so a page can check colours, the counter and the delay.
 */
public final class SyntheticCamera implements Camera {
    /** Where the colour boxes sit: each is {@code height / BOX_FRACTION} square, at the bottom edge. */
    public static final int BOX_FRACTION = 6;

    private final String id;
    private final String label;

    public SyntheticCamera(String id, String label) {
        this.id = id;
        this.label = label;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public VideoCapabilities capabilities() {
        return new VideoCapabilities(160, 1920, 120, 1080, 1, 60);
    }

    @Override
    public VideoSource open(VideoFormat format) throws IOException {
        int w = format.width();
        int h = format.height();
        int box = h / BOX_FRACTION;
        String graph = String.format(java.util.Locale.ROOT,
                "testsrc2=size=%dx%d:rate=%s,"
                        + "drawbox=x=0:y=%d:w=%d:h=%d:color=red@1:t=fill,"
                        + "drawbox=x=%d:y=%d:w=%d:h=%d:color=lime@1:t=fill,"
                        + "drawbox=x=%d:y=%d:w=%d:h=%d:color=blue@1:t=fill",
                w, h, trim(format.frameRate()),
                h - box, box, box,
                (w - box) / 2, h - box, box, box,
                w - box, h - box, box, box);
        return new FFmpegVideoSource(graph, "lavfi", Map.of(), format, true, true).start();
    }

    private static String trim(double rate) {
        return rate == Math.rint(rate) ? Long.toString((long) rate) : Double.toString(rate);
    }
}
