package dev.callsafe.plugins.media;

import java.awt.Dialog;
import java.awt.Frame;
import java.awt.Window;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;

import dev.callsafe.capture.screen.DesktopWindow;

/**
 * Recognises this browser's own windows on the desktop: those of this process (the engine's windows live
 * in it too), and, where the window system does not say which process owns a window, those titled like
 * one of our showing windows. Screen sharing masks them; application sharing never offers them.
 */
final class OwnWindows implements Predicate<DesktopWindow> {
    private static final long SELF = ProcessHandle.current().pid();
    private static final long TITLES_FRESH_MS = 500;

    private volatile Set<String> titles = Set.of();
    private volatile long titlesAt;

    @Override
    public boolean test(DesktopWindow w) {
        if (w.pid() != 0) {
            return isThisBrowser(w.pid());
        }
        return w.title() != null && !w.title().isEmpty() && ownTitles().contains(w.title());
    }

    /** Whether a process id is this browser's. */
    static boolean isThisBrowser(long pid) {
        return pid == SELF;
    }

    private Set<String> ownTitles() {
        long now = System.currentTimeMillis();
        if (now - titlesAt > TITLES_FRESH_MS) {
            Set<String> out = new HashSet<>();
            for (Window w : Window.getWindows()) {
                if (w.isShowing()) {
                    String t = w instanceof Frame ? ((Frame) w).getTitle() : w instanceof Dialog ? ((Dialog) w).getTitle() : null;
                    if (t != null && !t.isEmpty()) {
                        out.add(t);
                    }
                }
            }
            titles = out;
            titlesAt = now;
        }
        return titles;
    }
}
