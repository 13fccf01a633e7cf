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
        CefFrame source = originSource(frame);
        return new FrameRef(browser.getIdentifier(), frame.getIdentifier(), frame.getURL(),
                source == null ? Origin.opaque() : Origin.of(source.getURL()), top, frame.isMain(),
                source == null ? frame.getIdentifier() : source.getIdentifier());
    }

    /** A frame's origin; {@code about:blank} and {@code about:srcdoc} documents inherit their parent's. */
    static Origin originOf(CefFrame frame) {
        CefFrame source = originSource(frame);
        return source == null ? Origin.opaque() : Origin.of(source.getURL());
    }

    /** The frame whose URL gives this frame its origin: itself, or its nearest ancestor with a real URL. */
    private static CefFrame originSource(CefFrame frame) {
        CefFrame f = frame;
        for (int depth = 0; f != null && depth < 32; depth++) {
            String url = f.getURL();
            if (url != null && (url.startsWith("about:blank") || url.equals("about:srcdoc") || url.isEmpty())) {
                f = f.getParent();
                continue;
            }
            return f;
        }
        return null;
    }
}
