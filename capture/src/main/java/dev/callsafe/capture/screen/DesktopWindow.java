package dev.callsafe.capture.screen;

/**
 * One mapped, viewable top-level window of the desktop.
 *
 * @param id the platform's window id (X11: the top-level window, i.e. the window manager's frame when there is one)
 * @param title the window's title (X11: {@code _NET_WM_NAME}, else {@code WM_NAME}); empty when it has none
 * @param application the grouping key shown to the user (X11: the class part of {@code WM_CLASS}); empty when
 *        unknown, and a window of unknown application never belongs to a shared application
 * @param pid the owning process ({@code _NET_WM_PID}), 0 when unknown
 * @param bounds where it is, in absolute root-window pixels, border included
 */
public record DesktopWindow(long id, String title, String application, long pid, Bounds bounds) {
}
