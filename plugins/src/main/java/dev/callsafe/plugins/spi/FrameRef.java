package dev.callsafe.plugins.spi;

import dev.callsafe.permissions.Origin;

/**
 * A frame as the browser reports it: identity, URL and origins come from the engine, never from the page.
 *
 * @param tabId the tab the frame lives in
 * @param frameId the engine's frame identifier, unique for the frame's lifetime
 * @param url the frame's document URL
 * @param origin the frame's origin (inherited from the parent for {@code about:blank})
 * @param topLevelOrigin the origin of the tab's main frame
 * @param mainFrame whether this is the tab's main frame
 * @param originFrameId the frame the origin comes from: this frame, or for {@code about:blank} and
 *                      {@code about:srcdoc} documents the nearest ancestor with a real URL (the engine
 *                      attributes such a document's network requests to that frame)
 */
public record FrameRef(int tabId, String frameId, String url, Origin origin, Origin topLevelOrigin,
                       boolean mainFrame, String originFrameId) {
    /** A frame whose origin is its own URL's. */
    public FrameRef(int tabId, String frameId, String url, Origin origin, Origin topLevelOrigin, boolean mainFrame) {
        this(tabId, frameId, url, origin, topLevelOrigin, mainFrame, frameId);
    }
}
