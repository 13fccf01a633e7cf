package dev.callsafe.browser.cef;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import org.cef.browser.CefBrowser;
import org.cef.browser.CefFrame;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import dev.callsafe.permissions.Origin;
import dev.callsafe.plugins.spi.EngineFrame;

/**
 * Asks Chromium what a frame of one tab is: its security origin (opaque for a sandboxed frame without
 * {@code allow-same-origin}, the creator's for about:blank, whatever the URL says), read as
 * {@code self.origin} in an isolated world of that frame (the page's scripts cannot reach or redefine what is
 * read there; {@code Page.getFrameTree}'s {@code securityOrigin} is derived from the URL and reports a
 * sandboxed frame's URL origin, measured in Chromium 146), and which permissions-policy features (camera,
 * microphone, display-capture...) it has: the effect of its {@code allow=} attribute, of every ancestor's
 * policy and of its own {@code Permissions-Policy} header, as Chromium enforces them, never as the page
 * claims. In-process frames are answered by the tab's own target; out-of-process iframes, nested ones too, by
 * their auto-attached target ({@link TargetTree}).
 *
 * <p>CEF's frame identifier is not the DevTools frame id (CEF 146: it is the render process id and Blink's
 * {@code LocalFrameToken}; DevTools uses the frame's separate DevTools token, and no protocol method gives
 * the other), so the CEF frame is matched to DevTools frames by URL and parent URL. When several frames match
 * (twin iframes of one URL), the engine tells them apart ({@link #identify}): CEF runs an empty script in
 * exactly that frame, under a one-time random script URL, while V8's debugger reports each parsed script with
 * the DevTools frame id of its context; the page cannot make such a report before it could know the URL.
 * If that fails, the answer is what every twin is allowed, and their origin only if all report the same one
 * (else opaque): fail closed. No match at all, a vanished frame, a failed lookup or no answer within the
 * time-out (a busy renderer) completes the future exceptionally: the engine could not say, and callers refuse.
 */
public final class FramePolicies {
    private static final Logger LOG = Logger.getLogger(FramePolicies.class.getName());
    /** System property: how long a lookup may take before it refuses (milliseconds; tests force it short). */
    public static final String TIMEOUT_PROPERTY = "callsafe.frameLookupTimeoutMs";
    private static final long DEFAULT_TIMEOUT_MS = 10_000;
    /** Telling twins apart gets a share of the lookup's time; then their intersection answers. */
    private static final long IDENTIFY_TIMEOUT_MS = 3_000;
    private static final java.security.SecureRandom NONCES = new java.security.SecureRandom();

    /** One frame as a DevTools target reports it; {@code target} is the session path that hosts it. */
    private record Node(List<String> target, String id, String url, String parentId) {
    }

    private final CefBrowser browser;
    private final TargetTree targets;
    /** Sessions with V8's debugger on for telling twins apart, and how many lookups use each. */
    private final java.util.Map<List<String>, Integer> debuggerUsers = new java.util.HashMap<>();
    private final java.util.Map<List<String>, CompletableFuture<JsonObject>> debuggerReady = new java.util.HashMap<>();

    public FramePolicies(CefBrowser browser, TargetTree targets) {
        this.browser = browser;
        this.targets = targets;
    }

    /**
     * The frame's security origin and the permissions-policy features Chromium allows in it (e.g.
     * {@code camera}); fails when the frame is gone, cannot be found among the engine's frames, or the engine
     * does not answer in time.
     */
    public CompletableFuture<EngineFrame> describe(String cefFrameId) {
        return candidates(cefFrameId).thenCompose(candidates -> {
            List<CompletableFuture<Set<String>>> each = new ArrayList<>();
            List<CompletableFuture<String>> origins = new ArrayList<>();
            for (Node c : candidates) {
                each.add(policy(c));
                origins.add(origin(c));
            }
            List<CompletableFuture<?>> all = new ArrayList<>(each);
            all.addAll(origins);
            return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).thenApply(v -> {
                Set<String> allowed = null;
                for (CompletableFuture<Set<String>> f : each) {
                    Set<String> s = f.join();
                    if (allowed == null) {
                        allowed = new HashSet<>(s);
                    } else {
                        allowed.retainAll(s);
                    }
                }
                // Twins with different origins (one sandboxed, one not) cannot be told apart: no origin.
                Set<String> seen = new HashSet<>();
                origins.forEach(o -> seen.add(o.join()));
                Set<String> features = allowed;
                LOG.fine(() -> "frame " + cefFrameId + ": origins " + seen + ", features " + features);
                Origin origin = seen.size() == 1 ? Origin.of(seen.iterator().next()) : Origin.opaque();
                return new EngineFrame(origin, allowed);
            });
        }).orTimeout(timeoutMillis(), TimeUnit.MILLISECONDS).whenComplete((r, e) -> {
            if (e != null) {
                LOG.warning("permissions policy lookup failed: " + e);
            }
        });
    }

    /**
     * Whether the frame has transient user activation, consuming it (HTML's "consume user activation") in
     * the same evaluation, so two requests of one click cannot both see it. Read in an isolated world of
     * the frame itself; twins (frames that cannot be told apart) must all be active, and all are consumed.
     * Blink has no call that only consumes activation, so an API that consumes it first is called: a
     * PaymentRequest for a method that does not exist, whose show() consumes and then fails (measured:
     * isActive reads false after it). window.open does not do: the engine consumes only for a popup it
     * creates, and this browser cancels every popup. A cross-origin iframe without allow="payment" has no
     * PaymentRequest: the top frame consumes for it ({@link #consumeInTop}), and the answer waits until the
     * frame reads inactive.
     */
    public CompletableFuture<Boolean> consumeActivation(String cefFrameId) {
        return candidates(cefFrameId).thenCompose(candidates -> {
            List<CompletableFuture<Boolean>> each = new ArrayList<>();
            for (Node c : candidates) {
                each.add(evaluateIsolated(c, "callsafe-activation", "(() => {"
                        + " if (navigator.userActivation.isActive !== true) return 'inactive';"
                        + " let request; try { request = " + PAYMENT_REQUEST + "; } catch (e) { return 'by-top'; }"
                        + " try { request.show().catch(() => { }); } catch (e) { }"
                        + " return 'consumed'; })()")
                        .thenCompose(v -> {
                            String state = v != null && v.isJsonPrimitive() ? v.getAsString() : "inactive";
                            if (!state.equals("by-top")) {
                                return CompletableFuture.completedFuture(state.equals("consumed"));
                            }
                            // It was active: that is the answer, whether or not the top frame could consume.
                            return consumeInTop(c).handle((ok, e) -> {
                                if (e != null || !ok) {
                                    LOG.warning("activation of " + c.url() + " could not be consumed: " + e);
                                }
                                return true;
                            });
                        }));
            }
            return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
                    .thenApply(v -> each.stream().allMatch(CompletableFuture::join));
        }).orTimeout(timeoutMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Lets the frame's document play media with sound without a click while it captures, as Chromium does
     * for a document capturing through its own path (Blink's autoplay policy asks the frame whether it
     * captures, which only Chromium's capture can answer). The one per-frame grant the engine offers is user
     * activation: it is given to the frame in an isolated world (DevTools' user gesture for that evaluation)
     * and its transient part is consumed, so only sticky activation stays: autoplay, not popups or share
     * pickers. Where the frame can consume itself (PaymentRequest available) that happens in the same
     * evaluation, before any page script can run. A cross-origin iframe without allow="payment" cannot, so
     * the top frame consumes for it ({@link #grantConsumedByTop}): HTML consumes activation in the whole
     * frame tree, and the top frame got the activation too (it propagates to ancestors). A frame that already
     * has sticky activation needs nothing (its own transient activation is left alone). Twins (frames that
     * cannot be told apart) are all granted or none.
     */
    public CompletableFuture<Boolean> allowPlayback(String cefFrameId) {
        return candidates(cefFrameId).thenCompose(candidates -> {
            List<CompletableFuture<Boolean>> each = new ArrayList<>();
            for (Node c : candidates) {
                each.add(allowPlayback(c));
            }
            return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new))
                    .thenApply(v -> each.stream().allMatch(CompletableFuture::join));
        }).orTimeout(timeoutMillis(), TimeUnit.MILLISECONDS).whenComplete((ok, e) -> LOG.fine(() ->
                "playback for frame " + cefFrameId + ": " + (e != null ? e : ok)));
    }

    /**
     * What the frame's sandbox lets its popups do ({@link PopupRule}): read from the engine, the document's own
     * origin (opaque or not) and the {@code sandbox} attribute of the element that holds it and of every
     * enclosing frame element ({@code DOM.getFrameOwner} in the session hosting the parent, then
     * {@code DOM.describeNode}), never from the page. Twins that cannot be told apart get the strictest answer.
     * The attribute is read as it is now: Chromium applies a changed attribute at the frame's next navigation,
     * so only the embedding page itself can make this answer differ from the engine's flags. Fails like
     * {@link #describe} when the engine cannot say.
     */
    public CompletableFuture<PopupRule> popupRule(String cefFrameId) {
        return lookup(cefFrameId).thenCompose(lookup -> {
            List<CompletableFuture<PopupRule>> each = new ArrayList<>();
            for (Node c : lookup.candidates()) {
                List<CompletableFuture<java.util.Optional<String>>> sandboxes = new ArrayList<>();
                Node frame = c;
                while (frame.parentId() != null) {
                    Node child = frame;
                    Node parent = lookup.all().stream().filter(n -> n.id().equals(child.parentId())).findFirst()
                            .orElse(null);
                    if (parent == null) {
                        return CompletableFuture.<PopupRule>failedFuture(
                                new IllegalStateException("no parent frame for " + child.url()));
                    }
                    sandboxes.add(ownerSandbox(parent.target(), child.id()));
                    frame = parent;
                }
                CompletableFuture<String> origin = origin(c);
                List<CompletableFuture<?>> all = new ArrayList<>(sandboxes);
                all.add(origin);
                each.add(CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).thenApply(v ->
                        PopupRule.of("null".equals(origin.join()),
                                sandboxes.stream().map(CompletableFuture::join).toList())));
            }
            return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new)).thenApply(v ->
                    each.stream().map(CompletableFuture::join).reduce(PopupRule.FREE, PopupRule::and));
        }).orTimeout(timeoutMillis(), TimeUnit.MILLISECONDS).whenComplete((r, e) -> LOG.fine(() ->
                "popups of frame " + cefFrameId + ": " + (e != null ? e : r)));
    }

    /**
     * The {@code sandbox} attribute of the element that holds {@code frameId}, asked of the session that
     * hosts its parent document (the owner element lives there, also for an out-of-process frame).
     */
    private CompletableFuture<java.util.Optional<String>> ownerSandbox(List<String> parentSession, String frameId) {
        JsonObject owner = new JsonObject();
        owner.addProperty("frameId", frameId);
        return targets.send(parentSession, "DOM.getFrameOwner", owner).thenCompose(o -> {
            JsonObject node = new JsonObject();
            node.addProperty("backendNodeId", o.get("backendNodeId").getAsInt());
            return targets.send(parentSession, "DOM.describeNode", node);
        }).thenApply(d -> {
            com.google.gson.JsonArray attributes = d.getAsJsonObject("node").getAsJsonArray("attributes");
            for (int i = 0; attributes != null && i + 1 < attributes.size(); i += 2) {
                if (attributes.get(i).getAsString().equalsIgnoreCase("sandbox")) {
                    return java.util.Optional.of(attributes.get(i + 1).getAsString());
                }
            }
            return java.util.Optional.<String>empty();
        });
    }

    private CompletableFuture<Boolean> allowPlayback(Node c) {
        return evaluateIsolated(c, PLAYBACK_WORLD, "(() => {"
                + " if (navigator.userActivation.hasBeenActive) return 'active';"
                + " try { " + PAYMENT_REQUEST + "; return 'grant'; } catch (e) { return 'by-top'; } })()")
                .thenCompose(v -> {
                    String state = v != null && v.isJsonPrimitive() ? v.getAsString() : "unable";
                    switch (state) {
                        case "active":
                            return CompletableFuture.completedFuture(true);
                        case "grant":
                            return evaluateIsolatedRaw(c, PLAYBACK_WORLD, "(() => {"
                                    + " try { " + PAYMENT_REQUEST + ".show().catch(() => { }); } catch (e) { }"
                                    + " return navigator.userActivation.hasBeenActive"
                                    + " && !navigator.userActivation.isActive; })()", true, false)
                                    .thenApply(FramePolicies::isTrue);
                        case "by-top":
                            return grantConsumedByTop(c);
                        default:
                            return CompletableFuture.completedFuture(false);
                    }
                });
    }

    /**
     * Sticky activation for a frame that cannot consume activation itself. The top frame must be able to
     * consume (else nothing is given: fail closed); then the frame gets activation and the top frame
     * consumes it for the whole tree ({@link #consumeInTop}). Between the grant and the consumption reaching
     * the frame's process (an IPC hop; the time is logged) the frame's own scripts could see transient
     * activation; what they could do with it here is bounded: this browser cancels every popup, and its
     * capture prompts consume activation through this class, which reads the frame's state in an isolated
     * world.
     */
    private CompletableFuture<Boolean> grantConsumedByTop(Node c) {
        return top().thenCompose(top -> evaluateIsolated(top, PLAYBACK_WORLD, "(() => { try { " + PAYMENT_REQUEST
                + "; return true; } catch (e) { return false; } })()").thenCompose(canConsume -> {
                    if (canConsume == null || !canConsume.isJsonPrimitive() || !canConsume.getAsBoolean()) {
                        LOG.info("the top frame cannot consume activation: no playback for " + c.url());
                        return CompletableFuture.completedFuture(false);
                    }
                    long granted = System.nanoTime();
                    return evaluateIsolatedRaw(c, PLAYBACK_WORLD, "navigator.userActivation.isActive", true, false)
                            .thenCompose(r -> consumeInTop(c))
                            .thenCompose(consumed -> consumed ? evaluateIsolated(c, PLAYBACK_WORLD,
                                    "navigator.userActivation.hasBeenActive").thenApply(v -> v != null
                                    && v.isJsonPrimitive() && v.getAsBoolean())
                                    : CompletableFuture.completedFuture(false))
                            .whenComplete((ok, e) -> LOG.info(() -> "playback for " + c.url() + " consumed by the"
                                    + " top frame: " + (e != null ? e : ok) + "; transient activation lasted "
                                    + (System.nanoTime() - granted) / 1_000_000 + " ms"));
                }));
    }

    /**
     * Consumes a frame's transient activation from the top frame: HTML consumes activation in the whole
     * frame tree, and the top frame has what its descendants got (activation propagates to ancestors). The
     * top frame waits until the activation has reached it, consumes it, and the frame is watched until it no
     * longer reads active (each wait at most a second). True when the frame reads inactive.
     */
    private CompletableFuture<Boolean> consumeInTop(Node c) {
        return top().thenCompose(top -> evaluateIsolatedRaw(top, "callsafe-activation", "(async () => {"
                        + WAIT_UNTIL + "(() => navigator.userActivation.isActive);"
                        + " try { " + PAYMENT_REQUEST + ".show().catch(() => { }); } catch (e) { }"
                        + " return !navigator.userActivation.isActive; })()", false, true))
                .thenCompose(r -> evaluateIsolatedRaw(c, PLAYBACK_WORLD, "(async () => {"
                        + WAIT_UNTIL + "(() => !navigator.userActivation.isActive);"
                        + " return !navigator.userActivation.isActive; })()", false, true))
                .thenApply(FramePolicies::isTrue);
    }

    /** The tab's top frame, as its own target reports it. */
    private CompletableFuture<Node> top() {
        return frames().thenCompose(nodes -> nodes.stream()
                .filter(n -> n.target().isEmpty() && n.parentId() == null).findFirst()
                .map(CompletableFuture::completedFuture)
                .orElseGet(() -> CompletableFuture.failedFuture(new IllegalStateException("no top frame"))));
    }

    private static final String PLAYBACK_WORLD = "callsafe-playback";
    /** Script text: an async function that resolves once the condition holds, or after a second. */
    private static final String WAIT_UNTIL = " await (async (cond) => { const end = performance.now() + 1000;"
            + " while (!cond() && performance.now() < end) { await new Promise((r) => setTimeout(r, 2)); } })";

    private static boolean isTrue(JsonObject evaluation) {
        JsonElement v = valueOf(evaluation);
        return v != null && v.isJsonPrimitive() && v.getAsBoolean();
    }

    /** A payment request for a method that does not exist: its show() consumes activation, then fails. */
    private static final String PAYMENT_REQUEST = "new PaymentRequest([{supportedMethods: 'https://callsafe.invalid/consume'}],"
            + " {total: {label: 'consume', amount: {currency: 'USD', value: '0'}}})";

    /** The engine's frames that may be the CEF frame, and every frame of the tab. */
    private record Lookup(List<Node> candidates, List<Node> all) {
    }

    /** The engine's frames that are this CEF frame: same URL, same parent URL (twins cannot be told apart). */
    private CompletableFuture<List<Node>> candidates(String cefFrameId) {
        return lookup(cefFrameId).thenApply(Lookup::candidates);
    }

    private CompletableFuture<Lookup> lookup(String cefFrameId) {
        CefFrame frame = browser.getFrameByIdentifier(cefFrameId);
        if (frame == null || !frame.isValid()) {
            return CompletableFuture.failedFuture(new IllegalStateException("frame gone"));
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
            LOG.fine(() -> "frame lookup for " + url + " (parent " + parentUrl + "): " + candidates.size()
                    + " of " + nodes);
            if (candidates.isEmpty()) {
                return CompletableFuture.<Lookup>failedFuture(
                        new IllegalStateException("no DevTools frame matches " + url));
            }
            if (candidates.size() == 1) {
                return CompletableFuture.completedFuture(new Lookup(candidates, nodes));
            }
            // Twins: the engine says which one this is; if it cannot, all of them count (fail closed).
            return identify(frame, candidates).thenApply(n -> new Lookup(List.of(n), nodes)).exceptionally(e -> {
                LOG.warning("twin frames of " + url + " not told apart (" + e + "); using what all of them allow");
                return new Lookup(candidates, nodes);
            });
        });
    }

    /**
     * Which of several DevTools frames a CEF frame is. V8's debugger is switched on (pauses skipped) in the
     * sessions hosting the candidates; CEF runs {@code void 0} in exactly that frame's main world under a
     * one-time random script URL; the {@code Debugger.scriptParsed} event for that URL carries the DevTools
     * frame id of the context it ran in. Nothing of the page runs in between, and the URL is unknown to the
     * page before the engine reported it, so a page cannot make another frame answer. More than one report,
     * or one naming no candidate, fails.
     */
    private CompletableFuture<Node> identify(CefFrame frame, List<Node> candidates) {
        byte[] random = new byte[16];
        NONCES.nextBytes(random);
        String scriptUrl = "callsafe-frame-probe:" + java.util.HexFormat.of().formatHex(random);
        CompletableFuture<Node> found = new CompletableFuture<>();
        Set<String> reported = java.util.concurrent.ConcurrentHashMap.newKeySet();
        Runnable stopListening = targets.onEvent((path, method, params) -> {
            if (!method.equals("Debugger.scriptParsed") || !params.has("url")
                    || !scriptUrl.equals(params.get("url").getAsString())) {
                return;
            }
            JsonObject aux = params.has("executionContextAuxData")
                    ? params.getAsJsonObject("executionContextAuxData") : new JsonObject();
            String frameId = aux.has("frameId") ? aux.get("frameId").getAsString() : "";
            reported.add(path + " " + frameId);
            if (reported.size() > 1) {
                found.completeExceptionally(new IllegalStateException("the probe was reported twice"));
                return;
            }
            candidates.stream().filter(c -> c.id().equals(frameId) && c.target().equals(path)).findFirst()
                    .ifPresentOrElse(found::complete, () -> found.completeExceptionally(
                            new IllegalStateException("the probe ran in no candidate: " + frameId)));
        });
        Set<List<String>> sessions = new java.util.LinkedHashSet<>();
        candidates.forEach(c -> sessions.add(c.target()));
        List<CompletableFuture<JsonObject>> ready = new ArrayList<>();
        sessions.forEach(session -> ready.add(startDebugger(session)));
        long started = System.nanoTime();
        return CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new)).thenCompose(v -> {
            frame.executeJavaScript("void 0", scriptUrl, 1);
            return found;
        }).orTimeout(Math.min(timeoutMillis(), IDENTIFY_TIMEOUT_MS), TimeUnit.MILLISECONDS).whenComplete((n, e) -> {
            LOG.info(() -> "twin frames: " + (n == null ? "not told apart" : "told apart") + " in "
                    + (System.nanoTime() - started) / 1_000_000 + " ms among " + candidates.size());
            stopListening.run();
            sessions.forEach(this::stopDebugger);
        });
    }

    /**
     * Switches V8's debugger on in a session for one more user (pauses skipped, so a page's {@code debugger}
     * statements do not stop it); lookups that overlap share it, and the last one switches it off.
     */
    private synchronized CompletableFuture<JsonObject> startDebugger(List<String> session) {
        if (debuggerUsers.merge(session, 1, Integer::sum) == 1) {
            JsonObject skip = new JsonObject();
            skip.addProperty("skip", true);
            // Sent back to back: the session handles them in order.
            CompletableFuture<JsonObject> enabled = targets.send(session, "Debugger.enable", new JsonObject());
            debuggerReady.put(session, enabled.thenCombine(targets.send(session, "Debugger.setSkipAllPauses", skip),
                    (a, b) -> b));
        }
        return debuggerReady.get(session);
    }

    private synchronized void stopDebugger(List<String> session) {
        if (debuggerUsers.merge(session, -1, Integer::sum) <= 0) {
            debuggerUsers.remove(session);
            debuggerReady.remove(session);
            targets.send(session, "Debugger.disable", new JsonObject());
        }
    }

    private static long timeoutMillis() {
        return Long.getLong(TIMEOUT_PROPERTY, DEFAULT_TIMEOUT_MS);
    }

    /** Every frame the tab's target and its attached iframe targets (at any depth) report. */
    private CompletableFuture<List<Node>> frames() {
        List<CompletableFuture<List<Node>>> trees = new ArrayList<>();
        trees.add(targets.send(List.of(), "Page.getFrameTree", new JsonObject()).thenApply(r -> tree(List.of(), r)));
        for (TargetTree.Target t : targets.targets()) {
            if ("iframe".equals(t.type())) {
                trees.add(targets.send(t.path(), "Page.getFrameTree", new JsonObject())
                        .thenApply(r -> tree(t.path(), r))
                        .exceptionally(e -> List.of())); // a target that went away has no frame to offer
            }
        }
        return CompletableFuture.allOf(trees.toArray(CompletableFuture[]::new)).thenApply(v -> {
            List<Node> all = new ArrayList<>();
            trees.forEach(t -> all.addAll(t.join()));
            return all;
        });
    }

    private static List<Node> tree(List<String> target, JsonObject result) {
        List<Node> out = new ArrayList<>();
        collect(target, result.getAsJsonObject("frameTree"), out);
        return out;
    }

    private static void collect(List<String> target, JsonObject tree, List<Node> out) {
        JsonObject f = tree.getAsJsonObject("frame");
        out.add(new Node(target, f.get("id").getAsString(), f.get("url").getAsString(),
                f.has("parentId") ? f.get("parentId").getAsString() : null));
        if (tree.has("childFrames")) {
            for (JsonElement c : tree.getAsJsonArray("childFrames")) {
                collect(target, c.getAsJsonObject(), out);
            }
        }
    }

    /**
     * The frame's origin as its document has it ({@code "null"} when opaque), read in an isolated world:
     * the page's own scripts cannot redefine anything there.
     */
    private CompletableFuture<String> origin(Node frame) {
        return evaluateIsolatedRaw(frame, "callsafe-frame-identity", "self.origin").thenApply(r -> {
            JsonObject result = r.getAsJsonObject("result");
            if (r.has("exceptionDetails") || result == null || !result.has("value")) {
                throw new IllegalStateException("the frame's origin could not be read: " + r);
            }
            return result.get("value").getAsString();
        });
    }

    /** Evaluates in an isolated world of the frame: the page's own scripts cannot redefine anything there. */
    private CompletableFuture<JsonObject> evaluateIsolatedRaw(Node frame, String worldName, String expression) {
        return evaluateIsolatedRaw(frame, worldName, expression, false, false);
    }

    /**
     * @param userGesture whether the evaluation gives the frame user activation (DevTools' user gesture)
     * @param awaitPromise whether the answer is what the expression's promise resolves to
     */
    private CompletableFuture<JsonObject> evaluateIsolatedRaw(Node frame, String worldName, String expression,
                                                              boolean userGesture, boolean awaitPromise) {
        JsonObject world = new JsonObject();
        world.addProperty("frameId", frame.id());
        world.addProperty("worldName", worldName);
        return targets.send(frame.target(), "Page.createIsolatedWorld", world).thenCompose(w -> {
            JsonObject p = new JsonObject();
            p.addProperty("contextId", w.get("executionContextId").getAsInt());
            p.addProperty("expression", expression);
            p.addProperty("returnByValue", true);
            if (userGesture) {
                p.addProperty("userGesture", true);
            }
            if (awaitPromise) {
                p.addProperty("awaitPromise", true);
            }
            return targets.send(frame.target(), "Runtime.evaluate", p);
        });
    }

    private CompletableFuture<JsonElement> evaluateIsolated(Node frame, String worldName, String expression) {
        return evaluateIsolatedRaw(frame, worldName, expression).thenApply(FramePolicies::valueOf);
    }

    /** The value of an evaluation's answer, or null when it threw or has none. */
    private static JsonElement valueOf(JsonObject r) {
        JsonObject result = r.getAsJsonObject("result");
        return r.has("exceptionDetails") || result == null || !result.has("value") ? null : result.get("value");
    }

    private CompletableFuture<Set<String>> policy(Node frame) {
        JsonObject p = new JsonObject();
        p.addProperty("frameId", frame.id());
        return targets.send(frame.target(), "Page.getPermissionsPolicyState", p).thenApply(r -> {
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

    private static String withoutFragment(String url) {
        if (url == null) {
            return "";
        }
        int hash = url.indexOf('#');
        return hash < 0 ? url : url.substring(0, hash);
    }
}
