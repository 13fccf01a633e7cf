package dev.callsafe.plugins.media.constraints;

import java.util.List;

/**
 * A {@code ConstrainDOMString} or {@code ConstrainBoolean}: the values allowed ({@code exact}, empty for
 * none) and the values preferred ({@code ideal}, empty for none). A value is a String or a Boolean.
 */
public record ValueConstraint(ConstrainableProperty property, List<Object> exact, List<Object> ideal)
        implements Constraint {
    public ValueConstraint {
        exact = List.copyOf(exact);
        ideal = List.copyOf(ideal);
    }

    /** Whether {@code exact} was given at all (an exact empty list allows nothing, see the parser). */
    @Override
    public boolean isRequired() {
        return !exact.isEmpty();
    }

    @Override
    public boolean satisfiedBy(Object value) {
        return exact.isEmpty() || value != null && exact.contains(value);
    }

    @Override
    public double idealDistance(Object value) {
        if (ideal.isEmpty()) {
            return 0;
        }
        return value != null && ideal.contains(value) ? 0 : 1;
    }

    @Override
    public boolean hasIdeal() {
        return !ideal.isEmpty();
    }
}
