package dev.callsafe.browser.cef;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

import org.cef.browser.CefDevToolsClient;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Puts the plugins' scripts into every document of one tab before the page's own scripts, through the
 * DevTools protocol: on the tab's target, and on every cross-origin iframe target as it attaches.
 * If the iframe race is ever lost the page merely lacks the API: Chromium's native capture stays denied.
 */
public final class DocumentScripts {
    private static final Logger LOG = Logger.getLogger(DocumentScripts.class.getName());

    private final CefDevToolsClient devtools;
    private final String source;
    private final AtomicInteger ids = new AtomicInteger(1_000_000);

    public DocumentScripts(CefDevToolsClient devtools, String source) {
        this.devtools = devtools;
        this.source = source;
    }

    /** Installs the scripts; the returned future completes before the tab may load its first URL. */
    public CompletableFuture<Void> install() {
        devtools.addEventListener(this::onEvent);
        JsonObject add = new JsonObject();
        add.addProperty("source", source);
        return DevTools.call(devtools, "Page.enable", null)
                .thenCompose(r -> DevTools.call(devtools, "Page.addScriptToEvaluateOnNewDocument", add.toString()))
                .thenCompose(r -> DevTools.call(devtools, "Target.setAutoAttach", autoAttach().toString()))
                .thenApply(r -> null);
    }

    private static JsonObject autoAttach() {
        JsonObject p = new JsonObject();
        p.addProperty("autoAttach", true);
        p.addProperty("waitForDebuggerOnStart", false);
        p.addProperty("flatten", false);
        return p;
    }

    private void onEvent(String method, String params) {
        if (!"Target.attachedToTarget".equals(method)) {
            return;
        }
        JsonObject p = JsonParser.parseString(params).getAsJsonObject();
        String session = p.get("sessionId").getAsString();
        String type = p.getAsJsonObject("targetInfo").get("type").getAsString();
        if (!"iframe".equals(type) && !"page".equals(type)) {
            return; // workers have no DOM and no media API
        }
        JsonObject add = new JsonObject();
        add.addProperty("source", source);
        sendToTarget(session, "Page.enable", new JsonObject());
        sendToTarget(session, "Page.addScriptToEvaluateOnNewDocument", add);
        sendToTarget(session, "Target.setAutoAttach", autoAttach());
        LOG.fine(() -> "scripts added to " + type + " target " + session);
    }

    private void sendToTarget(String session, String method, JsonObject params) {
        JsonObject msg = new JsonObject();
        msg.addProperty("id", ids.incrementAndGet());
        msg.addProperty("method", method);
        msg.add("params", params);
        JsonObject p = new JsonObject();
        p.addProperty("sessionId", session);
        p.addProperty("message", msg.toString());
        DevTools.call(devtools, "Target.sendMessageToTarget", p.toString());
    }
}
