package dev.callsafe.capture.audio;

/**
 * A block of mono float samples in [-1, 1].
 *
 * @param sequence the source's chunk counter
 * @param captureTimeMillis wall-clock time of the first sample
 */
public record AudioChunk(int sampleRate, long sequence, long captureTimeMillis, float[] samples) {
}
