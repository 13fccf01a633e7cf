package dev.callsafe.plugins.media;

import dev.callsafe.permissions.Origin;

/**
 * Who holds a device right now, as the requesting page's prompt must show it: the tab and origin whose live
 * track uses it, and whether that is the requesting origin itself (which may share the capture).
 */
record DeviceHolder(int tabId, String tabTitle, Origin origin, boolean sameOrigin) {
    /** A short description for the prompt. */
    String describe() {
        String tab = tabTitle == null || tabTitle.isBlank() ? "tab " + tabId : "tab \u201C" + tabTitle + "\u201D";
        return sameOrigin ? "shared with this site's " + tab : "in use by " + origin.serialize() + " in " + tab;
    }
}
