package dev.callsafe.plugins.media.constraints;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

import dev.callsafe.plugins.media.MediaError;

/**
 * One {@code MediaTrackConstraintSet}: the basic set (bare values are ideals) or one advanced set (bare
 * values are exact), keeping the page's order. Scores a settings dictionary by the spec's fitness distance.
 */
public final class ConstraintSet {
    private final Map<ConstrainableProperty, Constraint> constraints;

    public ConstraintSet(Map<ConstrainableProperty, Constraint> constraints) {
        this.constraints = new LinkedHashMap<>(constraints);
    }

    public static ConstraintSet empty() {
        return new ConstraintSet(Map.of());
    }

    /**
     * Parses a constraint set; {@code bareIsExact} for advanced sets. Members of unsupported properties are
     * ignored; wrongly typed ones are {@code TypeError}s.
     */
    public static ConstraintSet parse(JsonObject o, boolean bareIsExact) throws MediaError {
        Map<ConstrainableProperty, Constraint> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : o.entrySet()) {
            Optional<ConstrainableProperty> p = ConstrainableProperty.byKey(e.getKey());
            if (p.isEmpty() || e.getValue() == null || e.getValue().isJsonNull()) {
                continue;
            }
            Constraint c = p.get().type() == ConstrainableProperty.Type.RANGE
                    ? range(p.get(), e.getValue(), bareIsExact) : value(p.get(), e.getValue(), bareIsExact);
            if (c != null) {
                out.put(p.get(), c);
            }
        }
        return new ConstraintSet(out);
    }

    private static RangeConstraint range(ConstrainableProperty p, JsonElement e, boolean bareIsExact)
            throws MediaError {
        String name = p.key();
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
            OptionalDouble v = OptionalDouble.of(number(name, e));
            return new RangeConstraint(p, OptionalDouble.empty(), OptionalDouble.empty(),
                    bareIsExact ? v : OptionalDouble.empty(), bareIsExact ? OptionalDouble.empty() : v);
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
        return new RangeConstraint(p, opt(name, o.get("min")), opt(name, o.get("max")), opt(name, o.get("exact")),
                opt(name, o.get("ideal")));
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

    private static ValueConstraint value(ConstrainableProperty p, JsonElement e, boolean bareIsExact)
            throws MediaError {
        if (e.isJsonObject()) {
            JsonObject o = e.getAsJsonObject();
            for (String key : o.keySet()) {
                if (!key.equals("exact") && !key.equals("ideal")) {
                    throw MediaError.typeError("constraint '" + p.key() + "' has unknown member '" + key + "'");
                }
            }
            return new ValueConstraint(p, values(p, o.get("exact")), values(p, o.get("ideal")));
        }
        List<Object> v = values(p, e);
        return bareIsExact ? new ValueConstraint(p, v, List.of()) : new ValueConstraint(p, List.of(), v);
    }

    private static List<Object> values(ConstrainableProperty p, JsonElement e) throws MediaError {
        List<Object> out = new ArrayList<>();
        if (e == null || e.isJsonNull()) {
            return out;
        }
        if (e.isJsonArray() && p.type() == ConstrainableProperty.Type.STRING) {
            for (JsonElement x : e.getAsJsonArray()) {
                out.add(single(p, x));
            }
            return out;
        }
        out.add(single(p, e));
        return out;
    }

    private static Object single(ConstrainableProperty p, JsonElement e) throws MediaError {
        JsonPrimitive v = e.isJsonPrimitive() ? e.getAsJsonPrimitive() : null;
        if (p.type() == ConstrainableProperty.Type.BOOLEAN) {
            if (v == null || !v.isBoolean()) {
                throw MediaError.typeError("constraint '" + p.key() + "' must be a boolean");
            }
            return v.getAsBoolean();
        }
        if (v == null || !v.isString()) {
            throw MediaError.typeError("constraint '" + p.key() + "' must be a string or a list of strings");
        }
        return v.getAsString();
    }

    public Optional<Constraint> get(ConstrainableProperty p) {
        return Optional.ofNullable(constraints.get(p));
    }

    /** The range constraint on a numeric property, if any. */
    public Optional<RangeConstraint> range(ConstrainableProperty p) {
        return get(p).filter(RangeConstraint.class::isInstance).map(RangeConstraint.class::cast);
    }

    public Iterable<Constraint> all() {
        return constraints.values();
    }

    /** This set without some properties (a file the person chose has no device id to match). */
    public ConstraintSet without(ConstrainableProperty... ps) {
        Map<ConstrainableProperty, Constraint> copy = new LinkedHashMap<>(constraints);
        for (ConstrainableProperty p : ps) {
            copy.remove(p);
        }
        return new ConstraintSet(copy);
    }

    /**
     * The spec's fitness distance of a settings dictionary: positive infinity when a required part is not met,
     * else the sum of each applicable constraint's distance from its ideal.
     */
    public double fitnessDistance(TrackKind kind, Map<String, Object> settings) {
        double sum = 0;
        for (Constraint c : constraints.values()) {
            if (!c.property().appliesTo(kind)) {
                continue;
            }
            Object value = settings.get(c.property().key());
            if (!c.satisfiedBy(value)) {
                return Double.POSITIVE_INFINITY;
            }
            sum += c.idealDistance(value);
        }
        return sum;
    }

    /** The required constraints (in the page's order) a settings dictionary does not meet. */
    public List<String> unmet(TrackKind kind, Map<String, Object> settings) {
        List<String> out = new ArrayList<>();
        for (Constraint c : constraints.values()) {
            if (c.property().appliesTo(kind) && !c.satisfiedBy(settings.get(c.property().key()))) {
                out.add(c.property().key());
            }
        }
        return out;
    }

    /** The required constraints applicable to this kind, in the page's order. */
    public List<String> required(TrackKind kind) {
        List<String> out = new ArrayList<>();
        for (Constraint c : constraints.values()) {
            if (c.property().appliesTo(kind) && c.isRequired()) {
                out.add(c.property().key());
            }
        }
        return out;
    }
}
