package dev.callsafe.browser.shell;

import java.awt.BorderLayout;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import javax.swing.BoxLayout;
import javax.swing.JComponent;
import javax.swing.JPanel;
import javax.swing.SwingUtilities;

import org.cef.browser.CefBrowser;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import dev.callsafe.browser.cef.DevTools;
import dev.callsafe.browser.cef.FrameLifetimes;
import dev.callsafe.browser.cef.FramePolicies;
import dev.callsafe.browser.cef.OffscreenInput;
import dev.callsafe.browser.cef.PopupRule;
import dev.callsafe.browser.cef.TargetTree;
import dev.callsafe.permissions.Origin;
import dev.callsafe.plugins.spi.EngineFrame;
import dev.callsafe.plugins.spi.FrameRef;
import dev.callsafe.plugins.spi.Tab;

/**
 * One tab: its page (the CEF component) and, above it, the tab's prompt area. Prompts live here, in the
 * chrome, so no page can draw over them or imitate them.
 */
public final class BrowserTab extends JPanel implements Tab {
    private final CefBrowser browser;
    private final BrowserWindow window;
    private final JPanel prompts = new JPanel();
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final TargetTree targets;
    private final FramePolicies policies;
    private final FrameLifetimes frames;
    private final PersonPresses presses = new PersonPresses();
    private volatile boolean inheritsSandbox;
    private volatile String title = "New tab";
    private volatile String displayUrl = "";
    private final java.util.List<dev.callsafe.plugins.spi.TabPaint> painters =
            new java.util.concurrent.CopyOnWriteArrayList<>();
    private java.util.function.Consumer<org.cef.browser.CefPaintEvent> paintListener;
    private final java.util.List<java.util.function.Consumer<byte[]>> viewers =
            new java.util.concurrent.CopyOnWriteArrayList<>();
    private TabScreencast screencast;
    private final java.util.List<java.util.function.Consumer<float[]>> listeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();
    private TabSound sound;
    /** The teardown of the tab's last sound capture: the next one starts after it. */
    private CompletableFuture<Void> soundStopped = CompletableFuture.completedFuture(null);
    private volatile boolean foreground = true;
    private int paintRate = -1;
    /** Snapshots being taken: each needs the tab's next paint, so the tab paints at the full rate meanwhile. */
    private int snapshotting;

    BrowserTab(CefBrowser browser, BrowserWindow window) {
        super(new BorderLayout());
        this.browser = browser;
        this.window = window;
        this.targets = new TargetTree(browser);
        this.policies = new FramePolicies(browser, targets);
        this.frames = new FrameLifetimes(browser, targets, frameId -> window.frameGone(this, frameId));
        prompts.setLayout(new BoxLayout(prompts, BoxLayout.Y_AXIS));
        prompts.setName("tab.prompts");
        add(prompts, BorderLayout.NORTH);
        add(browser.getUIComponent(), BorderLayout.CENTER);
        javax.accessibility.AccessibleContext page = browser.getUIComponent().getAccessibleContext();
        if (page != null) {
            page.setAccessibleName("Page");
            page.setAccessibleDescription("The web page; Tab moves through its links and fields");
        }
        OffscreenInput.install(browser);
        presses.watch(browser.getUIComponent());
    }

    public CefBrowser browser() {
        return browser;
    }

    /** Completes once the page scripts are installed and the first URL is loading. */
    public CompletableFuture<Void> ready() {
        return ready;
    }

    void markReady() {
        ready.complete(null);
    }

    void failReady(Throwable t) {
        ready.completeExceptionally(t);
    }

    @Override
    public int id() {
        return browser.getIdentifier();
    }

    @Override
    public String title() {
        return title;
    }

    void setTitle(String title) {
        this.title = title == null || title.isBlank() ? displayUrl : title;
    }

    @Override
    public String url() {
        return browser.getURL();
    }

    /** What the address bar shows for this tab (the failed URL on an error page). */
    String displayUrl() {
        return displayUrl;
    }

    void setDisplayUrl(String url) {
        this.displayUrl = url;
    }

    @Override
    public void showPrompt(JComponent prompt) {
        onEdt(() -> {
            prompts.add(prompt);
            prompts.revalidate();
            prompts.repaint();
        });
    }

    @Override
    public void removePrompt(JComponent prompt) {
        onEdt(() -> {
            prompts.remove(prompt);
            prompts.revalidate();
            prompts.repaint();
        });
    }

    @Override
    public void select() {
        onEdt(() -> window.select(this));
    }

    /** Which of the tab's frames went away (removed, or replaced by a navigation). */
    FrameLifetimes frames() {
        return frames;
    }

    /** The tab's attached DevTools targets; {@link TargetTree#listen()} is called once CEF created the browser. */
    TargetTree targets() {
        return targets;
    }

    @Override
    public CompletableFuture<EngineFrame> engineFrame(FrameRef frame) {
        if (frame.tabId() != id()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("a frame of another tab"));
        }
        if (inheritsSandbox) {
            // A new top-level browser cannot be given its opener's sandbox flags: its frames have no origin
            // to ask for, as they would have inside the sandbox.
            return CompletableFuture.completedFuture(new EngineFrame(Origin.opaque(), Set.of()));
        }
        return policies.describe(frame.frameId());
    }

    /**
     * What one of this tab's frames may do with a popup, by the engine's word (its origin and the sandbox
     * attributes around it); fails when the engine cannot say. In a tab that is itself a sandboxed frame's
     * popup, a popup keeps that sandbox (in Chromium a popup inherits its opener's flags).
     */
    CompletableFuture<PopupRule> popupRule(String cefFrameId) {
        return policies.popupRule(cefFrameId).thenApply(rule -> inheritsSandbox ? rule.and(PopupRule.SANDBOXED) : rule);
    }

    /** This tab is a popup of a sandboxed (or unverifiable) frame: media is refused in it for its whole life. */
    void inheritSandbox() {
        inheritsSandbox = true;
    }

    /** Takes the page out of fullscreen (Escape): what the page's own exitFullscreen() does. */
    void exitFullscreen() {
        evaluate("document.fullscreenElement ? document.exitFullscreen().then(() => true) : false", false);
    }

    public void load(String url) {
        window.pageGuard().load(browser, url);
    }

    /**
     * Evaluates JavaScript in the tab's main frame through DevTools and returns the JSON of its value
     * (awaiting promises). For diagnostics, benchmarks and tests; pages cannot reach it.
     */
    public CompletableFuture<String> evaluate(String expression, boolean userGesture) {
        JsonObject p = new JsonObject();
        p.addProperty("expression", expression);
        p.addProperty("awaitPromise", true);
        p.addProperty("returnByValue", true);
        p.addProperty("userGesture", userGesture);
        return DevTools.call(browser.getDevToolsClient(), "Runtime.evaluate", p.toString())
                .thenApply(r -> {
                    JsonObject o = JsonParser.parseString(r).getAsJsonObject();
                    if (o.has("exceptionDetails")) {
                        JsonObject ex = o.getAsJsonObject("exceptionDetails");
                        String text = ex.has("exception") && ex.getAsJsonObject("exception").has("description")
                                ? ex.getAsJsonObject("exception").get("description").getAsString()
                                : ex.get("text").getAsString();
                        throw new IllegalStateException("page threw: " + text);
                    }
                    JsonObject result = o.getAsJsonObject("result");
                    return result.has("value") ? result.get("value").toString() : "null";
                });
    }

    @Override
    public CompletableFuture<Boolean> hasTransientActivation() {
        // An isolated world has its own globals: the page cannot redefine what is read there, and user
        // activation is the frame's state, shared by all worlds. Activation of a subframe also activates
        // its ancestors, so the main frame answers for the whole tab.
        return evaluateIsolated("callsafe-activation", "navigator.userActivation.isActive === true")
                .thenApply(v -> v != null && v.isJsonPrimitive() && v.getAsBoolean());
    }

    @Override
    public CompletableFuture<Boolean> consumeTransientActivation(FrameRef frame) {
        if (frame.tabId() != id()) {
            return CompletableFuture.completedFuture(false);
        }
        // The engine's word for this frame (a parent's click does not count), and a person's press not spent
        // yet in this tab: one press, one consumer, even where the engine could not consume it.
        return policies.consumeActivation(frame.frameId()).exceptionally(e -> false)
                .thenApply(active -> active && presses.spend());
    }

    @Override
    public CompletableFuture<Boolean> allowPlayback(FrameRef frame) {
        if (frame.tabId() != id()) {
            return CompletableFuture.completedFuture(false);
        }
        return policies.allowPlayback(frame.frameId()).exceptionally(e -> false);
    }

    /**
     * The text selected in the main frame (in a text field or the document), read in an isolated world so
     * the page cannot substitute what gets copied; empty when the selection is in another frame.
     */
    CompletableFuture<String> selectedText() {
        return evaluateIsolated("callsafe-clipboard", "(() => { const a = document.activeElement;"
                + " if (a && (a.tagName === 'INPUT' || a.tagName === 'TEXTAREA') && typeof a.selectionStart === 'number')"
                + " return a.value.substring(a.selectionStart, a.selectionEnd);"
                + " return String(document.getSelection()); })()")
                .thenApply(v -> v != null && v.isJsonPrimitive() ? v.getAsString() : "");
    }

    /**
     * The address of the icon the page declares ({@code <link rel="icon">}, resolved), empty when none; read
     * in an isolated world.
     */
    CompletableFuture<String> declaredIconUrl() {
        return evaluateIsolated("callsafe-chrome", "(() => { const l = document.querySelector('link[rel~=\"icon\" i]');"
                + " return l ? l.href : ''; })()")
                .thenApply(v -> v != null && v.isJsonPrimitive() ? v.getAsString() : "")
                .exceptionally(e -> "");
    }

    /**
     * How often {@code text} occurs in the main frame's rendered text, case-insensitively (the find bar's
     * count; read in an isolated world so the page cannot change the answer's code). 0 when it cannot say.
     */
    CompletableFuture<Integer> countMatches(String text) {
        String q = new com.google.gson.JsonPrimitive(text.toLowerCase(java.util.Locale.ROOT)).toString();
        return evaluateIsolated("callsafe-chrome", "(() => { const t = (document.body ? document.body.innerText : '')"
                + ".toLowerCase(); const q = " + q + "; let n = 0, i = 0;"
                + " while (q && (i = t.indexOf(q, i)) >= 0) { n++; i += q.length; } return n; })()")
                .thenApply(v -> v != null && v.isJsonPrimitive() ? v.getAsInt() : 0)
                .exceptionally(e -> 0);
    }

    /** The frame with the keyboard (the main frame when none has it): where editing commands act. */
    org.cef.browser.CefFrame focusedFrame() {
        org.cef.browser.CefFrame f = browser.getFocusedFrame();
        return f != null ? f : browser.getMainFrame();
    }

    /** Deletes the main frame's selection as the Delete key would (after a cut). */
    void deleteSelection() {
        evaluateIsolated("callsafe-clipboard", "document.execCommand('delete')");
    }

    /** Inserts text at the page's caret as a paste or an input method does (Chromium's insertText). */
    CompletableFuture<Void> insertText(String text) {
        JsonObject p = new JsonObject();
        p.addProperty("text", text);
        return DevTools.call(browser.getDevToolsClient(), "Input.insertText", p.toString()).thenApply(r -> null);
    }

    private CompletableFuture<com.google.gson.JsonElement> evaluateIsolated(String worldName, String expression) {
        var devtools = browser.getDevToolsClient();
        return DevTools.call(devtools, "Page.getFrameTree", null).thenCompose(tree -> {
            String frameId = JsonParser.parseString(tree).getAsJsonObject().getAsJsonObject("frameTree")
                    .getAsJsonObject("frame").get("id").getAsString();
            JsonObject world = new JsonObject();
            world.addProperty("frameId", frameId);
            world.addProperty("worldName", worldName);
            return DevTools.call(devtools, "Page.createIsolatedWorld", world.toString());
        }).thenCompose(world -> {
            JsonObject p = new JsonObject();
            p.addProperty("contextId", JsonParser.parseString(world).getAsJsonObject().get("executionContextId").getAsInt());
            p.addProperty("expression", expression);
            p.addProperty("returnByValue", true);
            return DevTools.call(devtools, "Runtime.evaluate", p.toString());
        }).thenApply(r -> {
            JsonObject result = JsonParser.parseString(r).getAsJsonObject().getAsJsonObject("result");
            return result != null && result.has("value") ? result.get("value") : null;
        });
    }

    @Override
    public CompletableFuture<byte[]> snapshot(int maxWidth, int maxHeight) {
        JsonObject p = new JsonObject();
        p.addProperty("format", "jpeg");
        p.addProperty("quality", 70);
        // The engine answers with its next picture: a background tab paints once a second, and its snapshot
        // took 1.7-2.9 s (the picker waits 3 s, so on a busy machine its thumbnail never came).
        synchronized (this) {
            snapshotting++;
        }
        updatePaintRate();
        return DevTools.call(browser.getDevToolsClient(), "Page.captureScreenshot", p.toString())
                .orTimeout(10, java.util.concurrent.TimeUnit.SECONDS) // an unanswered one must not keep the full rate
                .whenComplete((r, e) -> {
                    synchronized (this) {
                        snapshotting--;
                    }
                    updatePaintRate();
                })
                .thenApply(r -> java.util.Base64.getDecoder().decode(
                        JsonParser.parseString(r).getAsJsonObject().get("data").getAsString()));
    }

    @Override
    public synchronized AutoCloseable screencast(int maxWidth, int maxHeight,
                                                 java.util.function.Consumer<byte[]> jpegFrames) {
        // DevTools has one screencast per tab: several shares of this tab watch the same one, which stops
        // when the last of them does (at the first viewer's size).
        viewers.add(jpegFrames);
        if (screencast == null) {
            screencast = new TabScreencast(browser, maxWidth, maxHeight,
                    jpeg -> viewers.forEach(v -> v.accept(jpeg))).start();
            updatePaintRate();
        }
        return () -> {
            synchronized (this) {
                if (viewers.remove(jpegFrames) && viewers.isEmpty() && screencast != null) {
                    screencast.close();
                    screencast = null;
                    updatePaintRate();
                }
            }
        };
    }

    @Override
    public synchronized java.util.Optional<AutoCloseable> paints(dev.callsafe.plugins.spi.TabPaint paints) {
        if (!(browser instanceof org.cef.browser.FocusSafeOsrBrowser osr)) {
            return java.util.Optional.empty(); // a windowed page (benchmarks only) paints into its own window
        }
        boolean wasSlow = paintRate == BACKGROUND_PAINT_RATE;
        // One listener per tab, heard by every share of it; it keeps the tab at its full paint rate.
        painters.add(paints);
        if (paintListener == null) {
            paintListener = e -> {
                if (!e.getPopup()) { // a select's popup is painted apart and is not part of the view's pixels
                    painters.forEach(p -> p.painted(e.getRenderedFrame(), e.getWidth(), e.getHeight(), e.getDirtyRects()));
                }
            };
            osr.addPictureListener(paintListener);
            updatePaintRate();
        }
        // A whole picture for the new consumer. Asking for it repaints the engine's last picture as it is: a tab
        // in the background painted last up to a second ago, maybe before its page loaded, and its next paint at
        // the full rate comes after the paint timer's old interval. So it is asked for once that has passed;
        // any change meanwhile comes as a fresh paint.
        javax.swing.Timer whole = new javax.swing.Timer(wasSlow ? 1000 / BACKGROUND_PAINT_RATE + 100 : 0, e -> osr.repaintWhole());
        whole.setRepeats(false);
        whole.start();
        return java.util.Optional.of(() -> {
            synchronized (this) {
                if (painters.remove(paints) && painters.isEmpty() && paintListener != null) {
                    osr.removePictureListener(paintListener);
                    paintListener = null;
                    updatePaintRate();
                }
            }
        });
    }

    @Override
    public synchronized AutoCloseable mediaSound(java.util.function.Consumer<float[]> chunks) {
        // One capture per tab, heard by every share of it with audio; it stops when the last one does.
        listeners.add(chunks);
        if (sound == null) {
            sound = new TabSound(targets, pcm -> listeners.forEach(l -> l.accept(pcm))).start(soundStopped);
        }
        return () -> {
            synchronized (this) {
                if (listeners.remove(chunks) && listeners.isEmpty() && sound != null) {
                    soundStopped = sound.stop();
                    sound = null;
                }
            }
        };
    }

    /** Called by the window when this tab is shown or put behind another. */
    void foreground(boolean shown) {
        foreground = shown;
        synchronized (this) {
            paintRate = -1; // a rate asked before CEF created the browser was lost: ask again
        }
        updatePaintRate();
    }

    /**
     * A tab nobody sees paints once a second: off-screen, every paint is a full-view texture upload on the
     * Swing thread, so background tabs playing video cost the shown one its frames (measured: 0.59 ms of
     * Swing thread per camera frame with one capturing tab, 1.33 ms with three). A tab being shared keeps
     * its full rate, since its paints are the share's frames. The page stays visible to itself (CEF has no
     * "hidden" switch for an off-screen browser from Java), so timers and tracks run on.
     */
    private synchronized void updatePaintRate() {
        int rate = foreground || screencast != null || paintListener != null || snapshotting > 0 ? FULL_PAINT_RATE : BACKGROUND_PAINT_RATE;
        if (rate != paintRate) {
            paintRate = rate;
            browser.setWindowlessFrameRate(rate);
        }
    }

    /** Paints per second of the tab being looked at (CEF's default) and of one nobody sees. */
    static final int FULL_PAINT_RATE = 30;
    static final int BACKGROUND_PAINT_RATE = 1;

    /** The paint rate last asked of CEF (tests). */
    public synchronized int paintRate() {
        return paintRate;
    }

    @Override
    public void markShared(boolean shared) {
        onEdt(() -> window.sharedChanged(this, shared));
    }

    @Override
    public void markCapturing(java.util.Set<dev.callsafe.permissions.MediaKind> kinds) {
        java.util.Set<dev.callsafe.permissions.MediaKind> copy = java.util.Set.copyOf(kinds);
        onEdt(() -> window.capturingChanged(this, copy));
    }

    private static void onEdt(Runnable r) {
        if (SwingUtilities.isEventDispatchThread()) {
            r.run();
        } else {
            SwingUtilities.invokeLater(r);
        }
    }
}
