package dev.callsafe.capture.video;

/** A frame size and rate a video source delivers. */
public record VideoFormat(int width, int height, double frameRate) {
    public VideoFormat {
        if (width <= 0 || height <= 0 || width % 2 != 0 || height % 2 != 0) {
            throw new IllegalArgumentException("frame size must be positive and even: " + width + "x" + height);
        }
        if (!(frameRate > 0)) {
            throw new IllegalArgumentException("frame rate must be positive: " + frameRate);
        }
    }

    /** Bytes of one I420 frame of this size. */
    public int i420Size() {
        return width * height * 3 / 2;
    }

    @Override
    public String toString() {
        return width + "x" + height + "@" + frameRate;
    }
}
