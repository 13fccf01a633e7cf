package dev.callsafe.permissions;

import java.util.Objects;

import com.google.common.net.InetAddresses;
import com.google.common.net.InternetDomainName;

/**
 * A schemeful site: an origin's scheme and registrable domain (eTLD+1 by the public suffix list, private
 * registries such as {@code github.io} included, as Chromium's {@code SchemefulSite}). Hosts without one (IP
 * addresses, {@code localhost}, a public suffix itself) are their own site. Ports do not count.
 */
public final class Site {
    private final Origin opaque;
    private final String scheme;
    private final String domain;

    private Site(Origin opaque, String scheme, String domain) {
        this.opaque = opaque;
        this.scheme = scheme;
        this.domain = domain;
    }

    /** The site of an origin; an opaque origin is a site equal only to itself. */
    public static Site of(Origin origin) {
        if (origin.isOpaque()) {
            return new Site(origin, "null", "");
        }
        return new Site(null, origin.scheme(), registrableDomain(origin.host()));
    }

    /**
     * The registrable domain of an ASCII (punycode) host, e.g. {@code example.co.uk} for
     * {@code a.b.example.co.uk}; the host itself when it has none.
     */
    public static String registrableDomain(String asciiHost) {
        String host = asciiHost.endsWith(".") ? asciiHost.substring(0, asciiHost.length() - 1) : asciiHost;
        if (host.isEmpty() || InetAddresses.isInetAddress(host) || !InternetDomainName.isValid(host)) {
            return host;
        }
        InternetDomainName name = InternetDomainName.from(host);
        return name.isUnderPublicSuffix() ? name.topPrivateDomain().toString() : host;
    }

    public boolean isOpaque() { return opaque != null; }

    /** {@code https://example.co.uk}; what partitioned state is keyed by. */
    public String serialize() {
        return isOpaque() ? "null" : scheme + "://" + domain;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Site) || isOpaque()) {
            return false;
        }
        Site other = (Site) o;
        return !other.isOpaque() && scheme.equals(other.scheme) && domain.equals(other.domain);
    }

    @Override
    public int hashCode() { return isOpaque() ? System.identityHashCode(opaque) : Objects.hash(scheme, domain); }

    @Override
    public String toString() { return serialize(); }
}
