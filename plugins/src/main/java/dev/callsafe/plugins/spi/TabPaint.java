package dev.callsafe.plugins.spi;

import java.awt.Rectangle;
import java.nio.ByteBuffer;

/** One paint of a tab's view, as the engine made it ({@link Tab#paints}). */
@FunctionalInterface
public interface TabPaint {
    /**
     * The view's pixels, BGRA rows of {@code width * 4} bytes in device pixels, readable only during this call;
     * {@code changed} the rectangles that differ from the paint before.
     */
    void painted(ByteBuffer bgra, int width, int height, Rectangle[] changed);
}
