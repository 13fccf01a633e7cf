package dev.callsafe.permissions;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** A web origin (scheme, host, port) as the browser sees it; the unit every consent decision is keyed by. */
public final class Origin {
    private static final String OPAQUE = "null";

    private final String scheme;
    private final String host;
    private final int port;

    private Origin(String scheme, String host, int port) {
        this.scheme = scheme;
        this.host = host;
        this.port = port;
    }

    /** An origin that equals nothing but itself: {@code data:}, sandboxed frames, unparsable URLs. */
    public static Origin opaque() {
        return new Origin(OPAQUE, "", -1);
    }

    /**
     * Parses the origin of a URL. Never throws: anything without a scheme and host is opaque, so a
     * malformed URL can only ever lose rights, not gain them.
     */
    public static Origin of(String url) {
        if (url == null || url.isBlank()) {
            return opaque();
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            return opaque();
        }
        String scheme = uri.getScheme();
        String host = uri.getHost();
        int explicitPort = uri.getPort();
        if (host == null && uri.getAuthority() != null) {
            // java.net.URI leaves internationalised host names unparsed: split the authority ourselves.
            String authority = uri.getAuthority();
            authority = authority.substring(authority.lastIndexOf('@') + 1);
            int colon = authority.lastIndexOf(':');
            if (colon > 0 && !authority.endsWith("]")) {
                try {
                    explicitPort = Integer.parseInt(authority.substring(colon + 1));
                } catch (NumberFormatException e) {
                    return opaque();
                }
                authority = authority.substring(0, colon);
            }
            host = authority;
        }
        if (scheme == null || host == null || host.isEmpty()) {
            return opaque();
        }
        scheme = scheme.toLowerCase(Locale.ROOT);
        host = host.toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            host = IDN.toASCII(host, IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException e) {
            return opaque();
        }
        int port = explicitPort == defaultPort(scheme) ? -1 : explicitPort;
        return new Origin(scheme, host, port);
    }

    private static int defaultPort(String scheme) {
        switch (scheme) {
            case "http": case "ws": return 80;
            case "https": case "wss": return 443;
            default: return -2;
        }
    }

    public String scheme() { return scheme; }

    public String host() { return host; }

    /** The explicit port, or empty when the scheme's default is used. */
    public Optional<Integer> port() { return port < 0 ? Optional.empty() : Optional.of(port); }

    public boolean isOpaque() { return OPAQUE.equals(scheme); }

    /** Loopback hosts are trustworthy over plain http, as in the Secure Contexts spec. */
    public boolean isLoopback() {
        return host.equals("localhost") || host.endsWith(".localhost") || host.equals("::1")
                || host.matches("127(\\.\\d{1,3}){3}");
    }

    /** Whether a page of this origin is a secure context and may ever be asked about media. */
    public boolean isPotentiallyTrustworthy(java.util.Set<String> secureSchemes) {
        if (isOpaque()) {
            return false;
        }
        if (scheme.equals("https") || scheme.equals("wss") || secureSchemes.contains(scheme)) {
            return true;
        }
        return (scheme.equals("http") || scheme.equals("ws")) && isLoopback();
    }

    /** The ASCII serialisation, e.g. {@code https://xn--80ak6aa92e.com:8443}; what stores and pages see. */
    public String serialize() {
        if (isOpaque()) {
            return OPAQUE;
        }
        String h = host.contains(":") ? "[" + host + "]" : host;
        return scheme + "://" + h + (port < 0 ? "" : ":" + port);
    }

    /**
     * The form shown to users, e.g. {@code https://bücher.example}: internationalised labels in Unicode
     * unless they could pass for another name, then in punycode ({@link HostDisplay} has the rules).
     */
    public String display() {
        if (isOpaque()) {
            return OPAQUE;
        }
        String h = host.contains(":") ? "[" + host + "]" : HostDisplay.of(host);
        return scheme + "://" + h + (port < 0 ? "" : ":" + port);
    }

    /**
     * {@link #display()} with the host elided from the left to fit {@code hostRoom} as {@code width} measures
     * text, the registrable domain kept whole ({@link HostElision}); for prompts with limited room.
     */
    public String display(int hostRoom, java.util.function.ToIntFunction<String> width) {
        if (isOpaque()) {
            return OPAQUE;
        }
        String h = host.contains(":") ? "[" + host + "]" : HostElision.of(host, hostRoom, width);
        return scheme + "://" + h + (port < 0 ? "" : ":" + port);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Origin) || isOpaque()) {
            return false; // opaque origins are only equal to the same instance
        }
        Origin other = (Origin) o;
        return port == other.port && scheme.equals(other.scheme) && host.equals(other.host);
    }

    @Override
    public int hashCode() { return Objects.hash(scheme, host, port); }

    @Override
    public String toString() { return serialize(); }
}
