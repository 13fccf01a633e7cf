package dev.callsafe.browser.media;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.event.InputEvent;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;

import dev.callsafe.browser.BrowserFixture;
import dev.callsafe.browser.PersonInput;
import dev.callsafe.browser.Wait;
import dev.callsafe.browser.shell.BrowserTab;

/**
 * Issue 10 item 5: getDisplayMedia's user activation is read from the requesting frame (a parent's click does
 * not lend it to an iframe) and consumed (one click, one picker).
 */
class DisplayActivationEndToEndTest {
    /** The page's bridge called directly, bypassing the page script's own activation check. */
    private static final String DIRECT_SHARE = "(window.__r = null, callsafeQuery({request: 'display:'"
            + " + JSON.stringify({op: 'share'}), persistent: false, onSuccess: () => { window.__r = 'granted'; },"
            + " onFailure: (c, m) => { window.__r = m; }}), true)";

    private BrowserFixture browser;
    private BrowserTab tab;

    @BeforeEach
    void open() throws Exception {
        browser = BrowserFixture.get();
        tab = browser.freshTab("/share.html");
    }

    @AfterEach
    void cancelPicker() {
        if (!browser.showing("share.picker").isEmpty()) {
            browser.clickNamed("share.picker.cancel");
            browser.awaitGone("share.picker");
        }
    }

    private JsonElement inChild(String expr) {
        return browser.eval(tab, "probe.inChild(" + new JsonPrimitive(expr) + ")");
    }

    @Test
    void aParentsClickDoesNotLetItsIframeShare() {
        String child = browser.pages().otherOrigin("/share.html");
        browser.navigate(tab, browser.pages().url("/delegate.html?src="
                + URLEncoder.encode(child, StandardCharsets.UTF_8) + "&allow=display-capture"));
        Wait.until("iframe loaded", Duration.ofSeconds(15), () -> inChild(
                "document.readyState === 'complete' && !!window.share").getAsBoolean());

        // control: the main frame's own click lets the main frame ask (the picker opens)
        browser.evalOnClick(tab, DIRECT_SHARE);
        browser.awaitShowing("share.picker");
        browser.clickNamed("share.picker.cancel");
        browser.awaitGone("share.picker");

        // a person clicks in the main frame, which makes the iframe ask (postMessage carries no activation)
        browser.evalOnClick(tab, "probe.inChild(" + new JsonPrimitive(DIRECT_SHARE) + ")");
        String answer = Wait.value("the iframe's answer or a picker", Duration.ofSeconds(15), () -> {
            if (!browser.showing("share.picker").isEmpty()) {
                return "picker";
            }
            JsonElement r = inChild("window.__r");
            return r.isJsonNull() ? null : r.getAsString();
        }, r -> r != null);
        assertTrue(answer.contains("InvalidStateError"), answer);
        assertTrue(browser.showing("share.picker").isEmpty(), "no picker for an iframe without its own gesture");
    }

    /**
     * A cross-origin iframe delegated display capture but not payment cannot consume activation itself (no
     * PaymentRequest there): the browser consumes it through the top frame, so its click is used up too.
     */
    @Test
    void theClickInACrossOriginIframeWithoutPaymentIsUsedUpToo() {
        String child = browser.pages().otherOrigin("/share.html");
        browser.navigate(tab, browser.pages().url("/delegate.html?src="
                + URLEncoder.encode(child, StandardCharsets.UTF_8) + "&allow=display-capture"));
        Wait.until("iframe loaded", Duration.ofSeconds(15), () -> inChild(
                "document.readyState === 'complete' && !!window.share").getAsBoolean());
        assertFalse(inChild("'PaymentRequest' in window && (() => { try { new PaymentRequest([{supportedMethods:"
                + " 'https://example.invalid/pay'}], {total: {label: 't', amount: {currency: 'USD', value: '0'}}});"
                + " return true; } catch (e) { return false; } })()").getAsBoolean(), "the iframe has no payment");
        inChild("(() => { const b = document.createElement('button'); b.id = 'ask';"
                + " b.style.cssText = 'position:fixed;left:0;top:0;width:48px;height:28px;margin:0';"
                + " b.onclick = () => { window.clicked = navigator.userActivation.isActive; share.display(); };"
                + " document.body.appendChild(b); return true; })()");
        JsonArray at = browser.eval(tab, "(() => { const f = document.querySelector('iframe');"
                + " const r = f.getBoundingClientRect(); return [r.x + f.clientLeft + 24, r.y + f.clientTop + 14]; })()")
                .getAsJsonArray();
        PersonInput input = browser.input();
        input.click(input.screenPoint(tab, at.get(0).getAsDouble(), at.get(1).getAsDouble()),
                InputEvent.BUTTON1_DOWN_MASK, 1);
        browser.awaitShowing("share.picker");
        assertTrue(inChild("window.clicked === true").getAsBoolean(), "the click reached the iframe");
        assertFalse(inChild("navigator.userActivation.isActive").getAsBoolean(),
                "the activation was used up by the request");
    }

    @Test
    void theBrowserConsumesTheActivationOfTheClickThatAsked() {
        assertTrue(browser.evalOnClick(tab, "(share.display(), navigator.userActivation.isActive)").getAsBoolean(),
                "the click activated the page");
        browser.awaitShowing("share.picker");
        assertFalse(browser.eval(tab, "navigator.userActivation.isActive").getAsBoolean(),
                "the activation was used up by the request");
    }
}
