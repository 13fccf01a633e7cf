package dev.callsafe.browser.cef;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.cef.browser.CefBrowser;
import org.cef.browser.CefDevToolsClient;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The DevTools targets auto-attached under one tab (out-of-process iframes, also nested ones), each addressed
 * by its path of non-flat session ids from the tab's own target. JCEF's client has no session parameter, so a
 * command for a target {@code [a, b]} travels as {@code Target.sendMessageToTarget} to {@code a} carrying a
 * {@code Target.sendMessageToTarget} to {@code b}; its events and answers come back wrapped the same way in
 * {@code Target.receivedMessageFromTarget}.
 */
public final class TargetTree {
    /** Hears a DevTools event of the tab's target ({@code path} empty) or of an attached one. */
    public interface EventListener {
        void event(List<String> path, String method, JsonObject params);
    }

    /** One attached target: its session path (never empty) and its type ({@code iframe}, {@code page}...). */
    public record Target(List<String> path, String type) {
    }

    private final CefBrowser browser;
    private final Map<List<String>, Target> attached = new ConcurrentHashMap<>();
    private final List<Consumer<Target>> listeners = new CopyOnWriteArrayList<>();
    private final List<EventListener> eventListeners = new CopyOnWriteArrayList<>();
    private final Map<String, CompletableFuture<JsonObject>> replies = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger(1_000_000);

    public TargetTree(CefBrowser browser) {
        this.browser = browser;
    }

    /** Starts following attachments; call once the browser exists and before auto-attach is switched on. */
    public void listen() {
        devtools().addEventListener((method, params) -> event(List.of(), method,
                JsonParser.parseString(params).getAsJsonObject()));
    }

    /** Calls {@code listener} for every target that attaches from now on, at any depth. */
    public void onAttach(Consumer<Target> listener) {
        listeners.add(listener);
    }

    /** Calls {@code listener} for every event of every target until the returned action runs. */
    public Runnable onEvent(EventListener listener) {
        eventListeners.add(listener);
        return () -> eventListeners.remove(listener);
    }

    /** The targets attached now. */
    public List<Target> targets() {
        return List.copyOf(attached.values());
    }

    private void event(List<String> path, String method, JsonObject params) {
        for (EventListener l : eventListeners) {
            l.event(path, method, params);
        }
        switch (method) {
            case "Target.attachedToTarget": {
                Target t = new Target(child(path, params.get("sessionId").getAsString()),
                        params.getAsJsonObject("targetInfo").get("type").getAsString());
                attached.put(t.path(), t);
                listeners.forEach(l -> l.accept(t));
                break;
            }
            case "Target.detachedFromTarget": {
                List<String> gone = child(path, params.get("sessionId").getAsString());
                attached.keySet().removeIf(p -> startsWith(p, gone));
                String base = String.join("/", gone);
                replies.keySet().removeIf(k -> {
                    if (!k.startsWith(base + "#") && !k.startsWith(base + "/")) {
                        return false;
                    }
                    CompletableFuture<JsonObject> f = replies.get(k);
                    if (f != null) {
                        f.completeExceptionally(new IllegalStateException("target detached"));
                    }
                    return true;
                });
                break;
            }
            case "Target.receivedMessageFromTarget": {
                List<String> from = child(path, params.get("sessionId").getAsString());
                JsonObject msg = JsonParser.parseString(params.get("message").getAsString()).getAsJsonObject();
                if (msg.has("method")) {
                    event(from, msg.get("method").getAsString(),
                            msg.has("params") ? msg.getAsJsonObject("params") : new JsonObject());
                } else if (msg.has("id")) {
                    CompletableFuture<JsonObject> f = replies.remove(key(from, msg.get("id").getAsString()));
                    if (f != null) {
                        f.complete(msg);
                    }
                }
                break;
            }
            default:
        }
    }

    /**
     * Sends a command to the tab's own target ({@code path} empty) or to an attached target, and answers
     * with its result; fails with the protocol's error or when the target detaches first.
     */
    public CompletableFuture<JsonObject> send(List<String> path, String method, JsonObject params) {
        if (path.isEmpty()) {
            return DevTools.call(devtools(), method, params.toString())
                    .thenApply(r -> JsonParser.parseString(r).getAsJsonObject());
        }
        int id = ids.incrementAndGet();
        CompletableFuture<JsonObject> reply = new CompletableFuture<>();
        replies.put(key(path, Integer.toString(id)), reply);
        JsonObject msg = message(id, method, params);
        for (int i = path.size() - 1; i >= 1; i--) {
            msg = message(ids.incrementAndGet(), "Target.sendMessageToTarget", envelope(path.get(i), msg));
        }
        DevTools.call(devtools(), "Target.sendMessageToTarget", envelope(path.get(0), msg).toString())
                .whenComplete((r, e) -> {
                    if (e != null && replies.remove(key(path, Integer.toString(id))) != null) {
                        reply.completeExceptionally(e);
                    }
                });
        return reply.thenApply(m -> {
            if (m.has("error")) {
                throw new IllegalStateException(method + ": " + m.get("error"));
            }
            return m.has("result") ? m.getAsJsonObject("result") : new JsonObject();
        });
    }

    private static JsonObject message(int id, String method, JsonObject params) {
        JsonObject m = new JsonObject();
        m.addProperty("id", id);
        m.addProperty("method", method);
        m.add("params", params);
        return m;
    }

    private static JsonObject envelope(String session, JsonObject message) {
        JsonObject p = new JsonObject();
        p.addProperty("sessionId", session);
        p.addProperty("message", message.toString());
        return p;
    }

    private static List<String> child(List<String> path, String session) {
        List<String> p = new ArrayList<>(path);
        p.add(session);
        return List.copyOf(p);
    }

    private static boolean startsWith(List<String> path, List<String> prefix) {
        return path.size() >= prefix.size() && path.subList(0, prefix.size()).equals(prefix);
    }

    private static String key(List<String> path, String id) {
        return String.join("/", path) + "#" + id;
    }

    /** CEF hands out one DevTools client per browser, once the browser exists. */
    private CefDevToolsClient devtools() {
        return browser.getDevToolsClient();
    }
}
