package dev.callsafe.plugins.media;

import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonParser;

import dev.callsafe.permissions.Origin;
import dev.callsafe.plugins.spi.FrameRef;
import dev.callsafe.plugins.spi.MessageHandler;

/** The peers channel as a page script talks to it, for tests: one frame, a hand-moved clock, recorded replies. */
final class PeerChannel {
    static final Origin SITE = Origin.of("https://meet.example");
    static final FrameRef FRAME = new FrameRef(1, "F1", "https://meet.example/", SITE, SITE, true);

    private PeerChannel() {
    }

    /** A clock that moves only when a test moves it. */
    static final class HandClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** A reply that records what it was told. */
    static final class Recorded implements MessageHandler.Reply {
        final boolean persistent;
        final List<String> successes = new ArrayList<>();
        String failure;

        Recorded(boolean persistent) {
            this.persistent = persistent;
        }

        @Override
        public void success(String json) {
            successes.add(json);
        }

        @Override
        public void failure(int code, String message) {
            failure = message;
        }

        @Override
        public boolean persistent() {
            return persistent;
        }
    }

    /** Subscribes the frame's document, as the script does on its first connection, and returns its key. */
    static String listen(PeerConnections peers) {
        Recorded r = new Recorded(true);
        peers.onMessage(FRAME, "{\"op\":\"listen\"}", r);
        assertNull(r.failure);
        return JsonParser.parseString(r.successes.get(0)).getAsJsonObject().get("key").getAsString();
    }

    /** Sends a report of these connections (JSON objects, comma-separated) with a key. */
    static Recorded report(PeerConnections peers, String key, String connections) {
        Recorded r = new Recorded(false);
        peers.onMessage(FRAME, "{\"op\":\"report\",\"key\":\"" + key + "\",\"connections\":[" + connections + "]}", r);
        return r;
    }

    /** Opens a long poll with a key. */
    static Recorded poll(PeerConnections peers, String key) {
        Recorded r = new Recorded(false);
        peers.onMessage(FRAME, "{\"op\":\"wait\",\"key\":\"" + key + "\"}", r);
        return r;
    }

    /** A connected connection (id 1) to a peer with this certificate, sending the capture with this token. */
    static String connectedTo(String remoteFingerprint, String senderToken) {
        return "{\"id\":1,\"connection\":\"connected\",\"remoteCertificate\":{\"algorithm\":\"sha-256\",\"value\":\""
                + remoteFingerprint + "\"},\"senders\":[{\"kind\":\"video\",\"token\":\"" + senderToken + "\"}]}";
    }
}
