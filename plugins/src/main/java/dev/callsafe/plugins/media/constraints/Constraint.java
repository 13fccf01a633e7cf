package dev.callsafe.plugins.media.constraints;

/** One property's constraint within a constraint set; it scores one setting value by the spec's fitness distance. */
public sealed interface Constraint permits RangeConstraint, ValueConstraint {
    ConstrainableProperty property();

    /** Whether it has required parts (min, max, exact): a value outside them is unusable. */
    boolean isRequired();

    /** Whether a value (null: the setting does not exist) meets the required parts. */
    boolean satisfiedBy(Object value);

    /**
     * The fitness distance of a value (null: the setting does not exist) from the ideal: 0 when there is no
     * ideal, 1 for a missing setting, else between 0 and 1. Required parts are judged by {@link #satisfiedBy}.
     */
    double idealDistance(Object value);

    /** Whether an ideal was given. */
    boolean hasIdeal();
}
