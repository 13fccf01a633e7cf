package dev.callsafe.capture.device;

import java.io.IOException;
import java.util.Map;

import dev.callsafe.capture.video.FFmpegVideoSource;
import dev.callsafe.capture.video.VideoFormat;
import dev.callsafe.capture.video.VideoSource;

/**
 * A moving FFmpeg test pattern standing in for a webcam. Besides {@code testsrc2}'s own motion it carries
 * three solid boxes along the bottom edge (red, green, blue from left to right for the first camera; each
 * further camera has its own {@link #boxColours(int) colours}) and a {@link
 * dev.callsafe.capture.video.FrameStamp}, so a page can check which camera it sees, the counter and the delay.
 */
public final class SyntheticCamera implements Camera {
    /** Where the colour boxes sit: each is {@code height / BOX_FRACTION} square, at the bottom edge. */
    public static final int BOX_FRACTION = 6;

    /** Box colours (FFmpeg names, left to right) of the synthetic cameras, by number from 1; they repeat. */
    private static final String[][] PALETTES = {
        {"red", "lime", "blue"},
        {"yellow", "cyan", "magenta"},
        {"white", "black", "white"},
        {"blue", "red", "lime"},
    };

    private final String id;
    private final String label;
    private final String[] boxes;

    public SyntheticCamera(String id, String label) {
        this(id, label, 1);
    }

    /** The {@code number}th synthetic camera (from 1): its boxes have that camera's colours. */
    public SyntheticCamera(String id, String label, int number) {
        this.id = id;
        this.label = label;
        this.boxes = boxColours(number);
    }

    /** The FFmpeg colour names of camera {@code number}'s three boxes, left to right. */
    public static String[] boxColours(int number) {
        return PALETTES[Math.floorMod(number - 1, PALETTES.length)].clone();
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
        return new FFmpegVideoSource(filterGraph(format, boxes), "lavfi", Map.of(), format, true, true).start();
    }

    /** The FFmpeg {@code lavfi} graph of camera {@code number}'s picture (also used to make sample files). */
    public static String filterGraph(VideoFormat format, int number) {
        return filterGraph(format, boxColours(number));
    }

    private static String filterGraph(VideoFormat format, String[] boxes) {
        int w = format.width();
        int h = format.height();
        int box = h / BOX_FRACTION;
        String graph = String.format(java.util.Locale.ROOT,
                "testsrc2=size=%dx%d:rate=%s,"
                        + "drawbox=x=0:y=%d:w=%d:h=%d:color=%s@1:t=fill,"
                        + "drawbox=x=%d:y=%d:w=%d:h=%d:color=%s@1:t=fill,"
                        + "drawbox=x=%d:y=%d:w=%d:h=%d:color=%s@1:t=fill",
                w, h, trim(format.frameRate()),
                h - box, box, box, boxes[0],
                (w - box) / 2, h - box, box, box, boxes[1],
                w - box, h - box, box, box, boxes[2]);
        return graph;
    }

    private static String trim(double rate) {
        return rate == Math.rint(rate) ? Long.toString((long) rate) : Double.toString(rate);
    }
}
