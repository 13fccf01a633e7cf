package dev.callsafe.plugins.media;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/** The parsed constraints for one kind of track; what the page asked, kept for {@code getConstraints()}. */
record TrackConstraints(JsonObject raw, NumericConstraint width, NumericConstraint height,
                        NumericConstraint frameRate, List<String> deviceIds, boolean deviceIdExact) {
    private static final Set<String> KNOWN_STRING_MEMBERS = Set.of("deviceId", "groupId", "facingMode",
            "resizeMode", "mediaSource");

    /** Parses {@code true}, {@code false}/absent (empty result) or a constraints object. */
    static Optional<TrackConstraints> parse(JsonElement e) throws MediaError {
        if (e == null || e.isJsonNull() || (e.isJsonPrimitive() && e.getAsJsonPrimitive().isBoolean()
                && !e.getAsBoolean())) {
            return Optional.empty();
        }
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isBoolean()) {
            return Optional.of(from(new JsonObject()));
        }
        if (!e.isJsonObject()) {
            throw MediaError.typeError("audio and video must be booleans or constraint objects");
        }
        return Optional.of(from(e.getAsJsonObject()));
    }

    private static TrackConstraints from(JsonObject o) throws MediaError {
        JsonElement advanced = o.get("advanced");
        if (advanced != null && !advanced.isJsonNull() && (!advanced.isJsonArray()
                || !advanced.getAsJsonArray().asList().stream().allMatch(JsonElement::isJsonObject))) {
            throw MediaError.typeError("'advanced' must be an array of constraint sets");
        }
        List<String> ids = List.of();
        boolean exact = false;
        JsonElement d = o.get("deviceId");
        if (d != null && !d.isJsonNull()) {
            if (d.isJsonObject()) {
                JsonObject dob = d.getAsJsonObject();
                exact = dob.has("exact");
                ids = strings(exact ? dob.get("exact") : dob.get("ideal"));
            } else {
                ids = strings(d);
            }
        }
        for (String key : KNOWN_STRING_MEMBERS) {
            JsonElement v = o.get(key);
            if (v != null && v.isJsonPrimitive() && v.getAsJsonPrimitive().isNumber()) {
                throw MediaError.typeError("constraint '" + key + "' must be a string");
            }
        }
        return new TrackConstraints(o, NumericConstraint.parse("width", o.get("width")),
                NumericConstraint.parse("height", o.get("height")),
                NumericConstraint.parse("frameRate", o.get("frameRate")), ids, exact);
    }

    private static List<String> strings(JsonElement e) throws MediaError {
        if (e == null || e.isJsonNull()) {
            return List.of();
        }
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()) {
            return List.of(e.getAsString());
        }
        if (e.isJsonArray()) {
            java.util.ArrayList<String> out = new java.util.ArrayList<>();
            for (JsonElement x : e.getAsJsonArray()) {
                if (!x.isJsonPrimitive() || !x.getAsJsonPrimitive().isString()) {
                    throw MediaError.typeError("deviceId must be a string or a list of strings");
                }
                out.add(x.getAsString());
            }
            return out;
        }
        throw MediaError.typeError("deviceId must be a string, a list of strings or {exact|ideal}");
    }
}
