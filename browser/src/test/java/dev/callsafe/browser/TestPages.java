package dev.callsafe.browser;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local web server on 127.0.0.1 serving the test pages from {@code src/test/resources/pages}, on two ports
 * (a second port gives a same-site, cross-origin page).
 */
public final class TestPages implements AutoCloseable {
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "js", "text/javascript", "css", "text/css");

    private final HttpServer server;
    private final HttpServer secondPort;

    public TestPages() throws IOException {
        server = start();
        secondPort = start();
    }

    private HttpServer start() throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        s.createContext("/", this::serve);
        s.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "test-pages");
            t.setDaemon(true);
            return t;
        }));
        s.start();
        return s;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** A page URL on 127.0.0.1. */
    public String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    /** The same page on another origin (localhost is a different site from 127.0.0.1). */
    public String otherOrigin(String path) {
        return "http://localhost:" + port() + path;
    }

    /** The same page on 127.0.0.1 at another port: cross-origin but same-site (one renderer process). */
    public String otherPort(String path) {
        return "http://127.0.0.1:" + secondPort.getAddress().getPort() + path;
    }

    private void serve(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        if (path.equals("/")) {
            path = "/call.html";
        }
        try (InputStream in = path.contains("..") ? null : TestPages.class.getResourceAsStream("/pages" + path)) {
            if (in == null) {
                ex.sendResponseHeaders(404, -1);
                return;
            }
            byte[] body = in.readAllBytes();
            String ext = path.substring(path.lastIndexOf('.') + 1);
            ex.getResponseHeaders().set("Content-Type", TYPES.getOrDefault(ext, "application/octet-stream"));
            ex.getResponseHeaders().set("Cache-Control", "no-store");
            policy(ex.getRequestURI().getRawQuery()).ifPresent(p -> ex.getResponseHeaders().set("Permissions-Policy", p));
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        } finally {
            ex.close();
        }
    }

    /** A {@code policy=} query parameter becomes the page's {@code Permissions-Policy} header. */
    private static java.util.Optional<String> policy(String query) {
        if (query == null) {
            return java.util.Optional.empty();
        }
        for (String part : query.split("&")) {
            if (part.startsWith("policy=")) {
                return java.util.Optional.of(java.net.URLDecoder.decode(part.substring(7),
                        java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return java.util.Optional.empty();
    }

    @Override
    public void close() {
        server.stop(0);
        secondPort.stop(0);
    }
}
