package dev.callsafe.plugins.media;

import java.util.Optional;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import dev.callsafe.permissions.DisplaySource;

/**
 * What a page's getDisplayMedia options say about the picker (Screen Capture spec): whether its own tab is
 * offered and offered first, whether screens are offered, which kind of surface to start on, and whether the
 * person may switch a tab share to another tab. Hints only: the person still chooses, and a hint never offers
 * what the consent rules do not.
 *
 * @param preferCurrentTab offer the requesting tab first, already selected
 * @param selfIncluded whether the requesting tab is offered at all (not unless the page asks or prefers it)
 * @param surfaceSwitching whether the chrome offers "Share this tab instead" during a tab share
 * @param monitorsIncluded whether whole screens are offered
 * @param preferredSurface the kind of surface to start on ({@code displaySurface} constraint)
 */
record ShareHints(boolean preferCurrentTab, boolean selfIncluded, boolean surfaceSwitching, boolean monitorsIncluded,
                  Optional<DisplaySource> preferredSurface) {
    /** What a page that says nothing gets. */
    static ShareHints defaults() {
        return new ShareHints(false, false, false, true, Optional.empty());
    }

    /** Reads and checks the hints of a share message ({@code TypeError}s as the spec names them). */
    static ShareHints parse(JsonObject msg, JsonObject video) throws MediaError {
        boolean prefer = msg.has("preferCurrentTab") && msg.get("preferCurrentTab").isJsonPrimitive()
                && msg.get("preferCurrentTab").getAsBoolean();
        Optional<Boolean> self = includeExclude(msg, "selfBrowserSurface");
        if (prefer && self.equals(Optional.of(false))) {
            throw MediaError.typeError("preferCurrentTab and selfBrowserSurface 'exclude' contradict each other");
        }
        Optional<Boolean> monitors = includeExclude(msg, "monitorTypeSurfaces");
        Optional<DisplaySource> surface = surface(video.get("displaySurface"));
        if (monitors.equals(Optional.of(false)) && surface.equals(Optional.of(DisplaySource.SCREEN))) {
            throw MediaError.typeError("displaySurface 'monitor' with monitorTypeSurfaces 'exclude'");
        }
        // The requesting tab is left out unless the page asks for it or prefers it, as in Chrome (the spec
        // leaves the default to the browser): sharing one's own tab makes a hall of mirrors.
        return new ShareHints(prefer, self.orElse(prefer), includeExclude(msg, "surfaceSwitching").orElse(false),
                monitors.orElse(true), surface);
    }

    private static Optional<Boolean> includeExclude(JsonObject msg, String key) throws MediaError {
        JsonElement e = msg.get(key);
        if (e == null || e.isJsonNull()) {
            return Optional.empty();
        }
        String v = e.isJsonPrimitive() ? e.getAsString() : "";
        if (!v.equals("include") && !v.equals("exclude")) {
            throw MediaError.typeError(key + " must be 'include' or 'exclude'");
        }
        return Optional.of(v.equals("include"));
    }

    private static Optional<DisplaySource> surface(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return Optional.empty();
        }
        if (e.isJsonObject()) {
            JsonObject o = e.getAsJsonObject();
            return surface(o.has("ideal") ? o.get("ideal") : o.get("exact"));
        }
        if (e.isJsonArray()) {
            return e.getAsJsonArray().isEmpty() ? Optional.empty() : surface(e.getAsJsonArray().get(0));
        }
        switch (e.isJsonPrimitive() ? e.getAsString() : "") {
            case "monitor": return Optional.of(DisplaySource.SCREEN);
            case "window": return Optional.of(DisplaySource.APPLICATION);
            case "browser": return Optional.of(DisplaySource.BROWSER);
            default: return Optional.empty();
        }
    }
}
