package dev.callsafe.plugins.media;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.logging.Logger;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import dev.callsafe.permissions.IpHandling;
import dev.callsafe.permissions.IpHandlingDecision;
import dev.callsafe.permissions.SitePermissions;
import dev.callsafe.plugins.spi.FrameRef;
import dev.callsafe.plugins.spi.MessageHandler;

/**
 * The {@code webrtc} channel: tells a frame's page script which WebRTC IP handling applies to its peer
 * connections. The answer is decided here, from the origin the engine reports and confirms for the frame
 * ({@link FrameChecks}), never from the message; a frame the engine cannot vouch for is relay only.
 */
final class IpHandlingService implements MessageHandler {
    private static final Logger LOG = Logger.getLogger(IpHandlingService.class.getName());
    /** Documents already told about (their notice shown once); bounded like {@link EndedDocuments}. */
    private static final int REMEMBERED = 1024;

    private final SitePermissions permissions;
    private final FrameChecks frames;
    private final BiConsumer<Integer, String> notice;
    private final Map<String, Boolean> noticed = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    });

    /** {@code notice} gets (tab id, message) when a relay-only connection cannot work; any thread. */
    IpHandlingService(SitePermissions permissions, FrameChecks frames, BiConsumer<Integer, String> notice) {
        this.permissions = permissions;
        this.frames = frames;
        this.notice = notice;
    }

    @Override
    public void onMessage(FrameRef frame, String payload, Reply reply) {
        String op;
        try {
            JsonObject msg = JsonParser.parseString(payload).getAsJsonObject();
            op = msg.has("op") && msg.get("op").isJsonPrimitive() ? msg.get("op").getAsString() : "";
        } catch (RuntimeException e) {
            reply.failure(1, MediaError.typeError("malformed message").toJson());
            return;
        }
        switch (op) {
            case "policy":
                decide(frame).thenAccept(d -> {
                    JsonObject out = new JsonObject();
                    out.addProperty("handling", d.handling().stored());
                    out.addProperty("why", d.explain());
                    // With every site relay only the engine itself allows relays over TCP only (see
                    // EngineWebRtcPolicy): the page script then warns about a connection without such a server.
                    out.addProperty("relayOverTcpOnly", d.handling() == IpHandling.RELAY_ONLY
                            && permissions.relayOnlyEverywhere());
                    reply.success(out.toString());
                });
                break;
            case "noRelay":
                // The page says a connection of this frame has no TURN server: a notice only, and only when
                // this frame really is relay only (the message cannot make the chrome say anything else).
                decide(frame).thenAccept(d -> {
                    if (d.handling() == IpHandling.RELAY_ONLY
                            && noticed.putIfAbsent(UserMediaService.callId(frame), Boolean.TRUE) == null) {
                        String message = "WebRTC: " + frame.origin().display() + " tried to connect with \u201CRelay"
                                + " only\u201D and no relay (TURN) server" + (permissions.relayOnlyEverywhere()
                                        ? " reachable over TCP or TLS (with Relay only for all sites, relays are used"
                                        + " over TCP only)" : "") + ", so nothing was gathered and no address"
                                + " was revealed. The call cannot connect; set the site to Default in the Site"
                                + " button to allow direct connections.";
                        LOG.info(message);
                        notice.accept(frame.tabId(), message);
                    }
                    reply.success("{}");
                });
                break;
            default:
                reply.failure(1, MediaError.typeError("unknown operation").toJson());
        }
    }

    /** The handling for this frame's connections; relay only when anything goes wrong. */
    java.util.concurrent.CompletableFuture<IpHandlingDecision> decide(FrameRef frame) {
        return frames.check(frame)
                .thenApply(check -> permissions.decideIpHandling(check.requester(), frame.topLevelOrigin(),
                        check.verified()))
                .exceptionally(e -> {
                    LOG.warning("WebRTC IP handling for " + frame.url() + " could not be decided: " + e);
                    return new IpHandlingDecision(IpHandling.RELAY_ONLY, IpHandlingDecision.Reason.UNVERIFIED_FRAME);
                });
    }
}
