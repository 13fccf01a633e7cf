package dev.callsafe.plugins.media;

import java.util.Optional;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** The page's {@code MediaStreamConstraints}, validated as the Media Capture spec requires. */
record StreamConstraints(Optional<TrackConstraints> video, Optional<TrackConstraints> audio) {
    static StreamConstraints parse(JsonElement e) throws MediaError {
        if (e == null || e.isJsonNull()) {
            e = new JsonObject();
        }
        if (!e.isJsonObject()) {
            throw MediaError.typeError("constraints must be an object");
        }
        JsonObject o = e.getAsJsonObject();
        StreamConstraints c = new StreamConstraints(TrackConstraints.parse(o.get("video")),
                TrackConstraints.parse(o.get("audio")));
        if (c.video.isEmpty() && c.audio.isEmpty()) {
            throw MediaError.typeError("at least one of audio and video must be requested");
        }
        return c;
    }

    static StreamConstraints parse(String json) throws MediaError {
        try {
            return parse(JsonParser.parseString(json));
        } catch (com.google.gson.JsonParseException ex) {
            throw MediaError.typeError("constraints are not valid JSON");
        }
    }
}
