package dev.callsafe.capture.screen;

import java.util.Set;

import dev.callsafe.capture.video.VideoSource;

/** A running screen, application or window share ({@link DisplayCapture#open}): frames plus its pointer drawing. */
public interface ScreenShareSource extends VideoSource {
    /** The cursor modes this share can give ({@link CursorMode#NEVER} only when the pointer cannot be read). */
    Set<CursorMode> cursorModes();

    /** Draws the pointer as {@code mode} says from the next frame on; a mode not in {@link #cursorModes()} fails. */
    void setCursor(CursorMode mode);

    /** The current cursor mode. */
    CursorMode cursor();
}
