package dev.callsafe.plugins.media;

import java.util.OptionalDouble;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/** One {@code ConstrainULong}/{@code ConstrainDouble} member: a bare value (ideal) or min/max/exact/ideal. */
record NumericConstraint(String name, OptionalDouble min, OptionalDouble max, OptionalDouble exact,
                         OptionalDouble ideal) {
    static NumericConstraint none(String name) {
        return new NumericConstraint(name, OptionalDouble.empty(), OptionalDouble.empty(),
                OptionalDouble.empty(), OptionalDouble.empty());
    }

    static NumericConstraint parse(String name, JsonElement e) throws MediaError {
        if (e == null || e.isJsonNull()) {
            return none(name);
        }
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
            return new NumericConstraint(name, OptionalDouble.empty(), OptionalDouble.empty(),
                    OptionalDouble.empty(), OptionalDouble.of(number(name, e)));
        }
        if (!e.isJsonObject()) {
            throw MediaError.typeError("constraint '" + name + "' must be a number or a range object");
        }
        JsonObject o = e.getAsJsonObject();
        for (String key : o.keySet()) {
            if (!key.equals("min") && !key.equals("max") && !key.equals("exact") && !key.equals("ideal")) {
                throw MediaError.typeError("constraint '" + name + "' has unknown member '" + key + "'");
            }
        }
        return new NumericConstraint(name, opt(name, o.get("min")), opt(name, o.get("max")),
                opt(name, o.get("exact")), opt(name, o.get("ideal")));
    }

    private static OptionalDouble opt(String name, JsonElement e) throws MediaError {
        return e == null || e.isJsonNull() ? OptionalDouble.empty() : OptionalDouble.of(number(name, e));
    }

    private static double number(String name, JsonElement e) throws MediaError {
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw MediaError.typeError("constraint '" + name + "' must be numeric");
        }
        double v = e.getAsDouble();
        if (!Double.isFinite(v) || v < 0) {
            throw MediaError.typeError("constraint '" + name + "' must be a finite non-negative number");
        }
        return v;
    }

    /** Whether min or exact was given: forbidden for display capture by the screen-capture spec. */
    boolean isMandatory() {
        return min.isPresent() || max.isPresent() || exact.isPresent();
    }

    /**
     * Picks a value within the device's range and the mandatory bounds, as close to ideal (or the default)
     * as allowed, or throws {@code OverconstrainedError} naming this constraint.
     */
    double choose(double capMin, double capMax, double fallback) throws MediaError {
        double lo = capMin;
        double hi = capMax;
        if (min.isPresent()) {
            lo = Math.max(lo, min.getAsDouble());
        }
        if (max.isPresent()) {
            hi = Math.min(hi, max.getAsDouble());
        }
        if (exact.isPresent()) {
            lo = Math.max(lo, exact.getAsDouble());
            hi = Math.min(hi, exact.getAsDouble());
        }
        if (lo > hi) {
            throw MediaError.overconstrained(name, "no device can satisfy '" + name + "'");
        }
        double want = exact.isPresent() ? exact.getAsDouble() : ideal.orElse(fallback);
        return Math.max(lo, Math.min(hi, want));
    }
}
