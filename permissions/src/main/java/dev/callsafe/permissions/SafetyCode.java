package dev.callsafe.permissions;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * A short code two people in a call read to each other to check that nobody sits between their DTLS
 * endpoints: derived from both certificate fingerprints, in an order that does not depend on which side
 * computes it, so both see the same code. Six groups of four digits (about 80 bits): a machine in the
 * middle holds two connections and must make their codes collide, a birthday search of about 2^40
 * certificates, not something done while a call is being set up.
 */
public final class SafetyCode {
    static final int GROUPS = 6;
    private static final byte[] LABEL = "callsafe safety code v1".getBytes(StandardCharsets.US_ASCII);

    private SafetyCode() {
    }

    /** The code for a connection between these two certificates, e.g. {@code "0412 9983 1270 5531 0086 7214"}. */
    public static String of(PeerFingerprint a, PeerFingerprint b) {
        byte[] x = encode(a);
        byte[] y = encode(b);
        if (Arrays.compareUnsigned(x, y) > 0) {
            byte[] t = x;
            x = y;
            y = t;
        }
        byte[] hash;
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(LABEL);
            sha.update(x);
            sha.update(y);
            hash = sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        StringBuilder out = new StringBuilder();
        for (int g = 0; g < GROUPS; g++) {
            // 5 bytes give 40 bits; modulo 10^4 of them is uniform to within 2^-26
            long v = 0;
            for (int i = 0; i < 5; i++) {
                v = (v << 8) | (hash[g * 5 + i] & 0xFF);
            }
            if (g > 0) {
                out.append(' ');
            }
            out.append(String.format("%04d", v % 10_000));
        }
        return out.toString();
    }

    /** Length-prefixed algorithm and hash, so no two different fingerprints encode the same. */
    private static byte[] encode(PeerFingerprint f) {
        byte[] alg = f.algorithm().getBytes(StandardCharsets.US_ASCII);
        byte[] val = f.bytes();
        byte[] out = new byte[2 + alg.length + val.length];
        out[0] = (byte) alg.length;
        System.arraycopy(alg, 0, out, 1, alg.length);
        out[1 + alg.length] = (byte) val.length;
        System.arraycopy(val, 0, out, 2 + alg.length, val.length);
        return out;
    }
}
