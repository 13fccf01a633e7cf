package dev.callsafe.plugins.media;

import java.util.concurrent.CompletableFuture;
import java.util.logging.Logger;

import dev.callsafe.plugins.spi.FrameRef;
import dev.callsafe.plugins.spi.PluginContext;

/**
 * Asks the engine about a requesting frame before anything is decided: its security origin (a sandboxed
 * frame's is opaque, whatever its URL) and its permissions policy (delegation with {@code allow=}, the
 * page's own policy), never from anything the page says. Answers never fail: when the engine cannot say,
 * the {@link FrameCheck} is unverified and refuses everything.
 */
final class FrameChecks {
    private static final Logger LOG = Logger.getLogger(FrameChecks.class.getName());

    private final PluginContext context;

    FrameChecks(PluginContext context) {
        this.context = context;
    }

    /** What the engine says about this frame now (a busy renderer delays the answer, never changes it). */
    CompletableFuture<FrameCheck> check(FrameRef frame) {
        return context.tabs().stream().filter(t -> t.id() == frame.tabId()).findFirst()
                .map(t -> t.engineFrame(frame).handle((seen, e) -> {
                    if (e != null) {
                        LOG.warning("the engine could not describe frame " + frame.url() + ": " + e);
                        return FrameCheck.unverified(frame);
                    }
                    return FrameCheck.of(frame, seen);
                }))
                .orElse(CompletableFuture.completedFuture(FrameCheck.unverified(frame)));
    }
}
