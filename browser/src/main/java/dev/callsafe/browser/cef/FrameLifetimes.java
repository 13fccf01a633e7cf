package dev.callsafe.browser.cef;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import javax.swing.SwingUtilities;
import javax.swing.Timer;

import org.cef.browser.CefBrowser;

/**
 * Notices the frames of one tab that went away. JCEF 146 has no frame handler (no {@code onFrameDetached}),
 * and an iframe's CEF identifier changes with each cross-document navigation, cross-site or not (measured), so
 * a frame that is removed or navigates simply leaves {@link CefBrowser#getFrameIdentifiers()}. Every frame the
 * browser told plugins about is remembered; whenever the engine hints that frames changed (DevTools
 * {@code Page.frameDetached}/{@code frameNavigated}, a detached target, a load starting or ending) and once a
 * second besides, the tab's live frames are compared with them, and each one gone is reported once. Swing
 * thread (CEF's UI thread here), except {@link #hint()}.
 */
public final class FrameLifetimes {
    /** DevTools events after which a frame may be gone. */
    private static final Set<String> HINTS = Set.of("Page.frameDetached", "Page.frameNavigated",
            "Target.detachedFromTarget", "Page.frameStartedNavigating");
    /** A second look after a hint: CEF drops a replaced frame shortly after DevTools reports the swap. */
    private static final int SECOND_LOOK_MS = 250;

    private final CefBrowser browser;
    private final Consumer<String> gone;
    private final Set<String> known = new HashSet<>();
    private final Timer secondLook;

    /** @param gone hears each frame identifier that went away, once */
    public FrameLifetimes(CefBrowser browser, TargetTree targets, Consumer<String> gone) {
        this.browser = browser;
        this.gone = gone;
        this.secondLook = new Timer(SECOND_LOOK_MS, e -> check());
        secondLook.setRepeats(false);
        targets.onEvent((path, method, params) -> {
            if (HINTS.contains(method)) {
                hint();
            }
        });
    }

    /** A frame the browser reported to plugins (a page message, a load): watched from now on. */
    public void seen(String frameId) {
        if (frameId != null && !frameId.isEmpty()) {
            known.add(frameId);
        }
    }

    /** Frames may have changed: look now and once more shortly after. Any thread. */
    public void hint() {
        SwingUtilities.invokeLater(() -> {
            check();
            secondLook.restart();
        });
    }

    /** Reports the remembered frames the engine no longer has. */
    public void check() {
        if (known.isEmpty()) {
            return;
        }
        List<String> live = browser.getFrameIdentifiers();
        if (live == null || live.isEmpty()) {
            return; // a browser being created or closed: no answer, and tab close ends everything anyway
        }
        Set<String> vanished = new HashSet<>(known);
        live.forEach(vanished::remove);
        known.removeAll(vanished);
        vanished.forEach(gone);
    }
}
