package dev.callsafe.capture.device;

/** The range of sizes and rates a camera can deliver; what {@code getCapabilities()} reports. */
public record VideoCapabilities(int minWidth, int maxWidth, int minHeight, int maxHeight,
                                double minFrameRate, double maxFrameRate) {
}
