package dev.callsafe.permissions;

import java.util.Arrays;
import java.util.function.ToIntFunction;

/**
 * A host shown in limited room, as Chromium's URL formatter elides hosts: whole labels are dropped from the
 * left behind an ellipsis, and the registrable domain ({@link Site#registrableDomain}) always stays whole,
 * since it is what tells a person whose page this is ({@code …long.sub.example.co.uk}).
 */
public final class HostElision {
    public static final String ELLIPSIS = "\u2026";

    private HostElision() {
    }

    /**
     * The display form ({@link HostDisplay}) of an ASCII host, elided from the left to fit {@code room} as
     * {@code width} measures text; a registrable domain wider than the room is still shown whole.
     */
    public static String of(String asciiHost, int room, ToIntFunction<String> width) {
        String shown = HostDisplay.of(asciiHost);
        if (width.applyAsInt(shown) <= room || asciiHost.contains(":")) {
            return shown; // fits, or an IPv6 literal (no labels to drop)
        }
        int domainLabels = Site.registrableDomain(asciiHost).split("\\.", -1).length;
        String[] labels = shown.split("\\.", -1);
        int first = labels.length - domainLabels; // index of the registrable domain's first label
        if (first <= 0) {
            return shown; // the whole host is the registrable domain (or the host has none): never cut
        }
        // Longest tail that fits, at least the registrable domain.
        String best = ELLIPSIS + String.join(".", Arrays.copyOfRange(labels, first, labels.length));
        for (int from = first - 1; from > 0; from--) {
            String candidate = ELLIPSIS + String.join(".", Arrays.copyOfRange(labels, from, labels.length));
            if (width.applyAsInt(candidate) > room) {
                break;
            }
            best = candidate;
        }
        return best;
    }
}
