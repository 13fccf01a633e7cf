package dev.callsafe.browser.cef;

import java.util.logging.Logger;

import javax.swing.SwingUtilities;

import org.cef.browser.CefRequestContext;

/**
 * Keeps Chromium's profile-wide WebRTC IP handling policy ({@code webrtc.ip_handling_policy}) as the plugins
 * ask: {@code disable_non_proxied_udp} (measured here: only relay candidates, through TURN over TCP) or
 * {@code default} (mDNS names for host candidates). It is set once Chromium's context is up and again at each
 * change, on the Swing thread (CEF's UI thread in this embedding). Measured on tabs opened after a change;
 * whether tabs already open follow it was not measured.
 */
public final class EngineWebRtcPolicy {
    private static final Logger LOG = Logger.getLogger(EngineWebRtcPolicy.class.getName());
    static final String PREFERENCE = "webrtc.ip_handling_policy";
    static final String RELAY_ONLY = "disable_non_proxied_udp";
    static final String DEFAULT = "default";

    private boolean ready;
    private boolean relayOnly;

    /** What the plugins want; any thread. */
    public void want(boolean relayOnly) {
        SwingUtilities.invokeLater(() -> {
            this.relayOnly = relayOnly;
            apply();
        });
    }

    /** Chromium's context is initialised: preferences can be set now. Swing thread. */
    public void contextReady() {
        ready = true;
        apply();
    }

    /** The engine's current value (tests, logs). Swing thread. */
    public String current() {
        return String.valueOf(CefRequestContext.getGlobalContext().getPreference(PREFERENCE));
    }

    private void apply() {
        if (!ready) {
            return;
        }
        String value = relayOnly ? RELAY_ONLY : DEFAULT;
        CefRequestContext context = CefRequestContext.getGlobalContext();
        if (value.equals(String.valueOf(context.getPreference(PREFERENCE)))) {
            return;
        }
        String error = context.setPreference(PREFERENCE, value);
        if (error != null && !error.isEmpty()) {
            LOG.warning("Chromium refused " + PREFERENCE + " = " + value + ": " + error);
        } else {
            LOG.info(PREFERENCE + " = " + value);
        }
    }
}
