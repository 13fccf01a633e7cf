package dev.callsafe.browser.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import dev.callsafe.browser.BrowserFixture;
import dev.callsafe.browser.Wait;
import dev.callsafe.browser.cef.DevTools;
import dev.callsafe.browser.shell.BrowserTab;
import dev.callsafe.permissions.IpHandling;
import dev.callsafe.permissions.Origin;

/**
 * Per-site WebRTC IP handling with a real TURN server (coturn on loopback) and the demo call page: relay only
 * gathers and uses relay candidates only, whatever the page asks, in iframes too; Default gives mDNS names
 * for host candidates; relay only without a TURN server gathers nothing and the chrome says why.
 */
class WebRtcIpHandlingEndToEndTest {
    private static final Origin CALL = Origin.of("callsafe://call");
    private static TurnServer turn;
    private BrowserFixture browser;
    private final List<BrowserTab> calls = new ArrayList<>();

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
        reset();
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (BrowserTab t : calls) {
            browser.eval(t, "window.call ? call.hangUp() : true");
        }
        calls.clear();
        reset();
        for (String name : List.of("siteinfo.popup", "sites.dialog")) {
            BrowserFixture.onEdt(() -> {
                for (java.awt.Window w : java.awt.Window.getWindows()) {
                    if (name.equals(w.getName())) {
                        w.setVisible(false); // cleanup between tests, not a behaviour under test
                    }
                }
            });
        }
    }

    private void reset() {
        browser.media().setIpHandlingDefault(IpHandling.DEFAULT);
        browser.media().setIpHandling(CALL, null);
        browser.media().setIpHandling(Origin.of(browser.pages().url("/")), null);
        browser.media().setIpHandling(Origin.of(browser.pages().otherOrigin("/")), null);
    }

    private String callUrl(String room, boolean withTurn) {
        return "callsafe://call/?room=" + room + (withTurn ? "&turn=" + turn.url() + "&user=" + TurnServer.USER
                + "&pass=" + TurnServer.PASSWORD : "");
    }

    private BrowserTab openCall(String url) throws Exception {
        BrowserTab tab = browser.open(url);
        calls.add(tab);
        return tab;
    }

    private JsonObject state(BrowserTab tab) {
        return browser.eval(tab, "call.state()").getAsJsonObject();
    }

    private JsonObject connected(BrowserTab tab) {
        JsonObject s = Wait.value("the call connects", Duration.ofSeconds(30), () -> state(tab),
                x -> x.get("connectionState").getAsString().equals("connected") && !x.get("selectedPair").isJsonNull()
                        || !x.get("error").isJsonNull());
        assertTrue(s.get("error").isJsonNull(), () -> "call failed: " + s);
        return s;
    }

    private static List<String> strings(JsonArray a) {
        List<String> out = new ArrayList<>();
        a.forEach(e -> out.add(e.getAsString()));
        return out;
    }

    /** This machine's own addresses (not loopback): none may appear in a candidate or SDP. */
    private static List<String> ownAddresses() throws Exception {
        List<String> out = new ArrayList<>();
        for (NetworkInterface n : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (InetAddress a : Collections.list(n.getInetAddresses())) {
                if (!a.isLoopbackAddress()) {
                    out.add(a.getHostAddress().replaceAll("%.*", ""));
                }
            }
        }
        assertFalse(out.isEmpty(), "the machine has a non-loopback address to hide");
        return out;
    }

    private static void assertOnlyRelay(JsonObject s, String who) {
        List<String> candidates = strings(s.getAsJsonArray("candidates"));
        assertFalse(candidates.isEmpty(), who + " gathered relay candidates");
        candidates.forEach(c -> assertTrue(c.contains(" typ relay"), () -> who + " gathered " + c));
        String sdp = s.get("localSdp").getAsString();
        assertFalse(sdp.matches("(?s).*typ (host|srflx|prflx).*"), () -> who + "'s SDP: " + sdp);
        JsonObject pair = s.getAsJsonObject("selectedPair");
        assertEquals("relay", pair.getAsJsonObject("local").get("candidateType").getAsString(), () -> who + ": " + pair);
        assertEquals("relay", pair.getAsJsonObject("remote").get("candidateType").getAsString(), () -> who + ": " + pair);
        assertEquals("relay", s.get("policy").getAsString(), () -> who + " reports its real policy");
    }

    @Test
    void relayOnlyChosenInSiteSettingsCallsThroughTheRelayWhateverThePageAsks() throws Exception {
        String room = "relay" + System.nanoTime();
        BrowserTab first = openCall(callUrl(room, true));
        browser.closeAllBut(first);
        calls.retainAll(List.of(first));
        // A person sets the site to Relay only in its Site button.
        browser.clickNamed("siteinfo.button");
        browser.clickNamed("siteinfo.webrtc.relay");
        Wait.until("relay only stored", Duration.ofSeconds(10),
                () -> browser.media().permissions().ipHandling(CALL).equals(Optional.of(IpHandling.RELAY_ONLY)));
        BrowserTab second = openCall(callUrl(room, true));
        // The page asks for every candidate, in the constructor and again with setConfiguration.
        browser.eval(first, "call.join({policy: 'all'}).then(() => true)");
        browser.eval(second, "call.join({policy: 'all', reconfigure: 'all'}).then(() => true)");
        JsonObject a = connected(first);
        JsonObject b = connected(second);
        assertOnlyRelay(a, "the answering tab");
        assertOnlyRelay(b, "the calling tab");
        Wait.until("data went through the relay", Duration.ofSeconds(20),
                () -> state(first).getAsJsonArray("received").size() > 0 && state(second).getAsJsonArray("received").size() > 0);
    }

    /** Gathers for a new connection of the page asking for every candidate (TURN given), to the end. */
    private List<String> gatherOnce(BrowserTab tab) {
        JsonObject o = browser.eval(tab, "(async () => { const pc = new RTCPeerConnection({iceTransportPolicy: 'all',"
                + " iceServers: [{urls: '" + turn.url() + "', username: '" + TurnServer.USER + "', credential: '"
                + TurnServer.PASSWORD + "'}]});"
                + " const got = []; const done = new Promise((res) => { pc.onicecandidate = (e) => e.candidate ? got.push(e.candidate.candidate) : res(true);"
                + " setTimeout(() => res(false), 15000); });"
                + " pc.createDataChannel('x'); await pc.setLocalDescription(await pc.createOffer());"
                + " const completed = await done; pc.close(); return {completed, got}; })()").getAsJsonObject();
        assertTrue(o.get("completed").getAsBoolean(), () -> "gathering ended: " + o);
        return strings(o.getAsJsonArray("got"));
    }

    @Test
    void relayOnlyChosenWhileThePageIsOpenCoversItsNextConnectionFromTheStart() throws Exception {
        BrowserTab tab = openCall(callUrl("open" + System.nanoTime(), false));
        browser.closeAllBut(tab);
        calls.retainAll(List.of(tab));
        // Under Default the page has had its answer: host candidates (mDNS names) with the relay ones.
        assertTrue(gatherOnce(tab).stream().anyMatch(c -> c.contains(" typ host")), "Default gathers host candidates");
        // The person then sets the site to Relay only, the page staying open.
        browser.clickNamed("siteinfo.button");
        browser.clickNamed("siteinfo.webrtc.relay");
        Wait.until("relay only stored", Duration.ofSeconds(10),
                () -> browser.media().permissions().ipHandling(CALL).equals(Optional.of(IpHandling.RELAY_ONLY)));
        // The page's next connection gathers only relay candidates, from its first negotiation on.
        List<String> after = gatherOnce(tab);
        assertFalse(after.isEmpty(), "relay candidates gathered");
        after.forEach(c -> assertTrue(c.contains(" typ relay"), () -> "after Relay only, gathered " + c));
    }

    @Test
    void defaultGivesMdnsNamesNeverAnAddressOfThisMachine() throws Exception {
        String room = "mdns" + System.nanoTime();
        BrowserTab first = openCall(callUrl(room, false));
        browser.closeAllBut(first);
        calls.retainAll(List.of(first));
        BrowserTab second = openCall(callUrl(room, false));
        browser.eval(first, "call.join({}).then(() => true)");
        browser.eval(second, "call.join({}).then(() => true)");
        List<String> addresses = ownAddresses();
        for (BrowserTab t : List.of(first, second)) {
            JsonObject s = Wait.value("host candidates gathered", Duration.ofSeconds(20), () -> state(t),
                    x -> x.get("gatheringDone").getAsBoolean() && !x.get("localSdp").getAsString().isEmpty());
            List<String> candidates = strings(s.getAsJsonArray("candidates"));
            assertFalse(candidates.isEmpty(), "host candidates gathered");
            for (String c : candidates) {
                String address = c.split(" ")[4];
                assertTrue(c.contains(" typ host") && address.endsWith(".local"), () -> "an mDNS host candidate: " + c);
            }
            String sdp = s.get("localSdp").getAsString() + s.get("remoteSdp").getAsString() + candidates;
            for (String own : addresses) {
                assertFalse(sdp.contains(own), () -> "this machine's address " + own + " leaked: " + sdp);
            }
            assertEquals("all", s.get("policy").getAsString());
        }
    }

    @Test
    void relayOnlyWithoutTurnServerGathersNothingAndTheChromeSaysWhy() throws Exception {
        BrowserTab tab = openCall(callUrl("alone" + System.nanoTime(), false));
        browser.closeAllBut(tab);
        calls.retainAll(List.of(tab));
        // The browser-wide setting, chosen by a person in All sites.
        browser.clickNamed("siteinfo.button");
        browser.clickNamed("siteinfo.all");
        browser.clickNamed("sites.webrtc.relay");
        Wait.until("relay only for all sites", Duration.ofSeconds(10),
                () -> browser.media().permissions().ipHandlingDefault() == IpHandling.RELAY_ONLY);
        JsonElement r = browser.eval(tab, "(async () => { const pc = new RTCPeerConnection({iceTransportPolicy: 'all'});"
                + " const got = []; const done = new Promise((res) => { pc.onicecandidate = (e) => e.candidate ? got.push(e.candidate.candidate) : res(true);"
                + " setTimeout(() => res(false), 10000); });"
                + " pc.createDataChannel('x'); await pc.setLocalDescription(await pc.createOffer());"
                + " const completed = await done; const out = {completed, got, state: pc.iceGatheringState, sdp: pc.localDescription.sdp};"
                + " pc.close(); return out; })()");
        JsonObject o = r.getAsJsonObject();
        assertTrue(o.get("completed").getAsBoolean(), () -> "gathering ended: " + o);
        assertEquals("complete", o.get("state").getAsString());
        assertEquals(0, o.getAsJsonArray("got").size(), () -> "no candidate: " + o);
        assertFalse(o.get("sdp").getAsString().contains("typ "), () -> "no candidate in the SDP: " + o);
        Wait.until("the chrome says why", Duration.ofSeconds(10),
                () -> browser.showing("webrtc.notice.text").size() == 1
                        && browser.text("webrtc.notice.text").contains("no relay (TURN) server"));
        browser.clickNamed("webrtc.notice.ok");
    }

    /** Runs a promise-valued expression in an isolated world of the tab's main frame: pristine prototypes. */
    private static JsonObject isolated(BrowserTab tab, String expression) throws Exception {
        // A back door on purpose: the isolated world stands for a frame the page script did not reach.
        var devtools = tab.browser().getDevToolsClient();
        JsonObject tree = JsonParser.parseString(DevTools.call(devtools, "Page.getFrameTree", null)
                .get(10, TimeUnit.SECONDS)).getAsJsonObject();
        String frameId = tree.getAsJsonObject("frameTree").getAsJsonObject("frame").get("id").getAsString();
        JsonObject world = JsonParser.parseString(DevTools.call(devtools, "Page.createIsolatedWorld",
                "{\"frameId\":\"" + frameId + "\",\"worldName\":\"ice-probe\"}").get(10, TimeUnit.SECONDS))
                .getAsJsonObject();
        JsonObject eval = new JsonObject();
        eval.addProperty("contextId", world.get("executionContextId").getAsInt());
        eval.addProperty("awaitPromise", true);
        eval.addProperty("returnByValue", true);
        eval.addProperty("expression", expression);
        return JsonParser.parseString(DevTools.call(devtools, "Runtime.evaluate", eval.toString())
                .get(30, TimeUnit.SECONDS)).getAsJsonObject().getAsJsonObject("result").getAsJsonObject("value");
    }

    private static String enginePolicy() {
        return BrowserFixture.onEdtGet(() -> String.valueOf(
                org.cef.browser.CefRequestContext.getGlobalContext().getPreference("webrtc.ip_handling_policy")));
    }

    @Test
    void withRelayOnlyForAllSitesTheEngineItselfGathersOnlyRelaysEvenWhereThePageScriptIsNot() throws Exception {
        String gather = "(async () => { const native = window.__callsafeMediaShim ? 'shim' : 'pristine';"
                + " const pc = new RTCPeerConnection({iceServers: [{urls: ['" + turn.url() + "', '" + turn.url()
                + "?transport=tcp'], username: '" + TurnServer.USER + "', credential: '" + TurnServer.PASSWORD + "'}],"
                + " iceTransportPolicy: 'all'}); const got = [];"
                + " const done = new Promise((res) => { pc.onicecandidate = (e) => e.candidate ? got.push(e.candidate.candidate) : res(true);"
                + " setTimeout(() => res(false), 10000); });"
                + " pc.createDataChannel('x'); await pc.setLocalDescription(await pc.createOffer());"
                + " const completed = await done; pc.close(); return {native, completed, got}; })()";
        assertEquals("default", enginePolicy(), "one site's relay only does not change the engine's policy");
        browser.media().setIpHandlingDefault(IpHandling.RELAY_ONLY);
        Wait.until("the engine's policy follows", Duration.ofSeconds(10),
                () -> enginePolicy().equals("disable_non_proxied_udp"));
        // A tab opened after the change (whether open tabs follow a change was not measured).
        BrowserTab tab = browser.freshTab("/ice.html");
        JsonObject o = isolated(tab, gather);
        assertEquals("pristine", o.get("native").getAsString());
        List<String> candidates = strings(o.getAsJsonArray("got"));
        assertFalse(candidates.isEmpty(), () -> "a relay over TCP: " + o);
        candidates.forEach(c -> assertTrue(c.contains(" typ relay"), () -> "the engine gathered " + c));
        // One site back to Default: the engine can no longer be relay only for everyone.
        browser.media().setIpHandling(CALL, IpHandling.DEFAULT);
        Wait.until("the engine's policy is its default again", Duration.ofSeconds(10),
                () -> enginePolicy().equals("default"));
    }

    @Test
    void anIframeOfARelayOnlySiteGathersOnlyRelayWithTheLegacyAndAnEarlyTakenConstructor() throws Exception {
        String frame = browser.pages().otherOrigin("/ice.html");
        BrowserTab tab = browser.freshTab("/embed.html?" + frame);
        browser.media().setIpHandling(Origin.of(browser.pages().url("/")), IpHandling.RELAY_ONLY);
        String config = "{iceServers: [{urls: '" + turn.url() + "', username: '" + TurnServer.USER + "', credential: '"
                + TurnServer.PASSWORD + "'}], iceTransportPolicy: 'all'}";
        for (String how : List.of("legacy: true", "early: true")) {
            JsonObject o = Wait.value("the cross-site iframe answers", Duration.ofSeconds(20), () -> browser.eval(tab,
                    "new Promise((resolve) => { addEventListener('message', function got(e) { if (e.data && e.data.op === 'gathered')"
                            + " { removeEventListener('message', got); resolve(e.data.result); } });"
                            + " document.getElementById('child').contentWindow.postMessage({op: 'gather', options: {config: "
                            + config + ", reconfigure: 'all', " + how + "}}, '*'); })").getAsJsonObject(),
                    x -> x.has("candidates") || x.has("error"));
            assertFalse(o.has("error"), () -> how + ": " + o);
            List<String> candidates = strings(o.getAsJsonArray("candidates"));
            assertFalse(candidates.isEmpty(), () -> how + ": relay candidates gathered: " + o);
            candidates.forEach(c -> assertTrue(c.contains(" typ relay"), () -> how + ": " + c));
            assertEquals("relay", o.get("policy").getAsString());
        }
    }
}
