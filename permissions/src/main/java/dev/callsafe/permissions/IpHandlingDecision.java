package dev.callsafe.permissions;

/**
 * The WebRTC IP handling that applies to one frame's peer connections, with why.
 *
 * @param handling what applies
 * @param reason which setting (or which doubt) decided it
 */
public record IpHandlingDecision(IpHandling handling, Reason reason) {
    /** Why a frame's connections get this handling. */
    public enum Reason {
        /** The frame's own origin has a setting (the stricter of it and the top-level site's, when both do). */
        SITE_SETTING,
        /** The tab's top-level site is relay only, which covers every frame it embeds. */
        TOP_LEVEL_SITE_SETTING,
        /** Neither origin has a setting: the browser-wide default. */
        BROWSER_DEFAULT,
        /** The engine could not vouch for the frame's origin (opaque, unverified): relay only, failing closed. */
        UNVERIFIED_FRAME
    }

    /** Plain words for the page's console and logs. */
    public String explain() {
        String what = handling == IpHandling.RELAY_ONLY ? "Relay only" : "Default";
        switch (reason) {
            case SITE_SETTING:
                return what + " (this site's setting)";
            case TOP_LEVEL_SITE_SETTING:
                return what + " (the setting of the site this frame is embedded in)";
            case BROWSER_DEFAULT:
                return what + " (the browser-wide setting)";
            default:
                return what + " (the browser could not confirm this frame's origin)";
        }
    }
}
