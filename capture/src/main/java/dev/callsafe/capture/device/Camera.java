package dev.callsafe.capture.device;

import java.io.IOException;

import dev.callsafe.capture.video.VideoFormat;
import dev.callsafe.capture.video.VideoSource;

/** A camera the user can choose: real or synthetic, opened only after consent. */
public interface Camera {
    /** A stable id for this machine (never shown to pages as is). */
    String id();

    /** A human-readable name that says truthfully what this is. */
    String label();

    VideoCapabilities capabilities();

    /** Starts capture at a format within {@link #capabilities()}. */
    VideoSource open(VideoFormat format) throws IOException;
}
