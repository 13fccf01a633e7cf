package org.cef.browser;

/**
 * Sends a DevTools command whose answer nobody waits for, outside {@link CefDevToolsClient}'s table of
 * waiting commands.
 *
 * <p>The client files a command under its message id once the id comes back, but commands that the browser
 * process answers at once ({@code Page.screencastFrameAck}) are answered before that: the answer finds no
 * entry, and the entry filed afterwards waits for good. One acknowledgement per screencast picture left
 * 30 entries a second (50,418 after 28 minutes of a tab share). Sent here, no entry is filed; the client
 * still sees the answer, finds nothing and keeps nothing.
 *
 * <p>It lives in JCEF's package because {@link CefBrowser_N#executeDevToolsMethod} is package-private.
 */
public final class DevToolsSend {
    private DevToolsSend() {
    }

    /** Sends {@code method} with {@code params} (JSON or null) to {@code browser}'s DevTools agent; call on CEF's UI thread. */
    public static void send(CefBrowser browser, String method, String params) {
        ((CefBrowser_N) browser).executeDevToolsMethod(method, params);
    }
}
