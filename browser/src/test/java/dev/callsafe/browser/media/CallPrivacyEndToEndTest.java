package dev.callsafe.browser.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Point;
import java.awt.event.InputEvent;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import dev.callsafe.browser.BrowserFixture;
import dev.callsafe.browser.Wait;
import dev.callsafe.browser.shell.BrowserTab;
import dev.callsafe.permissions.Origin;
import dev.callsafe.permissions.PeerFingerprint;
import dev.callsafe.permissions.SafetyCode;

/**
 * The call privacy panel and pinned peers, with real RTCPeerConnections calling each other in one page (loopback,
 * host candidates) and the browser's camera as the sent track. Every step in the chrome is a real click: the
 * panel opened from the capture indicator or the Site popup, a peer pinned by typing its name, the prompt's
 * "only while connected to pinned peers" ticked.
 */
class CallPrivacyEndToEndTest {
    private static final Pattern SENT = Pattern.compile("Sent ([0-9,]+) bytes");

    private static TurnServer turn;
    private BrowserFixture browser;
    private BrowserTab tab;
    private Origin origin;

    @BeforeAll
    static void startTurn() throws Exception {
        turn = TurnServer.start();
    }

    @AfterAll
    static void stopTurn() throws Exception {
        if (turn != null) {
            turn.close();
        }
    }

    @BeforeEach
    void open() throws Exception {
        browser = BrowserFixture.get();
        origin = Origin.of(browser.pages().url("/"));
        browser.media().clearSiteData(origin);
        tab = browser.freshTab("/peers.html");
    }

    @AfterEach
    void cleanUp() {
        if (!browser.showing("callpanel.close").isEmpty()) {
            browser.clickNamed("callpanel.close");
        }
        if (!browser.showing("capture.failure.ok").isEmpty()) {
            browser.clickNamed("capture.failure.ok");
        }
        browser.eval(tab, "window.peers ? peers.stopAll() : true");
        browser.stopAllCapture();
        browser.media().clearSiteData(origin);
    }

    private void startCamera() {
        browser.evalOnClick(tab, "(peers.start().then(() => window.__started = true, (e) => window.__started = e.name), true)");
        browser.clickNamed("consent.allow");
        Wait.until("camera granted", Duration.ofSeconds(20),
                () -> browser.eval(tab, "window.__started === true").getAsBoolean());
    }

    /** Starts a loopback call in the page (no activation needed) and waits until both sides are connected. */
    private int call(String options) {
        int i = browser.eval(tab, "peers.call(" + options + ")").getAsInt();
        Wait.until("call " + i + " connected", Duration.ofSeconds(30),
                () -> browser.eval(tab, "peers.connected(" + i + ")").getAsBoolean());
        return i;
    }

    private String text(String name) {
        return browser.text(name);
    }

    private String awaitText(String name, String part) {
        return Wait.value(name + " says " + part, Duration.ofSeconds(20),
                () -> browser.showing(name).isEmpty() ? "" : text(name), t -> t.contains(part));
    }

    private static long sent(String bytesText) {
        Matcher m = SENT.matcher(bytesText);
        assertTrue(m.find(), bytesText);
        return Long.parseLong(m.group(1).replace(",", ""));
    }

    /** The panel's connection shows the engine's certificates as the page's own getStats reports them. */
    private void assertCertificates(String conn, JsonObject own) {
        String local = own.get("local").getAsString();
        String remote = own.get("remote").getAsString();
        awaitText(conn + ".localfp", local);
        awaitText(conn + ".remotefp", remote);
        String code = SafetyCode.of(new PeerFingerprint("sha-256", local), new PeerFingerprint("sha-256", remote));
        assertEquals("Safety code: " + code, text(conn + ".code"));
    }

    @Test
    void thePanelShowsEachConnectionAsTheEngineReportsIt() {
        startCamera();
        int first = call("{}");
        browser.clickNamed("capture.indicator.privacy");
        browser.awaitShowing("callpanel.dialog");
        // The sending peer: direct over host candidates, the engine's certificates, the browser's camera on it.
        awaitText("callpanel.conn1.route", "direct (host \u2192 host)");
        assertTrue(text("callpanel.conn1.title").contains("connected"), text("callpanel.conn1.title"));
        JsonObject own = browser.eval(tab, "peers.ownStats(" + first + ")").getAsJsonObject();
        assertCertificates("callpanel.conn1", own);
        assertTrue(text("callpanel.conn1.senders").contains("camera or share (captured by the browser) \u2014 no encoded transform"),
                text("callpanel.conn1.senders"));
        awaitText("callpanel.conn1.codecs", "sends video/");
        assertTrue(text("callpanel.conn1.remote").contains("Remote address the browser sees: "), text("callpanel.conn1.remote"));
        // Both ends of the loopback read the same code: it does not depend on which side computes it.
        awaitText("callpanel.conn2.code", text("callpanel.conn1.code"));
        assertTrue(text("callpanel.conn2.receivers").contains("video \u2014 no encoded transform"),
                text("callpanel.conn2.receivers"));
        // Refreshed while open: the bytes sent keep growing.
        long before = sent(text("callpanel.conn1.bytes"));
        Wait.until("bytes sent grow", Duration.ofSeconds(20), () -> sent(text("callpanel.conn1.bytes")) > before + 10_000);
        assertTrue(text("callpanel.header").contains("What the browser's engine reports for this page's connections"));

        // An encoded transform on both ends shows as such (RTCRtpScriptTransform where the engine has it).
        boolean script = browser.eval(tab, "peers.hasScriptTransform()").getAsBoolean();
        call(script ? "{transform: 'script'}" : "{transform: 'streams'}");
        String kind = script ? "RTCRtpScriptTransform" : "insertable streams";
        awaitText("callpanel.conn3.senders", "encoded transform attached (" + kind + ")");
        awaitText("callpanel.conn4.receivers", "encoded transform attached (" + kind + ")");
        assertTrue(text("callpanel.e2ee").contains("does <b>not</b> prove"), "the panel says what a transform does not prove");
    }

    /** Selects a tab of the demo call page and presses its "Join without media" with the mouse. */
    private void joinWithoutMedia(BrowserTab call) {
        call.select();
        Wait.until("tab selected", Duration.ofSeconds(10), () -> browser.current().orElse(null) == call);
        browser.input().click(call, "#join-data");
        Wait.until("joined", Duration.ofSeconds(10), () -> browser.eval(call, "call.state()").getAsJsonObject()
                .get("joined").getAsBoolean());
    }

    /** This tab's own certificate, as the page's getStats reports it (the engine has it from the first negotiation). */
    private String ownCertificate(BrowserTab call) {
        return browser.eval(call, "call.pc.getStats().then((r) => { let id = null;"
                + " r.forEach((v) => { if (v.type === 'transport' && v.localCertificateId) id = v.localCertificateId; });"
                + " return id ? r.get(id).fingerprint : null; })").getAsString();
    }

    /** Opens the panel for a tab from its Site button, as a person would. */
    private void openPanelFromSiteButton(BrowserTab call) {
        if (!browser.showing("callpanel.close").isEmpty()) {
            browser.clickNamed("callpanel.close");
            browser.awaitGone("callpanel.dialog");
        }
        call.select();
        Wait.until("tab selected", Duration.ofSeconds(10), () -> browser.current().orElse(null) == call);
        browser.clickNamed("siteinfo.button");
        browser.clickNamed("siteinfo.callprivacy");
        browser.awaitShowing("callpanel.dialog");
    }

    /**
     * Two tabs of the demo call page, both joined without media: a data channel only. The demo page reads its
     * stats right after each negotiation step, as calling apps do, so the engine's certificate stats (cached from
     * the first getStats after a negotiation) never list the peer's certificate; the panel still shows it.
     */
    @Test
    void aDataOnlyCallBetweenTwoTabsOfTheDemoPageShowsBothCertificates() throws Exception {
        String url = "callsafe://call/?room=data-" + System.nanoTime();
        BrowserTab offering = browser.open(url);
        BrowserTab answering = browser.open(url);
        try {
            joinWithoutMedia(answering); // the first to join answers the other's offer
            joinWithoutMedia(offering);
            for (BrowserTab t : List.of(answering, offering)) {
                // the page's whole state as the last value: a failure says how far the call got, and its error
                Wait.value("the call connects", Duration.ofSeconds(30), () -> browser.eval(t, "call.state()").getAsJsonObject(),
                        s -> "connected".equals(s.get("connectionState").getAsString()) && s.getAsJsonArray("received").size() > 0);
            }
            String answeringCert = ownCertificate(answering);
            String offeringCert = ownCertificate(offering);
            String code = SafetyCode.of(new PeerFingerprint("sha-256", answeringCert), new PeerFingerprint("sha-256", offeringCert));

            openPanelFromSiteButton(answering);
            awaitText("callpanel.conn1.remotefp", offeringCert);
            awaitText("callpanel.conn1.localfp", answeringCert);
            assertEquals("Safety code: " + code, text("callpanel.conn1.code"));
            assertEquals("Codecs: none (data only: this connection carries no audio or video)", text("callpanel.conn1.codecs"));
            assertEquals("Sends: nothing", text("callpanel.conn1.senders"));

            // The other tab reads the same safety code.
            openPanelFromSiteButton(offering);
            awaitText("callpanel.conn1.remotefp", answeringCert);
            assertEquals("Safety code: " + code, text("callpanel.conn1.code"));
        } finally {
            for (BrowserTab t : List.of(answering, offering)) {
                browser.eval(t, "window.call ? call.hangUp() : true");
                browser.close(t);
            }
        }
    }

    /**
     * The demo call page's signalling: a peer's ICE candidates may reach it before the offer they belong to (the
     * other tab posts them as they are gathered). They must wait for the offer, not fail and be lost: with both
     * sides' candidates lost the call never connected (CallPrivacyEndToEndTest's two-tab call timed out in CI
     * twice). The peer here is a connection the test makes in the same tab (DevTools: it stands in for the other
     * tab, whose timing cannot be forced), posting all its candidates first.
     */
    @Test
    void aCandidateThatOvertakesTheOfferWaitsForIt() throws Exception {
        String room = "early-" + System.nanoTime();
        BrowserTab call = browser.open("callsafe://call/?room=" + room);
        try {
            joinWithoutMedia(call);
            browser.eval(call, "(async () => {"
                    + " const ch = new BroadcastChannel('callsafe-call-" + room + "');"
                    + " const pc = new RTCPeerConnection(); window.__early = pc;"
                    + " const channel = pc.createDataChannel('chat'); channel.onopen = () => channel.send('early bird');"
                    + " const cands = [];"
                    + " const gathered = new Promise((done) => { pc.onicecandidate = (e) => e.candidate ? cands.push(e.candidate.toJSON()) : done(); });"
                    + " let page = null;"
                    + " ch.onmessage = async (e) => { const m = e.data; if (m.from === 'early') return;"
                    + "   if (m.type === 'welcome') {"
                    + "     page = m.from;"
                    + "     await pc.setLocalDescription(await pc.createOffer()); await gathered;"
                    + "     for (const c of cands) ch.postMessage({ type: 'candidate', candidate: c, from: 'early', to: page });"
                    + "     ch.postMessage({ type: 'offer', sdp: pc.localDescription.toJSON(), from: 'early', to: page });"
                    + "   } else if (m.type === 'answer') { await pc.setRemoteDescription(m.sdp); }"
                    + "   else if (m.type === 'candidate') { await pc.addIceCandidate(m.candidate); } };"
                    + " ch.postMessage({ type: 'hello', from: 'early' });"
                    + " return true; })()");
            JsonObject state = Wait.value("the page's call with the early candidates connects", Duration.ofSeconds(30),
                    () -> browser.eval(call, "call.state()").getAsJsonObject(),
                    st -> !st.get("error").isJsonNull() || "connected".equals(st.get("connectionState").getAsString())
                            && st.getAsJsonArray("received").size() > 0);
            assertTrue(state.get("error").isJsonNull(), () -> "the page failed on a candidate before its offer: " + state);
            assertEquals("early bird", state.getAsJsonArray("received").get(0).getAsString());
        } finally {
            browser.eval(call, "window.__early && __early.close(), window.call ? call.hangUp() : true");
            browser.close(call);
        }
    }

    @Test
    void aCallThroughARelayShowsTheRelayAndTheRemoteAddressTheEngineUses() {
        startCamera();
        call("{turn: {urls: '" + turn.url() + "', username: '" + TurnServer.USER + "', credential: '"
                + TurnServer.PASSWORD + "'}}");
        browser.clickNamed("capture.indicator.privacy");
        browser.awaitShowing("callpanel.dialog");
        awaitText("callpanel.conn1.route", "via a relay server (TURN, udp)");
        // The engine's own view of the selected pair: the relay's address (coturn on loopback) and a relay
        // port of its range, not an mDNS name.
        String remote = awaitText("callpanel.conn1.remote", "Remote address the browser sees: 127.0.0.1 port ");
        Matcher m = Pattern.compile("Remote address the browser sees: 127\\.0\\.0\\.1 port (\\d+) \\(udp\\)").matcher(remote);
        assertTrue(m.find(), remote);
        int port = Integer.parseInt(m.group(1));
        assertTrue(port > turn.port() && port <= turn.port() + 40, () -> remote + " is not a relay port of " + turn.url());
    }

    @Test
    void aPageThatReplacesTheConstructorAndGetStatsAfterLoadIsStillSeen() {
        startCamera();
        browser.eval(tab, "peers.hide()");
        int hidden = call("{}");
        browser.clickNamed("siteinfo.button");
        browser.clickNamed("siteinfo.callprivacy");
        browser.awaitShowing("callpanel.dialog");
        awaitText("callpanel.conn1.route", "direct");
        JsonElement pageView = browser.eval(tab, "peers.ownStats(" + hidden + ")");
        assertTrue(pageView.isJsonNull(), "the page's replaced getStats reports nothing: " + pageView);
        assertCertificates("callpanel.conn1", browser.eval(tab, "peers.ownStatsUnhidden(" + hidden + ")").getAsJsonObject());
        long before = sent(text("callpanel.conn1.bytes"));
        Wait.until("bytes sent grow", Duration.ofSeconds(20), () -> sent(text("callpanel.conn1.bytes")) > before + 10_000);
    }

    @Test
    void aPinnedPeerIsVerifiedAnotherWarnsAndWithThePinnedOnlyGrantTheTracksEnd() {
        startCamera();
        browser.eval(tab, "peers.certificate('alice')");
        int alice = call("{peer: 'alice'}");
        browser.clickNamed("capture.indicator.privacy");
        browser.awaitShowing("callpanel.dialog");
        JsonObject own = browser.eval(tab, "peers.ownStats(" + alice + ")").getAsJsonObject();
        awaitText("callpanel.conn1.remotefp", own.get("remote").getAsString());

        // Pin Alice: the button, then her name typed into the field, then Pin.
        browser.clickNamed("callpanel.conn1.pin");
        javax.swing.JComponent field = browser.awaitShowing("callpanel.pin.name");
        Point at = BrowserFixture.onEdtGet(() -> {
            Point p = field.getLocationOnScreen();
            return new Point(p.x + field.getWidth() / 2, p.y + field.getHeight() / 2);
        });
        browser.input().click(at, InputEvent.BUTTON1_DOWN_MASK, 1);
        Wait.until("the name field has focus", Duration.ofSeconds(10), () -> BrowserFixture.onEdtGet(field::isFocusOwner));
        browser.input().type("Alice");
        browser.clickNamed("callpanel.pin.save");
        browser.awaitGone("callpanel.pin.dialog");
        assertEquals(List.of("Alice"), browser.media().permissions().pinnedPeers(origin).stream()
                .map(dev.callsafe.permissions.PinnedPeer::name).toList());
        awaitText("callpanel.conn1.peer", "Verified peer: Alice");
        awaitText("capture.indicator.text", "verified peer: Alice");

        // A call to another certificate carrying the camera: a warning in the panel and the indicator.
        int stranger = call("{}");
        awaitText("callpanel.conn3.peer", "Not a pinned peer: your captured media goes to a certificate you have not pinned");
        awaitText("capture.indicator.text", "media goes to a peer that is not pinned");
        browser.eval(tab, "peers.hangUp(" + stranger + ")");
        awaitText("capture.indicator.text", "verified peer: Alice");

        // Asking for the microphone prompts; the prompt offers "only while connected to pinned peers". The
        // panel is closed first: it lies over the page where the click goes.
        browser.clickNamed("callpanel.close");
        browser.awaitGone("callpanel.dialog");
        browser.evalOnClick(tab, "(peers.start({audio: true}).then(() => window.__mic = true, (e) => window.__mic = e.name), true)");
        browser.clickNamed("consent.pinned");
        browser.clickNamed("consent.allow");
        Wait.until("microphone granted", Duration.ofSeconds(20), () -> browser.eval(tab, "window.__mic === true").getAsBoolean());
        assertTrue(browser.media().permissions().callGrants(id -> id.startsWith(tab.id() + "/")).stream()
                .allMatch(dev.callsafe.permissions.CallGrant::pinnedPeersOnly));
        // Still with Alice only: the tracks live on across fresh reports.
        browser.clickNamed("capture.indicator.privacy");
        browser.awaitShowing("callpanel.dialog");
        long before = sent(text("callpanel.conn1.bytes"));
        Wait.until("more reports", Duration.ofSeconds(20), () -> sent(text("callpanel.conn1.bytes")) > before + 10_000);
        assertEquals("[\"live\",\"live\"]", browser.eval(tab, "peers.trackStates()").toString());

        // Now the page sends the captured tracks to someone else: the browser ends them and says why.
        browser.eval(tab, "peers.call({})");
        Wait.until("the page's tracks ended", Duration.ofSeconds(20),
                () -> browser.eval(tab, "peers.trackStates()").toString().equals("[\"ended\",\"ended\"]"));
        awaitText("capture.failure.text", "not pinned");
        browser.awaitGone("capture.indicator");
    }
}
