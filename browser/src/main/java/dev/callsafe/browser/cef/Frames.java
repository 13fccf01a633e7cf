package dev.callsafe.browser.cef;

import org.cef.browser.CefBrowser;
import org.cef.browser.CefFrame;

import dev.callsafe.permissions.Origin;
import dev.callsafe.plugins.spi.FrameRef;

/** Builds {@link FrameRef}s from what CEF reports; the only place a frame's origin is derived. */
public final class Frames {
    private Frames() {
    }

    public static FrameRef of(CefBrowser browser, CefFrame frame) {
        CefFrame main = browser.getMainFrame();
        Origin top = main == null ? Origin.opaque() : originOf(main);
        return new FrameRef(browser.getIdentifier(), frame.getIdentifier(), frame.getURL(), originOf(frame), top,
                frame.isMain());
    }

    /** A frame's origin; {@code about:blank} and {@code about:srcdoc} documents inherit their parent's. */
    static Origin originOf(CefFrame frame) {
        CefFrame f = frame;
        for (int depth = 0; f != null && depth < 32; depth++) {
            String url = f.getURL();
            if (url != null && (url.startsWith("about:blank") || url.equals("about:srcdoc") || url.isEmpty())) {
                f = f.getParent();
                continue;
            }
            return Origin.of(url);
        }
        return Origin.opaque();
    }
}
