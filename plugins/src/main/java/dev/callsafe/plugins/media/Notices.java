package dev.callsafe.plugins.media;

/** How the chrome's notices show their text: wrapped at a width that leaves room for the indicator. */
final class Notices {
    /** Wrap width: a long reason (a file name, FFmpeg's message) takes more lines, not the whole strip. */
    static final int WIDTH_PX = 560;

    private Notices() {
    }

    /** Characters that fit a line of the wrap width, about. */
    private static final int SHORT = 80;

    /** The text, as a label's HTML wrapped at {@link #WIDTH_PX} when it is longer than a line. */
    static String wrapped(String text) {
        if (text.length() <= SHORT) {
            return text;
        }
        String escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        return "<html><div style='width: " + WIDTH_PX + "px'>" + escaped + "</div></html>";
    }
}
