package dev.callsafe.plugins.spi;

import java.util.Objects;
import java.util.Set;

import dev.callsafe.permissions.Origin;

/**
 * A frame as the engine itself reports it, not as its URL suggests: its security origin (opaque for a
 * sandboxed frame without {@code allow-same-origin}, a {@code data:} document...; the creator's for
 * {@code about:blank}) and the permissions-policy features the engine allows in it.
 *
 * @param securityOrigin the frame's origin as the engine enforces it
 * @param allowedFeatures permissions-policy features (e.g. {@code camera}) allowed in the frame
 */
public record EngineFrame(Origin securityOrigin, Set<String> allowedFeatures) {
    public EngineFrame {
        Objects.requireNonNull(securityOrigin, "securityOrigin");
        allowedFeatures = Set.copyOf(allowedFeatures);
    }
}
