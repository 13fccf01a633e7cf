package dev.callsafe.browser.shell;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import javax.swing.SwingUtilities;

import org.cef.CefClient;
import org.cef.browser.CefBrowser;
import org.cef.browser.CefFrame;
import org.cef.handler.CefDisplayHandlerAdapter;
import org.cef.handler.CefKeyboardHandler;
import org.cef.handler.CefKeyboardHandlerAdapter;
import org.cef.handler.CefLifeSpanHandlerAdapter;
import org.cef.handler.CefLoadHandler;
import org.cef.handler.CefLoadHandlerAdapter;
import org.cef.handler.CefRequestHandler;
import org.cef.handler.CefRequestHandlerAdapter;
import org.cef.misc.BoolRef;
import org.cef.misc.EventFlags;
import org.cef.network.CefRequest;

import dev.callsafe.browser.cef.InternalPages;
import dev.callsafe.browser.plugin.PluginHost;

/** Turns CEF's per-browser callbacks into window updates and plugin tab events, on the Swing thread. */
public final class TabEvents {
    static final String ERROR_PAGE = InternalPages.SCHEME + "://error/";

    private final BrowserWindow window;
    private final PluginHost plugins;

    private TabEvents(BrowserWindow window, PluginHost plugins) {
        this.window = window;
        this.plugins = plugins;
    }

    /** Registers the handlers on the client shared by every tab of the window. */
    public static void attach(CefClient client, BrowserWindow window, PluginHost plugins) {
        TabEvents events = new TabEvents(window, plugins);
        client.addLifeSpanHandler(events.new LifeSpan());
        client.addRequestHandler(events.new Requests());
        client.addLoadHandler(events.new Load());
        client.addDisplayHandler(events.new Display());
        client.addKeyboardHandler(events.new Keys());
        client.addContextMenuHandler(new PageContextMenu(window));
        client.addFocusHandler(events.new Focus());
        client.addDownloadHandler(window.downloads());
    }

    private void onTab(CefBrowser browser, java.util.function.Consumer<BrowserTab> action) {
        SwingUtilities.invokeLater(() -> window.tabFor(browser).ifPresent(action));
    }

    private final class LifeSpan extends CefLifeSpanHandlerAdapter {
        @Override
        public void onAfterCreated(CefBrowser browser) {
            SwingUtilities.invokeLater(() -> window.browserCreated(browser));
        }

        /**
         * No native popups: JCEF 146 cancels every popup of an off-screen browser before this is called, and
         * should a build call it, it is refused too. Pages get new tabs through {@link NewTabRequests} (user
         * activation, web addresses, the opener's sandbox kept).
         */
        @Override
        public boolean onBeforePopup(CefBrowser browser, CefFrame frame, String targetUrl, String targetFrameName) {
            return true;
        }
    }

    private final class Load extends CefLoadHandlerAdapter {
        @Override
        public void onLoadStart(CefBrowser browser, CefFrame frame, CefRequest.TransitionType transitionType) {
            boolean main = frame.isMain();
            String frameId = frame.getIdentifier();
            onTab(browser, tab -> {
                tab.frames().seen(frameId);
                tab.frames().hint(); // the document this load replaces may be gone, under another frame id
                if (main) {
                    window.pageStarted(tab);
                    plugins.fire(l -> l.mainFrameNavigated(tab));
                } else {
                    plugins.fire(l -> l.frameNavigated(tab, frameId));
                }
            });
        }

        @Override
        public void onLoadEnd(CefBrowser browser, CefFrame frame, int httpStatusCode) {
            boolean main = frame.isMain();
            onTab(browser, tab -> {
                tab.frames().hint();
                if (main) {
                    window.pageLoaded(tab);
                }
            });
        }

        @Override
        public void onLoadingStateChange(CefBrowser browser, boolean isLoading, boolean canGoBack, boolean canGoForward) {
            onTab(browser, window::showHistoryState);
        }

        @Override
        public void onLoadError(CefBrowser browser, CefFrame frame, CefLoadHandler.ErrorCode errorCode,
                                String errorText, String failedUrl) {
            if (!frame.isMain() || errorCode == CefLoadHandler.ErrorCode.ERR_ABORTED
                    || failedUrl.startsWith(ERROR_PAGE)) {
                return;
            }
            String page = ERROR_PAGE + "?url=" + enc(failedUrl) + "&reason=" + enc(errorCode.name())
                    + "&text=" + enc(errorText == null ? "" : errorText);
            onTab(browser, tab -> {
                window.pageGuard().load(tab.browser(), page);
                window.addressChanged(tab, failedUrl);
            });
        }
    }

    /**
     * CEF takes one request handler: navigations go through the internal-page guard, and a page whose process
     * ended (crash, kill, out of memory) ends what its documents held and shows the error page with Reload.
     */
    private final class Requests extends CefRequestHandlerAdapter {
        @Override
        public boolean onBeforeBrowse(CefBrowser browser, CefFrame frame, CefRequest request, boolean userGesture,
                                      boolean isRedirect) {
            return window.pageGuard().onBeforeBrowse(browser, frame, request, userGesture, isRedirect);
        }

        @Override
        public void onRenderProcessTerminated(CefBrowser browser, CefRequestHandler.TerminationStatus status,
                                              int errorCode, String errorString) {
            onTab(browser, tab -> {
                plugins.fire(l -> l.pageCrashed(tab));
                String url = tab.displayUrl(); // the engine's own URL is empty once its process is gone
                if (url == null || url.isEmpty() || url.startsWith(ERROR_PAGE)) {
                    return; // the error page itself: nothing to reload into
                }
                window.pageGuard().load(tab.browser(), ERROR_PAGE + "?crashed=1&url=" + enc(url) + "&reason="
                        + enc(status.name()) + "&text=" + enc("the page's process ended; camera, microphone and"
                        + " sharing in this tab stopped"));
                window.addressChanged(tab, url);
            });
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private final class Display extends CefDisplayHandlerAdapter {
        @Override
        public void onAddressChange(CefBrowser browser, CefFrame frame, String url) {
            if (frame != null && !frame.isMain()) {
                return;
            }
            if (url.startsWith(ERROR_PAGE)) {
                return; // keep showing the address that failed
            }
            onTab(browser, tab -> window.addressChanged(tab, url));
        }

        @Override
        public void onTitleChange(CefBrowser browser, String title) {
            onTab(browser, tab -> window.titleChanged(tab, title));
        }

        @Override
        public void onFullscreenModeChange(CefBrowser browser, boolean fullscreen) {
            onTab(browser, tab -> window.fullscreenChanged(tab, fullscreen));
        }
    }

    /** Tab past the page's last (or Shift+Tab before its first) focusable element: on to the address bar. */
    private final class Focus extends org.cef.handler.CefFocusHandlerAdapter {
        @Override
        public void onTakeFocus(CefBrowser browser, boolean next) {
            SwingUtilities.invokeLater(window::focusAddress);
        }
    }

    private final class Keys extends CefKeyboardHandlerAdapter {
        @Override
        public boolean onPreKeyEvent(CefBrowser browser, CefKeyboardHandler.CefKeyEvent event, BoolRef shortcut) {
            if (event.type != CefKeyboardHandler.CefKeyEvent.EventType.KEYEVENT_RAWKEYDOWN) {
                return false;
            }
            boolean control = (event.modifiers & EventFlags.EVENTFLAG_CONTROL_DOWN) != 0;
            return window.handleShortcut(control, event.windows_key_code);
        }
    }
}
