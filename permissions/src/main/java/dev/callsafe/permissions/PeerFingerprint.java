package dev.callsafe.permissions;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A DTLS certificate fingerprint as WebRTC states it (RFC 8122): a hash algorithm and the hash as upper-case
 * hexadecimal byte pairs joined by colons. Parsing is strict, since values may come from a page.
 *
 * @param algorithm lower-case hash name, e.g. {@code sha-256}
 * @param value upper-case hex pairs joined by colons
 */
public record PeerFingerprint(String algorithm, String value) {
    private static final Set<String> ALGORITHMS = Set.of("sha-1", "sha-224", "sha-256", "sha-384", "sha-512");
    private static final Pattern VALUE = Pattern.compile("[0-9A-F]{2}(:[0-9A-F]{2}){19,63}");

    public PeerFingerprint {
        if (algorithm == null || value == null) {
            throw new IllegalArgumentException("a fingerprint needs an algorithm and a value");
        }
        algorithm = algorithm.toLowerCase(Locale.ROOT);
        value = value.toUpperCase(Locale.ROOT);
        if (!ALGORITHMS.contains(algorithm)) {
            throw new IllegalArgumentException("unknown fingerprint algorithm");
        }
        if (!VALUE.matcher(value).matches()) {
            throw new IllegalArgumentException("not a fingerprint value");
        }
    }

    /** The fingerprint, or null when the strings are not one (untrusted input). */
    public static PeerFingerprint parseOrNull(String algorithm, String value) {
        try {
            return new PeerFingerprint(algorithm, value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The hash bytes. */
    public byte[] bytes() {
        String[] parts = value.split(":");
        byte[] out = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        return out;
    }

    /** "sha-256 AB:CD:…", as SDP writes it. */
    @Override
    public String toString() {
        return algorithm + " " + value;
    }
}
