package dev.callsafe.plugins.media.constraints;

import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import dev.callsafe.plugins.media.MediaError;

/** A track's {@code MediaTrackConstraints}: the basic set and the advanced sets, in order. */
public record MediaConstraints(ConstraintSet basic, List<ConstraintSet> advanced) {
    public MediaConstraints {
        advanced = List.copyOf(advanced);
    }

    public static MediaConstraints none() {
        return new MediaConstraints(ConstraintSet.empty(), List.of());
    }

    /** Parses a constraints object ({@code TypeError} for a wrongly shaped member). */
    public static MediaConstraints parse(JsonObject o) throws MediaError {
        List<ConstraintSet> advanced = new ArrayList<>();
        JsonElement a = o.get("advanced");
        if (a != null && !a.isJsonNull()) {
            if (!a.isJsonArray()) {
                throw MediaError.typeError("'advanced' must be an array of constraint sets");
            }
            for (JsonElement set : a.getAsJsonArray()) {
                if (!set.isJsonObject()) {
                    throw MediaError.typeError("each advanced constraint set must be an object");
                }
                advanced.add(ConstraintSet.parse(set.getAsJsonObject(), true));
            }
        }
        return new MediaConstraints(ConstraintSet.parse(o, false), advanced);
    }

    /** These constraints without some properties, in every set. */
    public MediaConstraints without(ConstrainableProperty... ps) {
        List<ConstraintSet> adv = new ArrayList<>();
        for (ConstraintSet s : advanced) {
            adv.add(s.without(ps));
        }
        return new MediaConstraints(basic.without(ps), adv);
    }

    /** The basic set followed by the advanced sets: what a source tries to meet when it picks its modes. */
    public List<ConstraintSet> targets() {
        List<ConstraintSet> out = new ArrayList<>();
        out.add(basic);
        out.addAll(advanced);
        return out;
    }
}
