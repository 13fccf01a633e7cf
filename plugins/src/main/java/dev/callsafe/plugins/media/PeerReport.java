package dev.callsafe.plugins.media;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import dev.callsafe.permissions.PeerFingerprint;
import dev.callsafe.permissions.SafetyCode;
import dev.callsafe.plugins.spi.FrameRef;

/**
 * What a document's page script reported about its peer connections, read from the engine through references
 * the script took before the page ran. Everything here came from a page, so it is parsed as untrusted input:
 * every value is checked against what the engine can report (states, candidate types, fingerprints, sizes)
 * and anything else is left out, never passed on.
 *
 * @param frame the document that reported, as the browser identifies it
 * @param at when the browser received it
 */
record PeerReport(FrameRef frame, Instant at, List<Connection> connections) {
    static final int MAX_CONNECTIONS = 24;
    static final int MAX_TRANSCEIVERS = 16;
    private static final Set<String> CONNECTION_STATES = Set.of("new", "connecting", "connected", "disconnected",
            "failed", "closed");
    private static final Set<String> ICE_STATES = Set.of("new", "checking", "connected", "completed",
            "disconnected", "failed", "closed");
    private static final Set<String> DTLS_STATES = Set.of("new", "connecting", "connected", "closed", "failed");
    private static final Set<String> CANDIDATE_TYPES = Set.of("host", "srflx", "prflx", "relay");
    private static final Set<String> PROTOCOLS = Set.of("udp", "tcp", "tls");
    private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9.:\\-\\[\\]%_]{1,255}");
    private static final Pattern MIME = Pattern.compile("(audio|video)/[A-Za-z0-9.\\-]{1,32}");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_\\-]{1,64}");

    /** Whether a page attached an encoded transform to a sender or receiver, and which kind. */
    enum Transform { NONE, SCRIPT, STREAMS }

    /** A sender or receiver: its track's kind, the browser's capture it carries (token) if any, its transform. */
    record Media(String kind, String token, Transform transform) {
    }

    /** One end of the selected candidate pair. */
    record Candidate(String type, String address, long port, String protocol, String relayProtocol) {
        String describe() {
            return (address == null ? "(address not reported)" : address) + (port > 0 ? " port " + port : "")
                    + (protocol == null ? "" : " (" + protocol + ")");
        }
    }

    /** One RTCPeerConnection as the engine reported it. */
    record Connection(long id, String state, String ice, String dtls, Candidate local, Candidate remote,
                      PeerFingerprint localCertificate, PeerFingerprint remoteCertificate, List<String> sendCodecs,
                      List<String> receiveCodecs, long bytesSent, long bytesReceived, List<Media> senders,
                      List<Media> receivers, boolean insertableStreams, boolean dataChannel) {
        /** Whether media goes through a relay (TURN) server, goes direct, or it is not known yet. */
        String route() {
            if (local == null || remote == null || local.type() == null || remote.type() == null) {
                return "not connected yet";
            }
            if ("relay".equals(local.type()) || "relay".equals(remote.type())) {
                return "via a relay server (TURN" + (local.relayProtocol() == null ? "" : ", " + local.relayProtocol()) + ")";
            }
            return "direct (" + local.type() + " \u2192 " + remote.type() + ")";
        }

        /** The code both people see, once both certificates are known. */
        String safetyCode() {
            return localCertificate == null || remoteCertificate == null ? null
                    : SafetyCode.of(localCertificate, remoteCertificate);
        }

        /** Whether the browser's capture (a token it issued) is on one of this connection's senders. */
        boolean sendsCapture() {
            return senders.stream().anyMatch(s -> s.token() != null);
        }

        /** Whether the connection carries only a data channel: no sender or receiver of audio or video. */
        boolean dataOnly() {
            return dataChannel && senders.isEmpty() && receivers.isEmpty();
        }

        boolean closed() {
            return "closed".equals(state);
        }
    }

    /**
     * Parses a report's connections. {@code ownToken} says whether a capture token belongs to a live track of
     * the reporting tab; any other token is dropped (a page cannot claim another tab's capture).
     */
    static PeerReport parse(FrameRef frame, Instant at, JsonArray connections, Predicate<String> ownToken) {
        List<Connection> out = new ArrayList<>();
        for (int i = 0; i < connections.size() && out.size() < MAX_CONNECTIONS; i++) {
            JsonObject c = object(connections.get(i));
            long id = number(c, "id");
            if (id <= 0 || id > 1_000_000_000L) {
                continue;
            }
            List<String> send = new ArrayList<>();
            List<String> receive = new ArrayList<>();
            JsonArray codecs = array(c, "codecs");
            for (int j = 0; j < codecs.size() && send.size() + receive.size() < 16; j++) {
                JsonObject codec = object(codecs.get(j));
                String mime = matching(codec, "mime", MIME);
                String direction = oneOf(codec, "direction", Set.of("send", "receive"));
                if (mime != null && direction != null) {
                    (direction.equals("send") ? send : receive).add(mime);
                }
            }
            out.add(new Connection(id, oneOf(c, "connection", CONNECTION_STATES), oneOf(c, "ice", ICE_STATES),
                    oneOf(c, "dtls", DTLS_STATES), candidate(c, "local"), candidate(c, "remote"),
                    certificate(c, "localCertificate"), certificate(c, "remoteCertificate"), List.copyOf(send),
                    List.copyOf(receive), number(c, "bytesSent"), number(c, "bytesReceived"),
                    media(array(c, "senders"), ownToken), media(array(c, "receivers"), t -> false),
                    bool(c, "insertableStreams"), bool(c, "dataChannel")));
        }
        return new PeerReport(frame, at, List.copyOf(out));
    }

    private static List<Media> media(JsonArray list, Predicate<String> ownToken) {
        List<Media> out = new ArrayList<>();
        for (int i = 0; i < list.size() && out.size() < MAX_TRANSCEIVERS; i++) {
            JsonObject m = object(list.get(i));
            String token = matching(m, "token", TOKEN);
            String transform = oneOf(m, "transform", Set.of("script", "streams"));
            out.add(new Media(oneOf(m, "kind", Set.of("audio", "video")),
                    token != null && ownToken.test(token) ? token : null,
                    transform == null ? Transform.NONE : transform.equals("script") ? Transform.SCRIPT : Transform.STREAMS));
        }
        return List.copyOf(out);
    }

    private static Candidate candidate(JsonObject c, String name) {
        JsonObject o = object(c.get(name));
        if (o.size() == 0) {
            return null;
        }
        long port = number(o, "port");
        return new Candidate(oneOf(o, "type", CANDIDATE_TYPES), matching(o, "address", ADDRESS),
                port > 65535 ? -1 : port, oneOf(o, "protocol", PROTOCOLS), oneOf(o, "relayProtocol", PROTOCOLS));
    }

    private static PeerFingerprint certificate(JsonObject c, String name) {
        JsonObject o = object(c.get(name));
        return PeerFingerprint.parseOrNull(string(o, "algorithm"), string(o, "value"));
    }

    private static JsonObject object(JsonElement e) {
        return e != null && e.isJsonObject() ? e.getAsJsonObject() : new JsonObject();
    }

    private static JsonArray array(JsonObject o, String name) {
        JsonElement e = o.get(name);
        return e != null && e.isJsonArray() ? e.getAsJsonArray() : new JsonArray();
    }

    private static String string(JsonObject o, String name) {
        JsonElement e = o.get(name);
        return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isString() ? e.getAsString() : null;
    }

    private static String oneOf(JsonObject o, String name, Set<String> allowed) {
        String s = string(o, name);
        return s != null && allowed.contains(s) ? s : null;
    }

    private static String matching(JsonObject o, String name, Pattern p) {
        String s = string(o, name);
        return s != null && p.matcher(s).matches() ? s : null;
    }

    /** A non-negative whole number, or -1 when absent or not one. */
    private static long number(JsonObject o, String name) {
        JsonElement e = o.get(name);
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            return -1;
        }
        double d = e.getAsDouble();
        return d >= 0 && d < 9.0e15 && d == Math.floor(d) ? (long) d : -1;
    }

    private static boolean bool(JsonObject o, String name) {
        JsonElement e = o.get(name);
        return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isBoolean() && e.getAsBoolean();
    }
}
