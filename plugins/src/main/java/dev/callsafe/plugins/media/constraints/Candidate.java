package dev.callsafe.plugins.media.constraints;

import java.util.Map;

/**
 * One settings dictionary a source could take (a device at one mode), and what gives it.
 *
 * @param <T> the source: a device option, a running track
 */
public record Candidate<T>(T source, TrackKind kind, Map<String, Object> settings) {
    public Candidate {
        settings = Map.copyOf(settings);
    }

    public Object get(ConstrainableProperty p) {
        return settings.get(p.key());
    }

    public double number(ConstrainableProperty p) {
        return ((Number) settings.get(p.key())).doubleValue();
    }
}
