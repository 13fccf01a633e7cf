package dev.callsafe.plugins.media.constraints;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a video track delivers: the format its source is opened at ({@code native*}) and, with crop-and-scale,
 * the smaller picture and lower rate the track cuts from it.
 */
public record VideoMode(int nativeWidth, int nativeHeight, double nativeFrameRate, int width, int height,
                        double frameRate, boolean cropAndScale) {
    /** A source's own format, passed on unchanged. */
    public static VideoMode natively(int width, int height, double frameRate) {
        return new VideoMode(width, height, frameRate, width, height, frameRate, false);
    }

    public String resizeMode() {
        return cropAndScale ? "crop-and-scale" : "none";
    }

    /** The settings dictionary of this mode (sizes, rate, aspect ratio, resize mode). */
    public Map<String, Object> settings() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("width", width);
        s.put("height", height);
        s.put("frameRate", frameRate);
        s.put("aspectRatio", (double) width / height);
        s.put("resizeMode", resizeMode());
        return s;
    }
}
