package dev.callsafe.browser.cef;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.cef.browser.CefBrowser;
import org.cef.browser.CefFrame;
import org.cef.callback.CefSchemeHandlerFactory;
import org.cef.handler.CefResourceHandler;
import org.cef.network.CefRequest;

import dev.callsafe.plugins.spi.FrameRef;
import dev.callsafe.plugins.spi.StreamBody;
import dev.callsafe.plugins.spi.StreamHandler;

/** Answers the browser's custom schemes: its own pages, and plugin streams for the frames allowed to read them. */
public final class SchemeRouter implements CefSchemeHandlerFactory {
    public static final String STREAM_SCHEME = "callsafe-stream";

    private final Map<String, StreamHandler> streams = new ConcurrentHashMap<>();

    public void addStreamHandler(String name, StreamHandler handler) {
        if (streams.putIfAbsent(name, handler) != null) {
            throw new IllegalStateException("stream name taken: " + name);
        }
    }

    @Override
    public CefResourceHandler create(CefBrowser browser, CefFrame frame, String schemeName, CefRequest request) {
        String url = request.getURL();
        if (InternalPages.SCHEME.equals(schemeName)) {
            if (!InternalPageGuard.mayServe(frame, request)) {
                return new RefusedResourceHandler(403);
            }
            return InternalPages.lookup(url)
                    .<CefResourceHandler>map(p -> new BytesResourceHandler(p.data(), p.mimeType(),
                            InternalPages.HEADERS))
                    .orElseGet(() -> new RefusedResourceHandler(404));
        }
        if (!STREAM_SCHEME.equals(schemeName) || browser == null || frame == null) {
            return new RefusedResourceHandler(403); // workers and unknown requesters get nothing
        }
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return new RefusedResourceHandler(404);
        }
        StreamHandler handler = uri.getHost() == null ? null : streams.get(uri.getHost());
        String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        if (handler == null) {
            return new RefusedResourceHandler(404);
        }
        FrameRef ref = Frames.of(browser, frame);
        Optional<StreamBody> body = handler.open(ref, path);
        return body.<CefResourceHandler>map(b -> new StreamResourceHandler(b, ref.origin().serialize()))
                .orElseGet(() -> new RefusedResourceHandler(403));
    }
}
