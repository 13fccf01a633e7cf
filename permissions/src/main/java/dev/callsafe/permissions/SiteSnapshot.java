package dev.callsafe.permissions;

import java.util.Map;

/**
 * Everything remembered about one origin, as plain data for storage.
 *
 * @param permissions kind name (lower case) to its remembered state
 * @param deviceSalt per-origin salt of page-facing device ids; a new one after clearing site data
 * @param everGranted whether a getUserMedia of this origin ever succeeded (until site data is cleared)
 * @param dismissals prompts dismissed in a row
 * @param embargoUntil ISO instant until which prompts are suppressed, or null
 * @param ipHandling the origin's WebRTC IP handling ({@link IpHandling#stored()}), or null for the browser-wide one
 * @param pinnedPeers peers the person pinned for this site (null in files written before pins existed)
 */
public record SiteSnapshot(Map<String, StoredPermission> permissions, String deviceSalt, boolean everGranted,
                           int dismissals, String embargoUntil, String ipHandling,
                           java.util.List<PinnedPeer> pinnedPeers) {
    /** A site with no pinned peers. */
    public SiteSnapshot(Map<String, StoredPermission> permissions, String deviceSalt, boolean everGranted,
                        int dismissals, String embargoUntil, String ipHandling) {
        this(permissions, deviceSalt, everGranted, dismissals, embargoUntil, ipHandling, null);
    }

    /** A site with neither pinned peers nor its own IP handling. */
    public SiteSnapshot(Map<String, StoredPermission> permissions, String deviceSalt, boolean everGranted,
                        int dismissals, String embargoUntil) {
        this(permissions, deviceSalt, everGranted, dismissals, embargoUntil, null, null);
    }

    /**
     * One remembered state.
     *
     * @param since ISO instant the state was set
     * @param lastUsed ISO instant a request last used it (grants lapse when unused)
     */
    public record StoredPermission(PermissionState state, String since, String lastUsed) {
    }
}
