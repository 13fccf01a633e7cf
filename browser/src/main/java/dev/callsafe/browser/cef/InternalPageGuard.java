package dev.callsafe.browser.cef;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.cef.browser.CefBrowser;
import org.cef.browser.CefFrame;
import org.cef.handler.CefRequestHandlerAdapter;
import org.cef.network.CefRequest;

/**
 * Keeps web pages away from the browser's own pages ({@code callsafe://}): only the browser itself (address
 * bar, error page, start page), an internal page, or the session history may open one, and only in a main
 * frame. A web page cannot frame one or navigate itself or its top to one: the navigation is cancelled
 * before any request is made.
 */
public final class InternalPageGuard extends CefRequestHandlerAdapter {
    /** Per browser: the internal host the browser itself is about to open (one navigation). */
    private final Map<Integer, String> browserLoads = new ConcurrentHashMap<>();
    private final AtomicLong refused = new AtomicLong();

    /** Loads {@code url} in the browser's main frame as the browser's own navigation. */
    public void load(CefBrowser browser, String url) {
        String host = internalHost(url);
        if (host != null) {
            browserLoads.put(browser.getIdentifier(), host);
        }
        browser.loadURL(url);
    }

    /** How many navigations to internal pages were refused (diagnostics and tests). */
    public long refused() {
        return refused.get();
    }

    @Override
    public boolean onBeforeBrowse(CefBrowser browser, CefFrame frame, CefRequest request, boolean userGesture,
                                  boolean isRedirect) {
        String host = internalHost(request.getURL());
        if (host == null) {
            return false;
        }
        if (allowed(browser, frame, request, host, isRedirect)) {
            return false;
        }
        refused.incrementAndGet();
        return true; // cancel
    }

    private boolean allowed(CefBrowser browser, CefFrame frame, CefRequest request, String host,
                            boolean isRedirect) {
        if (frame == null || !frame.isMain() || isRedirect) {
            return false; // internal pages are never framed, and no server may redirect to one
        }
        // the browser's own load; consumed so a page cannot ride on it later
        if (browserLoads.remove(browser.getIdentifier(), host)) {
            return true;
        }
        if (internalHost(frame.getURL()) != null) {
            return true; // an internal page moving on (reload, its own links)
        }
        // back and forward: the entry was opened legitimately once
        CefRequest.TransitionType t = request.getTransitionType();
        return t != null && t.isSet(CefRequest.TransitionFlags.TT_FORWARD_BACK_FLAG);
    }

    /**
     * Whether an internal-page request may be answered: a main-frame navigation (already vetted by
     * {@link #onBeforeBrowse}) or a file an internal page loads. Web pages' scripts, images and fetches of
     * {@code callsafe://} get a refusal, and workers (no frame) too.
     */
    static boolean mayServe(CefFrame frame, CefRequest request) {
        if (frame == null) {
            return false;
        }
        if (request.getResourceType() == CefRequest.ResourceType.RT_MAIN_FRAME) {
            return frame.isMain();
        }
        if (request.getResourceType() == CefRequest.ResourceType.RT_SUB_FRAME) {
            return false;
        }
        // The requester's page: its site for cookies and its referrer come with the request; the frame's URL
        // is updated on another thread and can still name the previous document (with only that check,
        // ShellEndToEndTest once saw the error page loaded after a failed address without its script).
        return internalHost(request.getFirstPartyForCookies()) != null
                || internalHost(request.getReferrerURL()) != null
                || internalHost(frame.getURL()) != null;
    }

    /** The host of an internal-page URL, or null when the URL is not one. */
    static String internalHost(String url) {
        String prefix = InternalPages.SCHEME + ":";
        if (url == null || !url.regionMatches(true, 0, prefix, 0, prefix.length())) {
            return null;
        }
        try {
            String host = URI.create(url).getHost();
            return host == null ? "" : host.toLowerCase(java.util.Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return ""; // still internal: refused unless the browser itself opens it
        }
    }
}
