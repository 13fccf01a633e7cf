package dev.callsafe.browser.media;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import org.cef.browser.CefRequestContext;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;

import dev.callsafe.browser.BrowserFixture;
import dev.callsafe.browser.Wait;
import dev.callsafe.browser.shell.BrowserTab;

/**
 * A measurement, not part of the suite (run it with -Dtest=IpHandlingPolicyProbe): what Chromium's own
 * profile preference {@code webrtc.ip_handling_policy} does to the candidates a page gathers here, with a TURN
 * server (UDP and TCP) and without, and how long the page script waits for the browser's answer.
 */
class IpHandlingPolicyProbe {
    @Test
    void measure() throws Exception {
        BrowserFixture browser = BrowserFixture.get();
        try (TurnServer turn = TurnServer.start()) {
            String servers = "[{urls: ['" + turn.url() + "', '" + turn.url() + "?transport=tcp'], username: '"
                    + TurnServer.USER + "', credential: '" + TurnServer.PASSWORD + "'}, {urls: 'stun:127.0.0.1:" + turn.port() + "'}]";
            for (String policy : new String[] {null, "default_public_and_private_interfaces", "default_public_interface_only",
                    "disable_non_proxied_udp", "default"}) {
                AtomicReference<String> result = new AtomicReference<>();
                BrowserFixture.onEdt(() -> {
                    CefRequestContext c = CefRequestContext.getGlobalContext();
                    String before = String.valueOf(c.getPreference("webrtc.ip_handling_policy"));
                    String error = policy == null ? "" : c.setPreference("webrtc.ip_handling_policy", policy);
                    result.set("can set: " + c.canSetPreference("webrtc.ip_handling_policy") + ", before: " + before
                            + ", set error: " + error + ", now: " + c.getPreference("webrtc.ip_handling_policy"));
                });
                System.out.println("PROBE pref " + policy + ": " + result.get());
                BrowserTab tab = browser.freshTab("/ice.html");
                for (String config : new String[] {"{iceServers: " + servers + "}", "{}"}) {
                    JsonObject o = Wait.value("gathered", Duration.ofSeconds(30),
                            () -> browser.eval(tab, "gather({config: " + config + "})").getAsJsonObject(), x -> true);
                    System.out.println("PROBE   " + (config.equals("{}") ? "no servers" : "TURN+STUN") + ": completed="
                            + o.get("completed") + " " + o.get("candidates"));
                }
            }
            BrowserFixture.onEdt(() -> CefRequestContext.getGlobalContext().setPreference("webrtc.ip_handling_policy", "default"));
            BrowserTab tab = browser.freshTab("/ice.html");
            for (int i = 0; i < 10; i++) {
                System.out.println("PROBE wait for answer (ms): " + browser.eval(tab, "(async () => { const t = performance.now();"
                        + " const pc = new RTCPeerConnection(); await pc.createOffer(); const ms = performance.now() - t; pc.close(); return ms; })()"));
            }
        }
    }
}
