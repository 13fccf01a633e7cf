package dev.callsafe.browser.shell;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import javax.swing.SwingUtilities;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import dev.callsafe.plugins.spi.FrameRef;
import dev.callsafe.plugins.spi.MessageHandler;

/**
 * A page's {@code window.open} or new-window link, asked for by the {@code new-tabs.js} page script on the
 * {@code shell} channel, opened as a tab of this window. The browser decides: only after a person's
 * click or key in that tab (transient user activation, read by the browser, as Chrome's popup blocker
 * does) and only for web addresses, so a page can neither open tabs by itself nor reach internal pages.
 */
final class NewTabRequests implements MessageHandler {
    static final String CHANNEL = "shell";
    private static final Set<String> SCHEMES = Set.of("http", "https");

    private final BrowserWindow window;

    NewTabRequests(BrowserWindow window) {
        this.window = window;
    }

    /** The page script that turns window.open and new-window links into requests on this channel. */
    static String pageScript() {
        try (InputStream in = NewTabRequests.class.getResourceAsStream("new-tabs.js")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void onMessage(FrameRef frame, String payload, Reply reply) {
        String url;
        try {
            JsonObject m = JsonParser.parseString(payload).getAsJsonObject();
            if (!"open".equals(m.get("op").getAsString())) {
                reply.failure(400, "unknown operation");
                return;
            }
            url = m.get("url").getAsString();
        } catch (RuntimeException e) {
            reply.failure(400, "malformed request");
            return;
        }
        if (!openable(url)) {
            reply.failure(403, "only http and https addresses open in a new tab");
            return;
        }
        Optional<BrowserTab> opener = window.tabs().stream().filter(t -> t.id() == frame.tabId()).findFirst();
        if (opener.isEmpty()) {
            reply.failure(404, "no such tab");
            return;
        }
        opener.get().hasTransientActivation().whenComplete((active, err) -> {
            if (err != null || !Boolean.TRUE.equals(active)) {
                reply.failure(403, "a new tab needs a click or key press in the page"); // fail closed
                return;
            }
            // A popup of a frame with an opaque origin (sandboxed) or one the engine cannot describe keeps
            // the sandbox's effect on media: refused in the new tab (when unsure, refuse).
            opener.get().frameHasNoOrigin(frame.frameId()).whenComplete((sandboxed, e) -> SwingUtilities.invokeLater(() -> {
                BrowserTab tab = window.openTab(url);
                if (e != null || Boolean.TRUE.equals(sandboxed)) {
                    tab.inheritSandbox();
                }
            }));
            reply.success("true");
        });
    }

    static boolean openable(String url) {
        try {
            URI u = URI.create(url);
            return u.getScheme() != null && SCHEMES.contains(u.getScheme().toLowerCase(Locale.ROOT))
                    && u.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
