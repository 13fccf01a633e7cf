package dev.callsafe.capture.device;

import java.io.IOException;

/** The operating system says another application holds the device (V4L2: EBUSY). */
public final class DeviceBusyException extends IOException {
    public DeviceBusyException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Whether an FFmpeg open failure is the OS reporting the device busy (errno 16, EBUSY). */
    public static boolean isBusy(String ffmpegMessage) {
        return ffmpegMessage != null && (ffmpegMessage.contains("error -16:")
                || ffmpegMessage.toLowerCase(java.util.Locale.ROOT).contains("device or resource busy"));
    }
}
