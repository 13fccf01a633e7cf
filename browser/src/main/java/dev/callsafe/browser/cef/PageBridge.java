package dev.callsafe.browser.cef;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.cef.browser.CefBrowser;
import org.cef.browser.CefFrame;
import org.cef.browser.CefMessageRouter;
import org.cef.callback.CefQueryCallback;
import org.cef.handler.CefMessageRouterHandlerAdapter;

import dev.callsafe.plugins.spi.MessageHandler;

/**
 * Carries page messages ({@code callsafeQuery({request: "channel:payload"})}) to plugin handlers, with
 * the sending frame as CEF reports it. Messages are bounded in size and in rate, per frame and per tab
 * ({@link BridgeLimits}).
 */
public final class PageBridge extends CefMessageRouterHandlerAdapter {
    /** The page-side function name. */
    public static final String QUERY_FUNCTION = "callsafeQuery";
    private static final Logger LOG = Logger.getLogger(PageBridge.class.getName());

    private final Map<String, MessageHandler> handlers = new ConcurrentHashMap<>();
    private final BridgeLimits limits = new BridgeLimits();
    private volatile java.util.function.BiConsumer<CefBrowser, String> frameSeen = (b, f) -> { };

    /** Hears every frame whose message reaches a plugin, so its going away can be reported to plugins. */
    public void onFrameSeen(java.util.function.BiConsumer<CefBrowser, String> listener) {
        frameSeen = listener;
    }

    public void addHandler(String channel, MessageHandler handler) {
        if (handlers.putIfAbsent(channel, handler) != null) {
            throw new IllegalStateException("channel taken: " + channel);
        }
    }

    public CefMessageRouter createRouter() {
        CefMessageRouter router = CefMessageRouter.create(
                new CefMessageRouter.CefMessageRouterConfig(QUERY_FUNCTION, QUERY_FUNCTION + "Cancel"));
        router.addHandler(this, true);
        return router;
    }

    @Override
    public boolean onQuery(CefBrowser browser, CefFrame frame, long queryId, String request, boolean persistent,
                           CefQueryCallback callback) {
        if (frame == null) {
            return false; // workers and unknown senders: the page gets a failure
        }
        // before any parsing or plugin work: a flooding frame costs only this check
        Optional<String> refused = limits.refusal(String.valueOf(browser.getIdentifier()), frame.getIdentifier(),
                request.length());
        if (refused.isPresent()) {
            callback.failure(-2, refused.get());
            return true;
        }
        int colon = request.indexOf(':');
        MessageHandler handler = colon > 0 ? handlers.get(request.substring(0, colon)) : null;
        if (handler == null) {
            return false; // not ours: the page gets a failure
        }
        frameSeen.accept(browser, frame.getIdentifier());
        try {
            handler.onMessage(Frames.of(browser, frame), request.substring(colon + 1), new MessageHandler.Reply() {
                @Override
                public void success(String json) {
                    callback.success(json);
                }

                @Override
                public void failure(int code, String message) {
                    callback.failure(code, message);
                }

                @Override
                public boolean persistent() {
                    return persistent;
                }
            });
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "plugin handler failed", e);
            callback.failure(-1, "{\"name\":\"AbortError\",\"message\":\"internal error\"}");
        }
        return true;
    }
}
