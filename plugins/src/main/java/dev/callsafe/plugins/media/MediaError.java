package dev.callsafe.plugins.media;

import com.google.gson.JsonObject;

/**
 * An error a page receives, named as the specs name it ({@code NotAllowedError}, {@code TypeError},
 * {@code OverconstrainedError} with its constraint, ...).
 */
public final class MediaError extends Exception {
    private final String name;
    private final String constraint;

    public MediaError(String name, String message) {
        this(name, message, null);
    }

    private MediaError(String name, String message, String constraint) {
        super(message);
        this.name = name;
        this.constraint = constraint;
    }

    public static MediaError typeError(String message) {
        return new MediaError("TypeError", message);
    }

    public static MediaError notAllowed(String message) {
        return new MediaError("NotAllowedError", message);
    }

    public static MediaError notFound(String message) {
        return new MediaError("NotFoundError", message);
    }

    public static MediaError notReadable(String message) {
        return new MediaError("NotReadableError", message);
    }

    public static MediaError overconstrained(String constraint, String message) {
        return new MediaError("OverconstrainedError", message, constraint);
    }

    public String name() {
        return name;
    }

    public String constraint() {
        return constraint;
    }

    /** The JSON the page script turns back into the right exception type. */
    public String toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("name", name);
        o.addProperty("message", getMessage());
        if (constraint != null) {
            o.addProperty("constraint", constraint);
        }
        return o.toString();
    }
}
