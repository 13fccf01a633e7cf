package dev.callsafe.browser.cef;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/** The browser's own pages ({@code callsafe://demo/}, {@code callsafe://error/}), served from the assets jar. */
public final class InternalPages {
    public static final String SCHEME = "callsafe";
    private static final String ROOT = "/dev/callsafe/assets/pages/";
    private static final Map<String, String> TYPES = Map.of("html", "text/html", "js", "text/javascript",
            "css", "text/css", "png", "image/png", "svg", "image/svg+xml", "json", "application/json");

    /** No web page may frame an internal page (the guard refuses too; these cover any path it misses). */
    static final Map<String, String> HEADERS = Map.of("X-Frame-Options", "DENY",
            "Content-Security-Policy", "frame-ancestors 'none'; object-src 'none'; base-uri 'none'");

    private InternalPages() {
    }

    /** A page's bytes and MIME type. */
    record Page(byte[] data, String mimeType) {
    }

    static Optional<Page> lookup(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        String host = uri.getHost();
        String path = uri.getPath() == null || uri.getPath().isEmpty() || uri.getPath().equals("/")
                ? "/index.html" : uri.getPath();
        if (host == null || !host.matches("[a-z0-9-]+") || path.contains("..") || path.contains("//")) {
            return Optional.empty();
        }
        String ext = path.substring(path.lastIndexOf('.') + 1);
        try (InputStream in = InternalPages.class.getResourceAsStream(ROOT + host + path)) {
            if (in == null) {
                return Optional.empty();
            }
            return Optional.of(new Page(in.readAllBytes(), TYPES.getOrDefault(ext, "application/octet-stream")));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
