package dev.callsafe.plugins.media;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntConsumer;
import java.util.function.Predicate;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import dev.callsafe.plugins.spi.FrameRef;
import dev.callsafe.plugins.spi.MessageHandler;

/**
 * The {@code peers} channel: each document's page script subscribes once and receives a random key that only
 * it knows, then keeps one long poll ({@code wait}, with the key) open that the browser answers whenever it
 * wants a report (JCEF answers a bridge message once, so a persistent message cannot carry several); reports
 * must carry the key. A second subscription in one document means the page got in first or is imitating the script: the
 * document is marked as contested and its reports cannot be relied on. Reports are asked for (pull), at most
 * every {@link #MIN_REQUEST_GAP}, and accepted at most every {@link #MIN_REPORT_GAP} per document.
 */
final class PeerConnections implements MessageHandler {
    static final Duration MIN_REQUEST_GAP = Duration.ofMillis(400);
    static final Duration MIN_REPORT_GAP = Duration.ofMillis(150);
    /** Documents followed at once; the oldest is forgotten beyond this (its reports are then refused). */
    private static final int MAX_DOCUMENTS = 512;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** One document's subscription and its latest report. */
    private static final class Document {
        final FrameRef frame;
        final String key;
        /** The script's open long poll, answered when a report is wanted; null between polls. */
        Reply waiting;
        /** A report was wanted while no poll was open: the next poll is answered at once. */
        boolean wanted;
        boolean contested;
        PeerReport latest;
        Instant lastRequest = Instant.EPOCH;
        /** The first request not answered by a report since; null when none is waiting. */
        Instant waitingSince;

        Document(FrameRef frame, String key) {
            this.frame = frame;
            this.key = key;
        }
    }

    private final Clock clock;
    private final Predicate<FrameRef> documentEnded;
    private final java.util.function.BiPredicate<Integer, String> ownToken;
    private final Map<String, Document> documents = new LinkedHashMap<>();
    private final List<IntConsumer> listeners = new CopyOnWriteArrayList<>();

    /**
     * @param ownToken whether a capture token is a live track of that tab
     * @param documentEnded whether the frame's document has already gone (its late messages are ignored)
     */
    PeerConnections(Clock clock, java.util.function.BiPredicate<Integer, String> ownToken, Predicate<FrameRef> documentEnded) {
        this.clock = clock;
        this.ownToken = ownToken;
        this.documentEnded = documentEnded;
    }

    private static String id(FrameRef f) {
        return f.tabId() + "/" + f.frameId();
    }

    @Override
    public void onMessage(FrameRef frame, String payload, Reply reply) {
        JsonObject m;
        try {
            JsonElement e = JsonParser.parseString(payload);
            m = e.isJsonObject() ? e.getAsJsonObject() : null;
        } catch (RuntimeException e) {
            m = null;
        }
        String op = m != null && m.has("op") && m.get("op").isJsonPrimitive() ? m.get("op").getAsString() : "";
        if (documentEnded.test(frame)) {
            reply.failure(-1, new MediaError("AbortError", "The document has gone").toJson());
            return;
        }
        switch (op) {
            case "listen" -> listen(frame, reply);
            case "report" -> report(frame, m, reply);
            case "wait" -> await(frame, m, reply);
            default -> reply.failure(-1, new MediaError("TypeError", "Unknown peers message").toJson());
        }
    }

    private void listen(FrameRef frame, Reply reply) {
        int tab;
        synchronized (this) {
            Document d = documents.get(id(frame));
            if (d != null) {
                d.contested = true;
                tab = frame.tabId();
            } else {
                byte[] k = new byte[24];
                RANDOM.nextBytes(k);
                d = new Document(frame, Base64.getUrlEncoder().withoutPadding().encodeToString(k));
                documents.put(id(frame), d);
                if (documents.size() > MAX_DOCUMENTS) {
                    documents.remove(documents.keySet().iterator().next());
                }
                JsonObject o = new JsonObject();
                o.addProperty("key", d.key);
                reply.success(o.toString());
                return;
            }
        }
        reply.failure(-1, new MediaError("InvalidStateError", "This document already reports its connections").toJson());
        fire(tab);
    }

    /** The document's subscription if the message carries its key, else null. */
    private Document keyed(FrameRef frame, JsonObject m) {
        Document d = documents.get(id(frame));
        String key = m.has("key") && m.get("key").isJsonPrimitive() ? m.get("key").getAsString() : "";
        return d != null && java.security.MessageDigest.isEqual(d.key.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                key.getBytes(java.nio.charset.StandardCharsets.UTF_8)) ? d : null;
    }

    private void await(FrameRef frame, JsonObject m, Reply reply) {
        Reply superseded;
        synchronized (this) {
            Document d = keyed(frame, m);
            if (d == null) {
                reply.failure(-1, new MediaError("NotAllowedError", "Not this document's subscription").toJson());
                return;
            }
            if (d.wanted) {
                d.wanted = false;
                reply.success("{\"collect\":true}");
                return;
            }
            superseded = d.waiting;
            d.waiting = reply;
        }
        if (superseded != null) {
            superseded.success("{}");
        }
    }

    private void report(FrameRef frame, JsonObject m, Reply reply) {
        Instant now = clock.instant();
        synchronized (this) {
            Document d = keyed(frame, m);
            if (d == null) {
                reply.failure(-1, new MediaError("NotAllowedError", "Not this document's report").toJson());
                return;
            }
            if (d.latest != null && Duration.between(d.latest.at(), now).compareTo(MIN_REPORT_GAP) < 0) {
                reply.failure(-1, new MediaError("QuotaExceededError", "Reports come too often").toJson());
                return;
            }
            if (!m.has("connections") || !m.get("connections").isJsonArray()) {
                reply.failure(-1, new MediaError("TypeError", "A report lists connections").toJson());
                return;
            }
            d.latest = PeerReport.parse(d.frame, now, m.getAsJsonArray("connections"),
                    token -> ownToken.test(frame.tabId(), token));
            d.waitingSince = null;
        }
        reply.success("{}");
        fire(frame.tabId());
    }

    /** Asks every reporting document of the tab for a fresh report (no more often than the minimum gap). */
    void request(int tabId) {
        Instant now = clock.instant();
        List<Reply> ask = new ArrayList<>();
        synchronized (this) {
            for (Document d : documents.values()) {
                if (d.frame.tabId() == tabId && Duration.between(d.lastRequest, now).compareTo(MIN_REQUEST_GAP) >= 0) {
                    d.lastRequest = now;
                    if (d.waitingSince == null) {
                        d.waitingSince = now;
                    }
                    if (d.waiting != null) {
                        ask.add(d.waiting);
                        d.waiting = null;
                    } else {
                        d.wanted = true;
                    }
                }
            }
        }
        ask.forEach(r -> r.success("{\"collect\":true}"));
    }

    /** The latest report of each reporting document of the tab (documents that reported nothing yet: none). */
    synchronized List<PeerReport> reports(int tabId) {
        List<PeerReport> out = new ArrayList<>();
        for (Document d : documents.values()) {
            if (d.frame.tabId() == tabId && d.latest != null) {
                out.add(d.latest);
            }
        }
        return out;
    }

    /** Whether a document of the tab had a second subscription (its reports cannot be relied on). */
    synchronized boolean contested(int tabId) {
        return documents.values().stream().anyMatch(d -> d.frame.tabId() == tabId && d.contested);
    }

    /** Whether a document of the tab has left a request unanswered for longer than this. */
    synchronized boolean silentFor(int tabId, Duration limit) {
        Instant now = clock.instant();
        return documents.values().stream().anyMatch(d -> d.frame.tabId() == tabId && d.waitingSince != null
                && Duration.between(d.waitingSince, now).compareTo(limit) > 0);
    }

    /** Forgets the documents that went away (navigation, frame removed, tab closed). */
    void forget(Predicate<FrameRef> gone) {
        List<Integer> tabs = new ArrayList<>();
        synchronized (this) {
            // their open polls were cancelled with their documents
            documents.values().removeIf(d -> gone.test(d.frame) && tabs.add(d.frame.tabId()));
        }
        tabs.stream().distinct().forEach(this::fire);
    }

    /** Hears, with the tab's id, of every new report or contested subscription (on the reporting thread). */
    void addListener(IntConsumer tabChanged) {
        listeners.add(tabChanged);
    }

    private void fire(int tabId) {
        listeners.forEach(l -> l.accept(tabId));
    }
}
