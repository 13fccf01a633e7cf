package dev.callsafe.plugins.media;

import java.util.Optional;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import dev.callsafe.plugins.media.constraints.MediaConstraints;

/** The parsed constraints for one kind of track; what the page asked, kept for {@code getConstraints()}. */
record TrackConstraints(JsonObject raw, MediaConstraints spec) {
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

    static TrackConstraints from(JsonObject o) throws MediaError {
        return new TrackConstraints(o, MediaConstraints.parse(o));
    }
}
