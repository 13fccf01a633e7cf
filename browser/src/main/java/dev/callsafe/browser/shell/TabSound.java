package dev.callsafe.browser.shell;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Logger;

import com.google.gson.JsonObject;

import dev.callsafe.browser.cef.TargetTree;

/**
 * The sound of a tab's media elements, for a tab share with audio. JCEF has no binding for CEF's audio
 * handler, so the sound is taken inside the page: {@code tab-sound.js} runs in a DevTools isolated world of the
 * main frame (the page cannot see or change it), captures each {@code <audio>}/{@code <video>} through
 * {@code captureStream()}, mixes them to 48 kHz mono and calls a {@code Runtime.addBinding} binding that exists
 * only in that world; its {@code Runtime.bindingCalled} events carry the PCM here. The script is run again every
 * second, so a new document after a navigation is captured too.
 */
final class TabSound implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(TabSound.class.getName());
    static final String WORLD = "callsafe-tab-sound";
    private static final String BINDING = "callsafeTabSound";
    private static final String SCRIPT = load();
    private static final String STOP = "(() => { const s = globalThis.__callsafeTabSound; if (!s) return false;"
            + " clearInterval(s.timer); s.tracks.forEach((t) => t.stop()); s.ctx.close().catch(() => { });"
            + " delete globalThis.__callsafeTabSound; return true; })()";
    /** How often the script is run again (it is idempotent; this catches navigations). */
    static final long ENSURE_MS = 1000;

    private final TargetTree targets;
    private final Consumer<float[]> chunks;
    private final ScheduledExecutorService ensurer;
    private final Runnable unlisten;
    /** The world's context in the current document: only its calls count. */
    private volatile int context = -1;
    private volatile boolean closed;
    private volatile String lastState = "";

    TabSound(TargetTree targets, Consumer<float[]> chunks) {
        this.targets = targets;
        this.chunks = chunks;
        this.unlisten = targets.onEvent(this::event);
        this.ensurer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tab-sound");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts once {@code previous} (the teardown of this tab's last capture) is done, so its removal of the
     * binding cannot undo this one's.
     */
    TabSound start(CompletableFuture<Void> previous) {
        // Bindings reach contexts only while the Runtime domain is on (V8 installs them as contexts appear).
        JsonObject binding = new JsonObject();
        binding.addProperty("name", BINDING);
        binding.addProperty("executionContextName", WORLD);
        previous.exceptionally(e -> null)
                .thenCompose(x -> targets.send(List.of(), "Runtime.enable", new JsonObject()))
                .thenCompose(r -> targets.send(List.of(), "Runtime.addBinding", binding))
                .whenComplete((r, e) -> {
                    if (e != null) {
                        LOG.warning("tab sound binding failed: " + e);
                    } else {
                        ensurer.scheduleWithFixedDelay(this::ensure, 0, ENSURE_MS, TimeUnit.MILLISECONDS);
                    }
                });
        return this;
    }

    private void ensure() {
        if (closed) {
            return;
        }
        try {
            JsonObject r = inWorld(SCRIPT).get(5, TimeUnit.SECONDS);
            JsonObject result = r.getAsJsonObject("result");
            String state = result != null && result.has("value") ? result.get("value").getAsString() : r.toString();
            if (!state.equals(lastState)) {
                lastState = state;
                LOG.info(() -> "tab sound capture: " + state);
            }
        } catch (Exception e) {
            LOG.fine(() -> "tab sound not (yet) running: " + e);
        }
    }

    /** Evaluates in the world of the tab's current main document, noting the world's context. */
    private CompletableFuture<JsonObject> inWorld(String expression) {
        return targets.send(List.of(), "Page.getFrameTree", new JsonObject()).thenCompose(tree -> {
            JsonObject world = new JsonObject();
            world.addProperty("frameId", tree.getAsJsonObject("frameTree").getAsJsonObject("frame").get("id").getAsString());
            world.addProperty("worldName", WORLD);
            return targets.send(List.of(), "Page.createIsolatedWorld", world);
        }).thenCompose(world -> {
            context = world.get("executionContextId").getAsInt();
            JsonObject p = new JsonObject();
            p.addProperty("contextId", context);
            p.addProperty("expression", expression);
            p.addProperty("returnByValue", true);
            return targets.send(List.of(), "Runtime.evaluate", p);
        });
    }

    private void event(List<String> path, String method, JsonObject params) {
        if (closed || !path.isEmpty() || !"Runtime.bindingCalled".equals(method)
                || !BINDING.equals(params.get("name").getAsString())
                || params.get("executionContextId").getAsInt() != context) {
            return;
        }
        byte[] pcm;
        try {
            pcm = Base64.getDecoder().decode(params.get("payload").getAsString());
        } catch (IllegalArgumentException e) {
            return;
        }
        ByteBuffer b = ByteBuffer.wrap(pcm).order(ByteOrder.LITTLE_ENDIAN);
        float[] samples = new float[pcm.length / 2];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = b.getShort() / 32768f;
        }
        chunks.accept(samples);
    }

    @Override
    public void close() {
        stop();
    }

    /** Stops the capture; completes once the world's captures and the binding are gone (or could not be). */
    CompletableFuture<Void> stop() {
        if (closed) {
            return CompletableFuture.completedFuture(null);
        }
        closed = true;
        unlisten.run();
        ensurer.shutdownNow();
        // The world's captures end (their tracks stop; the page's playback goes on), then the binding.
        JsonObject binding = new JsonObject();
        binding.addProperty("name", BINDING);
        return inWorld(STOP).handle((r, e) -> null)
                .thenCompose(x -> targets.send(List.of(), "Runtime.removeBinding", binding))
                .thenCompose(x -> targets.send(List.of(), "Runtime.disable", new JsonObject()))
                .handle((r, e) -> null)
                .orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null).thenApply(x -> null);
    }

    private static String load() {
        try (InputStream in = TabSound.class.getResourceAsStream("tab-sound.js")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("tab-sound.js missing", e);
        }
    }
}
