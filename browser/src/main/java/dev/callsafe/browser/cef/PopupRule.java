package dev.callsafe.browser.cef;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a frame's sandbox lets it do with a popup, from what the engine reports of it: whether its document's
 * origin is opaque, and the {@code sandbox} attribute of its own owner element and of each ancestor's (HTML:
 * a frame's sandbox flags are those of every enclosing iframe together). A popup opens as a tab of this
 * browser, which cannot carry sandbox flags, so a popup that Chromium would sandbox keeps the sandbox's
 * effect on media instead. A sandbox set by a response header ({@code Content-Security-Policy: sandbox})
 * has no attribute to read: an opaque origin without one is refused, as its flags are unknown (fail closed).
 */
public enum PopupRule {
    /** No popup: a sandbox without {@code allow-popups}, or an opaque origin whose sandbox cannot be read. */
    REFUSED,
    /** A popup that Chromium would sandbox: it opens, and media is refused in it for its life. */
    SANDBOXED,
    /** An ordinary popup: no sandbox, or one with {@code allow-popups-to-escape-sandbox} throughout. */
    FREE;

    /**
     * @param opaqueOrigin whether the requesting document's origin is opaque
     * @param sandboxes    the {@code sandbox} attribute of each enclosing frame element, innermost first (empty
     *                     when that element has none)
     */
    public static PopupRule of(boolean opaqueOrigin, List<Optional<String>> sandboxes) {
        boolean sandboxed = false;
        boolean escapes = true;
        for (Optional<String> attribute : sandboxes) {
            if (attribute.isEmpty()) {
                continue;
            }
            Set<String> tokens = tokens(attribute.get());
            sandboxed = true;
            if (!tokens.contains("allow-popups")) {
                return REFUSED;
            }
            escapes &= tokens.contains("allow-popups-to-escape-sandbox");
        }
        if (!sandboxed) {
            return opaqueOrigin ? REFUSED : FREE;
        }
        return escapes ? FREE : SANDBOXED;
    }

    /** The stricter of two answers (twin frames that cannot be told apart). */
    public PopupRule and(PopupRule other) {
        return compareTo(other) <= 0 ? this : other;
    }

    /** The attribute's tokens as HTML parses them: split on ASCII whitespace, ASCII case-insensitive. */
    private static Set<String> tokens(String attribute) {
        String trimmed = attribute.strip();
        return trimmed.isEmpty() ? Set.of()
                : Set.copyOf(List.of(trimmed.toLowerCase(Locale.ROOT).split("[\\t\\n\\f\\r ]+")));
    }
}
