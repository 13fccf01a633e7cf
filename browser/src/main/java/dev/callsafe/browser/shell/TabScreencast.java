package dev.callsafe.browser.shell;

import java.util.Base64;
import java.util.function.Consumer;
import java.util.logging.Logger;

import org.cef.browser.CefBrowser;
import org.cef.browser.CefDevToolsClient;
import org.cef.browser.DevToolsSend;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import dev.callsafe.browser.cef.DevTools;

/**
 * A tab's own rendering through DevTools {@code Page.startScreencast}: Chromium sends a JPEG each time the
 * page's compositor produces a frame, also while the tab is hidden (the screencast keeps the renderer
 * drawing). Every frame is acknowledged at once, so Chromium never waits for us; slow consumers drop
 * frames downstream.
 */
final class TabScreencast implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(TabScreencast.class.getName());

    private final CefBrowser browser;
    private final CefDevToolsClient devtools;
    private final int maxWidth;
    private final int maxHeight;
    private final Consumer<byte[]> frames;
    private final CefDevToolsClient.EventListener listener = this::onEvent;
    private volatile boolean closed;

    TabScreencast(CefBrowser browser, int maxWidth, int maxHeight, Consumer<byte[]> frames) {
        this.browser = browser;
        this.devtools = browser.getDevToolsClient();
        this.maxWidth = maxWidth;
        this.maxHeight = maxHeight;
        this.frames = frames;
    }

    TabScreencast start() {
        devtools.addEventListener(listener);
        JsonObject p = new JsonObject();
        p.addProperty("format", "jpeg");
        p.addProperty("quality", 85);
        p.addProperty("maxWidth", maxWidth);
        p.addProperty("maxHeight", maxHeight);
        p.addProperty("everyNthFrame", 1);
        DevTools.call(devtools, "Page.startScreencast", p.toString())
                .exceptionally(e -> {
                    LOG.warning("screencast did not start: " + e);
                    return null;
                });
        return this;
    }

    private void onEvent(String method, String params) {
        if (closed || !"Page.screencastFrame".equals(method)) {
            return;
        }
        JsonObject o = JsonParser.parseString(params).getAsJsonObject();
        JsonObject ack = new JsonObject();
        ack.addProperty("sessionId", o.get("sessionId").getAsInt());
        // answered at once by the browser process: sent outside the client's table (DevToolsSend)
        acknowledge(ack.toString());
        frames.accept(Base64.getDecoder().decode(o.get("data").getAsString()));
    }

    private void acknowledge(String params) {
        if (javax.swing.SwingUtilities.isEventDispatchThread()) {
            DevToolsSend.send(browser, "Page.screencastFrameAck", params);
        } else {
            javax.swing.SwingUtilities.invokeLater(() -> DevToolsSend.send(browser, "Page.screencastFrameAck", params));
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        devtools.removeEventListener(listener);
        if (!devtools.isClosed()) {
            DevTools.call(devtools, "Page.stopScreencast", null);
        }
    }
}
