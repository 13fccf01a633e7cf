package dev.callsafe.browser.cef;

import java.util.concurrent.CompletableFuture;
import java.util.logging.Logger;

import org.cef.browser.CefDevToolsClient;

import com.google.gson.JsonObject;

/**
 * Puts the plugins' scripts into every document of one tab before the page's own scripts, through the
 * DevTools protocol: on the tab's target, and on every out-of-process iframe target as it attaches, nested
 * ones included (each attached target is told to auto-attach its own children).
 * If the iframe race is ever lost the page merely lacks the API: Chromium's native capture stays denied.
 */
public final class DocumentScripts {
    private static final Logger LOG = Logger.getLogger(DocumentScripts.class.getName());

    private final CefDevToolsClient devtools;
    private final TargetTree targets;
    private final String source;

    public DocumentScripts(CefDevToolsClient devtools, TargetTree targets, String source) {
        this.devtools = devtools;
        this.targets = targets;
        this.source = source;
    }

    /** Installs the scripts; the returned future completes before the tab may load its first URL. */
    public CompletableFuture<Void> install() {
        targets.onAttach(this::attached);
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

    private void attached(TargetTree.Target target) {
        if (!"iframe".equals(target.type()) && !"page".equals(target.type())) {
            return; // workers have no DOM and no media API
        }
        JsonObject add = new JsonObject();
        add.addProperty("source", source);
        targets.send(target.path(), "Page.enable", new JsonObject());
        targets.send(target.path(), "Page.addScriptToEvaluateOnNewDocument", add);
        targets.send(target.path(), "Target.setAutoAttach", autoAttach());
        LOG.fine(() -> "scripts added to " + target.type() + " target " + target.path());
    }
}
