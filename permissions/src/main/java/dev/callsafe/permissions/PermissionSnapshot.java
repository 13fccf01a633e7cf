package dev.callsafe.permissions;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The whole persistent consent state: what the store writes and reads.
 *
 * @param sites per-origin permissions
 * @param settings browser-wide defaults (null in files written before there were settings: all ask)
 * @param history capture sessions, oldest first (null in files written before there was a history)
 * @param ipHandlingDefault the browser-wide WebRTC IP handling ({@link IpHandling#stored()}); null is Default
 */
public record PermissionSnapshot(int schema, Map<String, SiteSnapshot> sites, SettingsSnapshot settings,
                                 List<CaptureSession.Stored> history, String ipHandlingDefault) {
    /**
     * The schema this code writes; a newer one on disk is kept aside, not misread. Settings, history and the
     * IP handling default were added to schema 1 as optional fields: an older build reads the file and
     * ignores them.
     */
    public static final int SCHEMA = 1;

    /** Per-origin permissions only (no settings, no history). */
    public PermissionSnapshot(int schema, Map<String, SiteSnapshot> sites) {
        this(schema, sites, null, null, null);
    }

    /** Per-origin permissions and the browser-wide IP handling (no settings, no history). */
    public PermissionSnapshot(int schema, Map<String, SiteSnapshot> sites, String ipHandlingDefault) {
        this(schema, sites, null, null, ipHandlingDefault);
    }

    public static PermissionSnapshot empty() {
        return new PermissionSnapshot(SCHEMA, new TreeMap<>(), null, null, null);
    }

    /** This state with the browser-wide settings and the capture history added. */
    public PermissionSnapshot with(SettingsSnapshot newSettings, List<CaptureSession.Stored> newHistory) {
        return new PermissionSnapshot(schema, sites, newSettings, newHistory, ipHandlingDefault);
    }
}
