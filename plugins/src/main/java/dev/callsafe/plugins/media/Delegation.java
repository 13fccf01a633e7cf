package dev.callsafe.plugins.media;

import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import dev.callsafe.permissions.MediaKind;
import dev.callsafe.plugins.spi.FrameRef;
import dev.callsafe.plugins.spi.PluginContext;

/**
 * What a frame's permissions policy lets it use, as the engine enforces it, never from anything the page
 * says: for a cross-origin frame, whether its embedders delegated media ({@code allow="camera; microphone"});
 * for any frame, whether its own policy (a {@code Permissions-Policy} header, {@code allow="camera 'none'"})
 * blocks a kind.
 */
final class Delegation {
    private final PluginContext context;

    Delegation(PluginContext context) {
        this.context = context;
    }

    /** Whether the frame has the top-level origin (its requests need no delegation). */
    static boolean sameOrigin(FrameRef frame) {
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
     * Which of these kinds the frame's permissions policy allows. When the engine cannot say, a cross-origin
     * frame gets none (fail closed: delegation must be shown), a same-origin frame all (its own policy is a
     * page's extra defence; without an answer it is as if there were none).
     */
    CompletableFuture<Set<MediaKind>> allowed(FrameRef frame, Set<MediaKind> kinds) {
        if (kinds.isEmpty()) {
            return CompletableFuture.completedFuture(kinds);
        }
        Set<MediaKind> unknown = sameOrigin(frame) ? kinds : Set.of();
        return context.tabs().stream().filter(t -> t.id() == frame.tabId()).findFirst()
                .map(t -> t.allowedFeatures(frame).thenApply(features -> {
                    Set<MediaKind> out = EnumSet.noneOf(MediaKind.class);
                    kinds.stream().filter(k -> features.contains(k.policyFeature())).forEach(out::add);
                    return (Set<MediaKind>) out;
                }).exceptionally(e -> unknown))
                .orElse(CompletableFuture.completedFuture(unknown));
    }
}
