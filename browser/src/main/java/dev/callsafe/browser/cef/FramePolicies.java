package dev.callsafe.browser.cef;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

import org.cef.browser.CefBrowser;
import org.cef.browser.CefDevToolsClient;
import org.cef.browser.CefFrame;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Asks Chromium which permissions-policy features (camera, microphone, display-capture...) a frame of one
 * tab has: the effect of its {@code allow=} attribute and of every ancestor's policy, as Chromium enforces
 * them, never as the page claims. In-process frames are answered by the tab's own target; out-of-process
 * iframes by their auto-attached target session (non-flat: commands go through
 * {@code Target.sendMessageToTarget}, answers come back as {@code Target.receivedMessageFromTarget}).
 *
 * <p>CEF's frame identifier is not the DevTools frame id (measured in CEF 146), so the CEF frame is matched to
 * DevTools frames by URL and parent URL. When several frames match (twin iframes of one URL) the answer is
 * what every one of them is allowed: fail closed. No match at all (nested out-of-process iframes, which
 * attach one level deeper) means no feature.
 */
public final class FramePolicies {
    private static final Logger LOG = Logger.getLogger(FramePolicies.class.getName());
    private static final long TIMEOUT_SECONDS = 10;

    /** One frame as a DevTools target reports it. */
    private record Node(String session, String id, String url, String parentId) {
    }

    private final CefBrowser browser;
    private final Set<String> sessions = ConcurrentHashMap.newKeySet();
    private final Map<String, CompletableFuture<JsonObject>> replies = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger(2_000_000);

    public FramePolicies(CefBrowser browser) {
        this.browser = browser;
    }

    /** Starts following iframe targets; call before the tab's auto-attach is switched on. */
    public void listen() {
        devtools().addEventListener(this::onEvent);
    }

    private void onEvent(String method, String params) {
        switch (method) {
            case "Target.attachedToTarget": {
                JsonObject p = JsonParser.parseString(params).getAsJsonObject();
                JsonObject info = p.getAsJsonObject("targetInfo");
                if ("iframe".equals(info.get("type").getAsString())) {
                    sessions.add(p.get("sessionId").getAsString());
                }
                break;
            }
            case "Target.detachedFromTarget": {
                String session = JsonParser.parseString(params).getAsJsonObject().get("sessionId").getAsString();
                sessions.remove(session);
                replies.keySet().removeIf(k -> {
                    if (k.startsWith(session + "#")) {
                        CompletableFuture<JsonObject> f = replies.get(k);
                        if (f != null) {
                            f.completeExceptionally(new IllegalStateException("target detached"));
                        }
                        return true;
                    }
                    return false;
                });
                break;
            }
            case "Target.receivedMessageFromTarget": {
                JsonObject p = JsonParser.parseString(params).getAsJsonObject();
                JsonObject msg = JsonParser.parseString(p.get("message").getAsString()).getAsJsonObject();
                if (msg.has("id")) {
                    CompletableFuture<JsonObject> f = replies.remove(p.get("sessionId").getAsString() + "#"
                            + msg.get("id").getAsInt());
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
     * The permissions-policy features Chromium allows in this frame (e.g. {@code camera}); empty when the
     * frame cannot be found unambiguously enough to be sure of anything.
     */
    public CompletableFuture<Set<String>> allowedFeatures(String cefFrameId) {
        CefFrame frame = browser.getFrameByIdentifier(cefFrameId);
        if (frame == null || !frame.isValid()) {
            return CompletableFuture.completedFuture(Set.of());
        }
        String url = withoutFragment(frame.getURL());
        CefFrame parent = frame.getParent();
        String parentUrl = parent == null ? null : withoutFragment(parent.getURL());
        return frames().thenCompose(nodes -> {
            List<Node> candidates = new ArrayList<>();
            for (Node n : nodes) {
                String nodeParentUrl = nodes.stream().filter(p -> p.id().equals(n.parentId())).map(Node::url)
                        .findFirst().orElse(null);
                if (n.url().equals(url) && (parentUrl == null ? n.parentId() == null
                        : parentUrl.equals(nodeParentUrl))) {
                    candidates.add(n);
                }
            }
            LOG.fine(() -> "policy lookup for " + url + " (parent " + parentUrl + "): " + candidates.size()
                    + " of " + nodes);
            if (candidates.isEmpty()) {
                return CompletableFuture.completedFuture(Set.<String>of());
            }
            List<CompletableFuture<Set<String>>> each = new ArrayList<>();
            for (Node c : candidates) {
                each.add(policy(c));
            }
            return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new)).thenApply(v -> {
                Set<String> allowed = null;
                for (CompletableFuture<Set<String>> f : each) {
                    Set<String> s = f.join();
                    if (allowed == null) {
                        allowed = new HashSet<>(s);
                    } else {
                        allowed.retainAll(s);
                    }
                }
                return Set.copyOf(allowed);
            });
        }).orTimeout(TIMEOUT_SECONDS, TimeUnit.SECONDS).exceptionally(e -> {
            LOG.warning("permissions policy lookup failed, nothing allowed: " + e);
            return Set.of();
        });
    }

    /** Every frame the tab's target and its attached iframe targets report. */
    private CompletableFuture<List<Node>> frames() {
        List<CompletableFuture<List<Node>>> trees = new ArrayList<>();
        trees.add(command(null, "Page.getFrameTree", new JsonObject()).thenApply(r -> tree(null, r)));
        for (String session : sessions) {
            trees.add(command(session, "Page.getFrameTree", new JsonObject()).thenApply(r -> tree(session, r))
                    .exceptionally(e -> List.of())); // a target that went away has no frame to offer
        }
        return CompletableFuture.allOf(trees.toArray(CompletableFuture[]::new)).thenApply(v -> {
            List<Node> all = new ArrayList<>();
            trees.forEach(t -> all.addAll(t.join()));
            return all;
        });
    }

    private static List<Node> tree(String session, JsonObject result) {
        List<Node> out = new ArrayList<>();
        collect(session, result.getAsJsonObject("frameTree"), out);
        return out;
    }

    private static void collect(String session, JsonObject tree, List<Node> out) {
        JsonObject f = tree.getAsJsonObject("frame");
        out.add(new Node(session, f.get("id").getAsString(), f.get("url").getAsString(),
                f.has("parentId") ? f.get("parentId").getAsString() : null));
        if (tree.has("childFrames")) {
            for (JsonElement c : tree.getAsJsonArray("childFrames")) {
                collect(session, c.getAsJsonObject(), out);
            }
        }
    }

    private CompletableFuture<Set<String>> policy(Node frame) {
        JsonObject p = new JsonObject();
        p.addProperty("frameId", frame.id());
        return command(frame.session(), "Page.getPermissionsPolicyState", p).thenApply(r -> {
            Set<String> allowed = new HashSet<>();
            for (JsonElement e : r.getAsJsonArray("states")) {
                JsonObject s = e.getAsJsonObject();
                if (s.get("allowed").getAsBoolean()) {
                    allowed.add(s.get("feature").getAsString());
                }
            }
            return allowed;
        });
    }

    /** Sends a command to the tab's target ({@code session == null}) or to an attached iframe target. */
    private CompletableFuture<JsonObject> command(String session, String method, JsonObject params) {
        if (session == null) {
            return DevTools.call(devtools(), method, params.toString())
                    .thenApply(r -> JsonParser.parseString(r).getAsJsonObject());
        }
        int id = ids.incrementAndGet();
        CompletableFuture<JsonObject> reply = new CompletableFuture<>();
        replies.put(session + "#" + id, reply);
        JsonObject msg = new JsonObject();
        msg.addProperty("id", id);
        msg.addProperty("method", method);
        msg.add("params", params);
        JsonObject p = new JsonObject();
        p.addProperty("sessionId", session);
        p.addProperty("message", msg.toString());
        DevTools.call(devtools(), "Target.sendMessageToTarget", p.toString()).whenComplete((r, e) -> {
            if (e != null) {
                replies.remove(session + "#" + id);
                reply.completeExceptionally(e);
            }
        });
        return reply.thenApply(m -> {
            if (m.has("error")) {
                throw new IllegalStateException(method + ": " + m.get("error"));
            }
            return m.getAsJsonObject("result");
        });
    }

    /** CEF hands out one DevTools client per browser, once the browser exists. */
    private CefDevToolsClient devtools() {
        return browser.getDevToolsClient();
    }

    private static String withoutFragment(String url) {
        if (url == null) {
            return "";
        }
        int hash = url.indexOf('#');
        return hash < 0 ? url : url.substring(0, hash);
    }
}
