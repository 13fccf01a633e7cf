package dev.callsafe.plugins.media;

import java.awt.Font;
import java.util.function.ToIntFunction;

import javax.swing.JComponent;

import dev.callsafe.permissions.Origin;

/**
 * The room a site's host gets wherever a person reads it to decide or to see who captures (prompt, share
 * picker, capture indicator, sharing bar, site settings): a longer host is elided from the left, the
 * registrable domain always whole ({@link dev.callsafe.permissions.HostElision}), so a name like
 * {@code accounts.google.com.evil.example} cannot push its real site out of sight.
 */
final class HostRoom {
    /** Pixels for the host, in the font it is shown in. */
    static final int PX = 320;

    private HostRoom() {
    }

    /** The origin as shown, its host elided to {@link #PX} as {@code width} measures text. */
    static String shown(Origin origin, ToIntFunction<String> width) {
        return origin.display(PX, width);
    }

    /** How wide text is in this component's font (bold when the host is shown in bold). */
    static ToIntFunction<String> measuredIn(JComponent c, boolean bold) {
        Font font = c.getFont();
        java.awt.FontMetrics metrics = c.getFontMetrics(bold ? font.deriveFont(Font.BOLD) : font);
        return metrics::stringWidth;
    }
}
