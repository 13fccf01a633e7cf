package dev.callsafe.capture.screen;

/** What the user chose to share: a whole screen, all windows of one application, or one window. */
public sealed interface ShareTarget {
    /** A screen by its index in {@link WindowInventory#screens()}; windows the share masks are grey/frozen. */
    record Screen(int index) implements ShareTarget {
    }

    /**
     * All windows of one application; the frame is their bounding box on the screen, everything in it that is
     * not one of these windows is obscured. A window belongs when its {@link DesktopWindow#application()}
     * equals {@code application} and, when {@code pid} is not 0, its pid equals {@code pid}.
     */
    record Application(String application, long pid) implements ShareTarget {
        /** Whether {@code w} is one of this application's windows. */
        public boolean owns(DesktopWindow w) {
            return !application.isEmpty() && application.equals(w.application()) && (pid == 0 || pid == w.pid());
        }
    }

    /** One window by its platform id; the frame is the window's bounds. */
    record Window(long windowId) implements ShareTarget {
    }
}
