package dev.callsafe.capture.video;

/**
 * One captured picture in I420 (Y plane, then U, then V, no padding).
 *
 * @param sequence the source's frame counter, starting at 0
 * @param captureTimeMillis wall-clock time at capture, comparable with the page's {@code Date.now()}
 */
public record VideoFrame(int width, int height, long sequence, long captureTimeMillis, byte[] i420) {
    public VideoFrame {
        if (i420.length != width * height * 3 / 2) {
            throw new IllegalArgumentException("I420 buffer of " + i420.length + " bytes for " + width + "x" + height);
        }
    }
}
