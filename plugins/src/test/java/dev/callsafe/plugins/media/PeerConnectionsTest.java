package dev.callsafe.plugins.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import dev.callsafe.plugins.media.PeerChannel.Recorded;
import dev.callsafe.plugins.spi.FrameRef;

/** The peers channel: subscriptions, keyed reports, and what a report from a page may and may not say. */
class PeerConnectionsTest {
    private static final FrameRef FRAME = PeerChannel.FRAME;
    private static final String FP = "AB:" .repeat(31) + "AB";

    private final PeerChannel.HandClock clock = new PeerChannel.HandClock();
    private final PeerConnections peers = new PeerConnections(clock, (tab, token) -> tab == 1 && token.equals("mine"), f -> false);

    private String listen() {
        return PeerChannel.listen(peers);
    }

    private static String connection(String extra) {
        return "{\"id\":1,\"connection\":\"connected\",\"ice\":\"connected\",\"dtls\":\"connected\","
                + "\"local\":{\"type\":\"host\",\"address\":\"abc.local\",\"port\":5000,\"protocol\":\"udp\"},"
                + "\"remote\":{\"type\":\"relay\",\"address\":\"203.0.113.7\",\"port\":3478,\"protocol\":\"udp\"},"
                + "\"localCertificate\":{\"algorithm\":\"sha-256\",\"value\":\"" + FP + "\"},"
                + "\"remoteCertificate\":{\"algorithm\":\"sha-256\",\"value\":\"" + FP.replace("AB", "CD") + "\"},"
                + "\"bytesSent\":1000,\"bytesReceived\":2000,\"codecs\":[{\"mime\":\"video/VP8\",\"direction\":\"send\"}],"
                + "\"senders\":[{\"kind\":\"video\",\"token\":\"mine\",\"transform\":\"script\"},"
                + "{\"kind\":\"audio\",\"token\":\"someone-elses\",\"transform\":null}],\"receivers\":[]" + extra + "}";
    }

    private Recorded report(String key, String connections) {
        return PeerChannel.report(peers, key, connections);
    }

    @Test
    void aReportWithTheDocumentsKeyIsKeptAndReadStrictly() {
        String key = listen();
        assertNull(report(key, connection("")).failure);
        PeerReport.Connection c = peers.reports(1).get(0).connections().get(0);
        assertEquals("via a relay server (TURN)", c.route());
        assertEquals(1000, c.bytesSent());
        assertEquals(List.of("video/VP8"), c.sendCodecs());
        assertEquals("mine", c.senders().get(0).token());
        assertEquals(PeerReport.Transform.SCRIPT, c.senders().get(0).transform());
        assertNull(c.senders().get(1).token(), "a token of no live track of this tab is dropped");
        assertTrue(c.safetyCode().matches("\\d{4}( \\d{4}){5}"));
        assertTrue(c.sendsCapture());
    }

    @Test
    void valuesTheEngineCannotReportAreLeftOut() {
        String key = listen();
        String bad = "{\"id\":2,\"connection\":\"<b>connected</b>\",\"local\":{\"type\":\"host\",\"address\":\"<html><img src=x>\","
                + "\"port\":99999},\"localCertificate\":{\"algorithm\":\"md5\",\"value\":\"AB\"},\"bytesSent\":-5,"
                + "\"codecs\":[{\"mime\":\"text/html\",\"direction\":\"send\"}],\"senders\":\"lots\"}";
        assertNull(report(key, bad).failure);
        PeerReport.Connection c = peers.reports(1).get(0).connections().get(0);
        assertNull(c.state());
        assertNull(c.local().address());
        assertEquals(-1, c.local().port());
        assertNull(c.localCertificate());
        assertEquals(-1, c.bytesSent());
        assertTrue(c.sendCodecs().isEmpty());
        assertTrue(c.senders().isEmpty());
        assertNull(c.safetyCode());
    }

    @Test
    void aReportWithoutTheKeyIsRefusedAndASecondSubscriptionMarksTheDocument() {
        String key = listen();
        assertTrue(report("guessed", connection("")).failure.contains("NotAllowedError"));
        assertTrue(peers.reports(1).isEmpty());
        Recorded second = new Recorded(true);
        peers.onMessage(FRAME, "{\"op\":\"listen\"}", second);
        assertTrue(second.failure.contains("InvalidStateError"));
        assertTrue(peers.contested(1));
        assertNull(report(key, connection("")).failure, "the first subscriber still reports");
    }

    @Test
    void requestsAnswerTheOpenPollArePacedAndAnUnansweredOneIsNoticed() {
        String key = listen();
        Recorded poll = PeerChannel.poll(peers, key);
        assertTrue(poll.successes.isEmpty(), "a poll waits until a report is wanted");
        peers.request(1);
        assertEquals(List.of("{\"collect\":true}"), poll.successes);
        Recorded next = PeerChannel.poll(peers, key);
        peers.request(1);
        assertTrue(next.successes.isEmpty(), "one request within the minimum gap");
        Recorded stranger = PeerChannel.poll(peers, "guess");
        assertTrue(stranger.failure.contains("NotAllowedError"), "a poll needs the key");
        clock.advance(Duration.ofSeconds(4));
        assertTrue(peers.silentFor(1, PinnedPeerGuard.SILENCE));
        assertNull(report(key, connection("")).failure);
        assertFalse(peers.silentFor(1, PinnedPeerGuard.SILENCE));
        assertTrue(report(key, connection("")).failure.contains("QuotaExceededError"), "reports are paced too");
        peers.request(1);
        assertEquals(List.of("{\"collect\":true}"), next.successes, "the open poll is answered");
        // wanted while no poll is open (the script between two polls): the next poll is answered at once
        clock.advance(Duration.ofSeconds(1));
        peers.request(1);
        Recorded late = PeerChannel.poll(peers, key);
        assertEquals(List.of("{\"collect\":true}"), late.successes);
    }

    @Test
    void aReportListsAtMostTheLimitAndGoneDocumentsAreForgotten() {
        String key = listen();
        JsonArray many = new JsonArray();
        for (int i = 1; i <= 40; i++) {
            JsonObject o = JsonParser.parseString(connection("")).getAsJsonObject();
            o.addProperty("id", i);
            many.add(o);
        }
        String list = many.toString();
        assertNull(report(key, list.substring(1, list.length() - 1)).failure);
        assertEquals(PeerReport.MAX_CONNECTIONS, peers.reports(1).get(0).connections().size());
        peers.forget(f -> f.tabId() == 1);
        assertTrue(peers.reports(1).isEmpty());
        assertTrue(report(key, connection("")).failure.contains("NotAllowedError"));
    }
}
