package dev.callsafe.permissions;

import java.util.Optional;

/**
 * Which capture sessions the history shows: those of one site (the capturing frame's origin or the tab's page's
 * origin) and of one kind, or all.
 */
public record HistoryFilter(Optional<Origin> site, Optional<MediaKind> kind) {
    public static final HistoryFilter ALL = new HistoryFilter(Optional.empty(), Optional.empty());

    public boolean test(CaptureSession s) {
        return site.map(o -> s.origin().equals(o) || s.topLevel().equals(o)).orElse(true)
                && kind.map(k -> s.kind() == k).orElse(true);
    }
}
