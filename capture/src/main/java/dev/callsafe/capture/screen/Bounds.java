package dev.callsafe.capture.screen;

/**
 * A rectangle in absolute root-window (virtual desktop) pixels; x and y may be negative (screens left of or
 * above the primary one, windows partly off-screen). A width or height of 0 is an empty rectangle.
 */
public record Bounds(int x, int y, int width, int height) {
    /** The empty rectangle at the origin. */
    public static final Bounds EMPTY = new Bounds(0, 0, 0, 0);

    public Bounds {
        if (width < 0 || height < 0) {
            throw new IllegalArgumentException("negative size: " + width + "x" + height);
        }
    }

    /** The rectangle from (x1, y1) inclusive to (x2, y2) exclusive; empty when x2 <= x1 or y2 <= y1. */
    public static Bounds fromCorners(int x1, int y1, int x2, int y2) {
        if (x2 <= x1 || y2 <= y1) {
            return EMPTY;
        }
        return new Bounds(x1, y1, x2 - x1, y2 - y1);
    }

    /** The exclusive right edge. */
    public int right() {
        return x + width;
    }

    /** The exclusive bottom edge. */
    public int bottom() {
        return y + height;
    }

    public boolean isEmpty() {
        return width == 0 || height == 0;
    }

    /** Number of pixels covered. */
    public long area() {
        return (long) width * height;
    }

    /** The common part of both rectangles, {@link #EMPTY} when they do not overlap. */
    public Bounds intersection(Bounds other) {
        return fromCorners(Math.max(x, other.x), Math.max(y, other.y),
                Math.min(right(), other.right()), Math.min(bottom(), other.bottom()));
    }

    public boolean intersects(Bounds other) {
        return !intersection(other).isEmpty();
    }

    /** Whether {@code other} lies wholly inside this rectangle (an empty one always does). */
    public boolean contains(Bounds other) {
        return other.isEmpty() || (other.x >= x && other.y >= y && other.right() <= right() && other.bottom() <= bottom());
    }

    public boolean contains(int px, int py) {
        return px >= x && py >= y && px < right() && py < bottom();
    }

    /** The smallest rectangle holding both; an empty operand is ignored. */
    public Bounds union(Bounds other) {
        if (isEmpty()) {
            return other;
        }
        if (other.isEmpty()) {
            return this;
        }
        return fromCorners(Math.min(x, other.x), Math.min(y, other.y),
                Math.max(right(), other.right()), Math.max(bottom(), other.bottom()));
    }

    /** This rectangle moved by (dx, dy). */
    public Bounds translate(int dx, int dy) {
        return new Bounds(x + dx, y + dy, width, height);
    }

    @Override
    public String toString() {
        return width + "x" + height + (x >= 0 ? "+" : "") + x + (y >= 0 ? "+" : "") + y;
    }
}
