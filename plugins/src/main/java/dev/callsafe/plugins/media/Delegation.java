package dev.callsafe.plugins.media;

import java.util.EnumSet;
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

    private static boolean sameOrigin(FrameRef frame) {
        return frame.mainFrame() || frame.origin().equals(frame.topLevelOrigin());
    }

    /**
     * True when every kind's feature is allowed in a cross-origin frame. Same-origin frames need no
     * delegation and answer false at once, without asking the engine; any failure answers false.
     */
    CompletableFuture<Boolean> delegated(FrameRef frame, Set<MediaKind> kinds) {
        if (sameOrigin(frame) || kinds.isEmpty()) {
            return CompletableFuture.completedFuture(false);
        }
        return allowed(frame, kinds).thenApply(a -> a.containsAll(kinds));
    }

    /**
     * Which of these kinds the frame may use at all: every kind in a same-origin frame (not checked), in a
     * cross-origin frame only those its embedders delegated; none when the engine cannot say.
     */
    CompletableFuture<Set<MediaKind>> allowed(FrameRef frame, Set<MediaKind> kinds) {
        if (sameOrigin(frame) || kinds.isEmpty()) {
            return CompletableFuture.completedFuture(kinds);
        }
        return context.tabs().stream().filter(t -> t.id() == frame.tabId()).findFirst()
                .map(t -> t.allowedFeatures(frame).thenApply(features -> {
                    Set<MediaKind> out = EnumSet.noneOf(MediaKind.class);
                    kinds.stream().filter(k -> features.contains(k.policyFeature())).forEach(out::add);
                    return (Set<MediaKind>) out;
                }).exceptionally(e -> Set.of()))
                .orElse(CompletableFuture.completedFuture(Set.of()));
    }
}
