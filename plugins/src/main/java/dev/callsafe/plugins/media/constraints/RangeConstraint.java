package dev.callsafe.plugins.media.constraints;

import java.util.OptionalDouble;

/** A {@code ConstrainULong}/{@code ConstrainDouble}: min, max, exact and ideal numbers. */
public record RangeConstraint(ConstrainableProperty property, OptionalDouble min, OptionalDouble max,
                              OptionalDouble exact, OptionalDouble ideal) implements Constraint {
    /** Values this close count as equal (an aspect ratio worked out from a size is not exactly the page's). */
    private static final double EPSILON = 1e-6;

    @Override
    public boolean isRequired() {
        return min.isPresent() || max.isPresent() || exact.isPresent();
    }

    /** The lowest value the required parts allow (negative infinity when unbounded). */
    public double lowest() {
        double lo = Double.NEGATIVE_INFINITY;
        if (min.isPresent()) {
            lo = min.getAsDouble();
        }
        if (exact.isPresent()) {
            lo = Math.max(lo, exact.getAsDouble());
        }
        return lo;
    }

    /** The highest value the required parts allow (positive infinity when unbounded). */
    public double highest() {
        double hi = Double.POSITIVE_INFINITY;
        if (max.isPresent()) {
            hi = max.getAsDouble();
        }
        if (exact.isPresent()) {
            hi = Math.min(hi, exact.getAsDouble());
        }
        return hi;
    }

    /** What the page would most like: ideal, else exact. */
    public OptionalDouble target() {
        return ideal.isPresent() ? ideal : exact;
    }

    @Override
    public boolean satisfiedBy(Object value) {
        if (!isRequired()) {
            return true;
        }
        if (!(value instanceof Number n)) {
            return false;
        }
        double v = n.doubleValue();
        return v >= lowest() - tolerance(lowest()) && v <= highest() + tolerance(highest());
    }

    private static double tolerance(double bound) {
        return Double.isInfinite(bound) ? 0 : EPSILON * Math.max(1, Math.abs(bound));
    }

    @Override
    public double idealDistance(Object value) {
        if (ideal.isEmpty()) {
            return 0;
        }
        if (!(value instanceof Number n)) {
            return 1;
        }
        double actual = n.doubleValue();
        double want = ideal.getAsDouble();
        double scale = Math.max(Math.abs(actual), Math.abs(want));
        return scale == 0 || Math.abs(actual - want) <= tolerance(want) ? 0 : Math.abs(actual - want) / scale;
    }

    @Override
    public boolean hasIdeal() {
        return ideal.isPresent();
    }
}
