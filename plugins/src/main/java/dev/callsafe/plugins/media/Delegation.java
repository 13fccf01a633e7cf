package dev.callsafe.plugins.media;

import java.util.Set;
import java.util.concurrent.CompletableFuture;

import dev.callsafe.permissions.MediaKind;
import dev.callsafe.plugins.spi.FrameRef;
import dev.callsafe.plugins.spi.PluginContext;

/**
 * Whether a cross-origin frame was delegated media by its embedders ({@code allow="camera; microphone"}),
 * as the engine enforces the permissions policy; never from anything the page says.
 */
final class Delegation {
    private final PluginContext context;

    Delegation(PluginContext context) {
        this.context = context;
    }

    /**
     * True when every kind's feature is allowed in a cross-origin frame. Same-origin frames need no
     * delegation and answer false at once, without asking the engine; any failure answers false.
     */
    CompletableFuture<Boolean> delegated(FrameRef frame, Set<MediaKind> kinds) {
        if (frame.mainFrame() || frame.origin().equals(frame.topLevelOrigin()) || kinds.isEmpty()) {
            return CompletableFuture.completedFuture(false);
        }
        return context.tabs().stream().filter(t -> t.id() == frame.tabId()).findFirst()
                .map(t -> t.allowedFeatures(frame)
                        .thenApply(allowed -> kinds.stream().allMatch(k -> allowed.contains(k.policyFeature())))
                        .exceptionally(e -> false))
                .orElse(CompletableFuture.completedFuture(false));
    }
}
