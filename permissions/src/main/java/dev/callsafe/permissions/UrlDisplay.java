package dev.callsafe.permissions;

import java.util.Locale;

/**
 * How the address bar shows a URL: as loaded, except that the host is in its display form
 * ({@link HostDisplay}), Unicode when safe and punycode when it could pass for another name, as Chromium
 * and Firefox do. The shown text still navigates to the same host: Chromium encodes a Unicode host again.
 */
public final class UrlDisplay {
    private UrlDisplay() {
    }

    /** The URL with its host in display form; anything without an internationalised host unchanged. */
    public static String of(String url) {
        if (url == null || !url.toLowerCase(Locale.ROOT).contains("xn--")) {
            return url == null ? "" : url;
        }
        int scheme = url.indexOf("://");
        if (scheme <= 0) {
            return url;
        }
        int start = scheme + 3;
        int end = start;
        while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0) {
            end++;
        }
        // The host sits after any user info and before any port; IPv6 literals have no labels to decode.
        int hostStart = url.lastIndexOf('@', end - 1) + 1;
        hostStart = Math.max(hostStart, start);
        if (hostStart < end && url.charAt(hostStart) == '[') {
            return url;
        }
        int hostEnd = url.indexOf(':', hostStart);
        hostEnd = hostEnd < 0 || hostEnd > end ? end : hostEnd;
        String host = url.substring(hostStart, hostEnd);
        return url.substring(0, hostStart) + HostDisplay.of(host.toLowerCase(Locale.ROOT)) + url.substring(hostEnd);
    }
}
