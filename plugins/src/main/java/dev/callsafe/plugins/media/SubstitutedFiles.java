package dev.callsafe.plugins.media;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import dev.callsafe.permissions.MediaKind;

/**
 * The kinds for which the person sent a file instead of a device in a call. A call grant alone never turns
 * such a kind back into a real camera or microphone: the page asks again, and the person chooses.
 */
final class SubstitutedFiles {
    private final Map<String, Set<MediaKind>> byCall = new ConcurrentHashMap<>();

    /** The person's choice for one kind of a call in the prompt: a file or a device. */
    void chosen(String callId, MediaKind kind, boolean file) {
        byCall.compute(callId, (id, kinds) -> {
            Set<MediaKind> out = kinds == null ? EnumSet.noneOf(MediaKind.class) : EnumSet.copyOf(kinds);
            if (file) {
                out.add(kind);
            } else {
                out.remove(kind);
            }
            return out.isEmpty() ? null : out;
        });
    }

    /** Whether the person chose a file for any of these kinds in this call. */
    boolean any(String callId, Set<MediaKind> kinds) {
        Set<MediaKind> files = byCall.get(callId);
        return files != null && kinds.stream().anyMatch(files::contains);
    }

    /** The calls ended (navigation, tab closed, Stop). */
    void forget(Predicate<String> callIds) {
        byCall.keySet().removeIf(callIds);
    }
}
