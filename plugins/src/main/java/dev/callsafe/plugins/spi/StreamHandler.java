package dev.callsafe.plugins.spi;

import java.util.Optional;

/** Opens endless response bodies for a stream scheme name; the browser asks it for each request. */
@FunctionalInterface
public interface StreamHandler {
    /**
     * Opens a stream for the requesting frame, or empty when this frame may not read that path: the
     * page then gets a network error and no bytes.
     */
    Optional<StreamBody> open(FrameRef frame, String path);
}
