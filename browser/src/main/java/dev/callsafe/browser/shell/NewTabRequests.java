package dev.callsafe.browser.shell;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Logger;

import javax.swing.SwingUtilities;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import dev.callsafe.browser.cef.PopupRule;
import dev.callsafe.plugins.spi.FrameRef;
import dev.callsafe.plugins.spi.MessageHandler;

/**
 * A page's {@code window.open} or new-window link, asked for by the {@code new-tabs.js} page script on the
 * {@code shell} channel, opened as a tab of this window. The browser decides, from what the engine says of
 * the requesting frame (never from the message): only for web addresses; only when the frame's sandbox
 * allows popups ({@link PopupRule}: a sandbox without {@code allow-popups}, or an opaque origin whose sandbox
 * cannot be read, gets none; a sandboxed popup keeps the sandbox's effect on media); and only with that
 * frame's own transient user activation, which the tab consumes (one click, one tab; a parent's click does
 * not let its iframe open one), as Chrome's popup blocker does.
 */
final class NewTabRequests implements MessageHandler {
    static final String CHANNEL = "shell";
    private static final Set<String> SCHEMES = Set.of("http", "https");
    private static final Logger LOG = Logger.getLogger(NewTabRequests.class.getName());

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
        BrowserTab tab = opener.get();
        // The sandbox first: a refused popup does not spend the person's click.
        tab.popupRule(frame.frameId()).thenCompose(rule -> rule == PopupRule.REFUSED
                ? CompletableFuture.completedFuture(Answer.SANDBOXED)
                : tab.consumeTransientActivation(frame).thenApply(active -> !active ? Answer.NO_ACTIVATION
                        : rule == PopupRule.SANDBOXED ? Answer.OPEN_SANDBOXED : Answer.OPEN))
                .exceptionally(e -> Answer.UNVERIFIED) // fail closed
                .thenAccept(answer -> {
                    switch (answer) {
                        case SANDBOXED -> refuse(reply, url, "the frame's sandbox does not allow popups");
                        case NO_ACTIVATION -> refuse(reply, url, "a new tab needs a click or key press in the frame");
                        case UNVERIFIED -> refuse(reply, url, "the browser could not verify the frame");
                        case OPEN, OPEN_SANDBOXED -> {
                            SwingUtilities.invokeLater(() -> {
                                BrowserTab popup = window.openTab(url);
                                if (answer == Answer.OPEN_SANDBOXED) {
                                    popup.inheritSandbox();
                                }
                            });
                            reply.success("true");
                        }
                    }
                });
    }

    private enum Answer { SANDBOXED, NO_ACTIVATION, UNVERIFIED, OPEN, OPEN_SANDBOXED }

    private static void refuse(Reply reply, String url, String why) {
        LOG.info(() -> "new tab for " + url + " refused: " + why);
        reply.failure(403, why);
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
