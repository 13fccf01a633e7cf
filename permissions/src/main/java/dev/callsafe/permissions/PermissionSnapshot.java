package dev.callsafe.permissions;

import java.util.Map;
import java.util.TreeMap;

/**
 * The whole persistent permission state: what the store writes and reads.
 *
 * @param ipHandlingDefault the browser-wide WebRTC IP handling ({@link IpHandling#stored()}); null is Default
 */
public record PermissionSnapshot(int schema, Map<String, SiteSnapshot> sites, String ipHandlingDefault) {
    /** The schema this code writes; a newer one on disk is kept aside, not misread. */
    public static final int SCHEMA = 1;

    public static PermissionSnapshot empty() {
        return new PermissionSnapshot(SCHEMA, new TreeMap<>(), null);
    }
}
