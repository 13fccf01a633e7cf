package dev.callsafe.capture.screen;

import java.io.IOException;
import java.util.List;

/**
 * The desktop's screens and top-level windows with their stacking order, read afresh on every call.
 * Implementations are thread-safe.
 */
public interface WindowInventory {
    /** The screens in absolute root-window pixels; index 0 is the first screen. */
    List<Bounds> screens() throws IOException;

    /** The viewable top-level windows in stacking order, bottom first, top-most last. */
    List<DesktopWindow> windows() throws IOException;

    /** Whether this platform's inventory works here (false for the placeholders of unsupported platforms). */
    boolean isSupported();

    /**
     * The inventory of the platform this runs on: X11 (through libxcb, on the display named by
     * {@code DISPLAY}) on Linux; on Windows and macOS a placeholder whose calls throw, see
     * {@link WindowsWindowInventory} and {@link MacWindowInventory}.
     */
    static WindowInventory forThisPlatform() {
        String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
        if (os.startsWith("windows")) {
            return new WindowsWindowInventory();
        }
        if (os.startsWith("mac")) {
            return new MacWindowInventory();
        }
        return X11WindowInventory.shared();
    }
}
