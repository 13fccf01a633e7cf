package dev.callsafe.capture.video;

/** Turns a JPEG frame into I420 pixels, for the consumers that need pixels in Java. */
@FunctionalInterface
public interface JpegDecoder {
    /**
     * The picture in I420 of exactly {@code width x height}; never fails: a picture that cannot be decoded gives
     * the last good one (or black), as a damaged webcam frame should not end the capture.
     */
    byte[] toI420(byte[] jpeg, int width, int height);
}
