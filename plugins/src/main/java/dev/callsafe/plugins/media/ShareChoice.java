package dev.callsafe.plugins.media;

import dev.callsafe.capture.screen.OcclusionStyle;
import dev.callsafe.capture.screen.ShareTarget;
import dev.callsafe.permissions.DisplaySource;
import dev.callsafe.plugins.spi.Tab;

/**
 * What the user chose in the share picker (or the tab a page named under the Application Permission).
 *
 * @param source screen, application or browser tab
 * @param label what the chrome and the sharing bar call it ("Screen 1", "Application: Editor", "Tab: News")
 * @param target the desktop item for screen and application sharing; null for a tab
 * @param tab the shared tab; null unless {@code source} is {@link DisplaySource#BROWSER}
 * @param occlusion how covered parts of a screen or application share are shown
 * @param tabAudio whether the shared tab's sound goes with it (only for a tab, and only when the page asked)
 */
record ShareChoice(DisplaySource source, String label, ShareTarget target, Tab tab, OcclusionStyle occlusion,
                   boolean tabAudio) {
}
