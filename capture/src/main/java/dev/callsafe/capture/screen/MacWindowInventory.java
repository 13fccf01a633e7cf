package dev.callsafe.capture.screen;

import java.io.IOException;
import java.util.List;

/**
 * macOS placeholder. Status: NOT IMPLEMENTED (not buildable or testable on the Linux build machine). The way
 * there: CGWindowListCopyWindowInfo(kCGWindowListOptionOnScreenOnly) gives windows front to back with
 * kCGWindowOwnerPID/OwnerName/Bounds/Layer; capture needs ScreenCaptureKit and the Screen Recording permission.
 */
public final class MacWindowInventory implements WindowInventory {
    @Override
    public List<Bounds> screens() throws IOException {
        throw WindowsWindowInventory.unsupported();
    }

    @Override
    public List<DesktopWindow> windows() throws IOException {
        throw WindowsWindowInventory.unsupported();
    }

    @Override
    public boolean isSupported() {
        return false;
    }
}
