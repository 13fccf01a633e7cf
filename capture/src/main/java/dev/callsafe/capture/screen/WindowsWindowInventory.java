package dev.callsafe.capture.screen;

import java.io.IOException;
import java.util.List;

/**
 * Windows placeholder. Status: NOT IMPLEMENTED (not buildable or testable on the Linux build machine). The way
 * there: EnumWindows (top-down Z order, reverse it), IsWindowVisible/DwmGetWindowAttribute(EXTENDED_FRAME_BOUNDS),
 * GetWindowThreadProcessId and the process image name as the application; capture with Desktop Duplication.
 */
public final class WindowsWindowInventory implements WindowInventory {
    @Override
    public List<Bounds> screens() throws IOException {
        throw unsupported();
    }

    @Override
    public List<DesktopWindow> windows() throws IOException {
        throw unsupported();
    }

    @Override
    public boolean isSupported() {
        return false;
    }

    static IOException unsupported() {
        return new IOException("screen sharing is not implemented on " + System.getProperty("os.name"));
    }
}
