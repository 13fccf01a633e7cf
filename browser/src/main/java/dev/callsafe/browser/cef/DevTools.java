package dev.callsafe.browser.cef;

import java.util.concurrent.CompletableFuture;

import javax.swing.SwingUtilities;

import org.cef.browser.CefDevToolsClient;

/**
 * Sends DevTools commands from CEF's UI thread (the Swing thread here). JCEF files a command's future
 * under its message id only once the id comes back; sent from another thread, a fast result can arrive
 * first and is then lost (measured: about 1 in 30 calls when page messages were in flight).
 */
public final class DevTools {
    private DevTools() {
    }

    public static CompletableFuture<String> call(CefDevToolsClient client, String method, String params) {
        if (SwingUtilities.isEventDispatchThread()) {
            return client.executeDevToolsMethod(method, params);
        }
        CompletableFuture<String> out = new CompletableFuture<>();
        SwingUtilities.invokeLater(() -> client.executeDevToolsMethod(method, params).whenComplete((r, e) -> {
            if (e != null) {
                out.completeExceptionally(e);
            } else {
                out.complete(r);
            }
        }));
        return out;
    }
}
