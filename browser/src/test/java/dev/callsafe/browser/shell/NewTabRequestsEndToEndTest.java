package dev.callsafe.browser.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;

import dev.callsafe.browser.BrowserFixture;
import dev.callsafe.browser.Wait;

/**
 * A page's window.open becomes a tab only as Chromium would let it make a popup: not from a frame whose
 * sandbox lacks {@code allow-popups}, and only with that frame's own click, spent once (one click, one tab;
 * a parent's click does not let its iframe open one). Each refusal is waited for in the browser's log, then
 * the tabs are counted: nothing else tells that a tab will not open.
 */
class NewTabRequestsEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private final List<String> refusals = new CopyOnWriteArrayList<>();
    private final Handler log = new Handler() {
        @Override
        public void publish(LogRecord r) {
            if (r.getMessage() != null && r.getMessage().contains(" refused: ")) {
                refusals.add(r.getMessage());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private BrowserFixture browser;
    private BrowserTab tab;

    @BeforeEach
    void open() throws Exception {
        browser = BrowserFixture.get();
        tab = browser.freshTab("/call.html");
        Logger.getLogger(NewTabRequests.class.getName()).addHandler(log);
    }

    @AfterEach
    void close() throws Exception {
        Logger.getLogger(NewTabRequests.class.getName()).removeHandler(log);
        browser.closeAllBut(tab);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private void embed(String src, String sandbox) {
        browser.navigate(tab, browser.pages().url("/delegate.html?src=" + enc(src) + "&allow="
                + (sandbox == null ? "" : "&sandbox=" + enc(sandbox))));
        Wait.until("iframe loaded", WAIT, () -> inChild(
                "document.readyState === 'complete' && window.inlineSawShim === true").getAsBoolean());
    }

    private JsonElement inChild(String expr) {
        return browser.eval(tab, "probe.inChild(" + new JsonPrimitive(expr) + ")");
    }

    /** A person's click (XTest) in the middle of the iframe. */
    private void clickInIframe() {
        JsonArray box = browser.eval(tab, "(() => { const r = document.querySelector('iframe')"
                + ".getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; })()").getAsJsonArray();
        browser.input().click(browser.input().screenPoint(tab, box.get(0).getAsDouble(), box.get(1).getAsDouble()),
                java.awt.event.InputEvent.BUTTON1_DOWN_MASK, 1);
    }

    private int tabs() {
        return BrowserFixture.onEdtGet(() -> browser.browser().window().tabs().size());
    }

    private boolean refused(String url) {
        return refusals.stream().anyMatch(m -> m.contains("new tab for " + url + " refused"));
    }

    /** Waits until the request for {@code url} was refused or a tab opened anyway (a broken build). */
    private void awaitAnswer(String url, int tabsBefore) {
        Wait.until("new tab for " + url + " refused (or opened)", WAIT, () -> refused(url) || tabs() > tabsBefore);
    }

    private void awaitTab(String url) {
        Wait.until("a tab on " + url, WAIT, () -> BrowserFixture.onEdtGet(() -> browser.browser().window().tabs()
                .stream().anyMatch(t -> url.equals(t.url()))));
    }

    @Test
    void aFrameWhoseSandboxLacksAllowPopupsOpensNoTabEvenWithItsOwnClick() {
        // Cross-origin (its own renderer: the owner element is read in the parent's session) and not opaque
        // (allow-same-origin): only the sandbox attribute says no popups.
        String url = browser.pages().url("/target.html?sandboxed");
        embed(browser.pages().otherOrigin("/call.html"), "allow-scripts allow-same-origin");
        inChild("document.addEventListener('click', () => window.open('" + url + "')), true");
        int before = tabs();
        clickInIframe();
        awaitAnswer(url, before);
        assertEquals(before, tabs(), "no new tab");
        assertTrue(refusals.toString().contains("sandbox"), refusals.toString());
    }

    @Test
    void oneClickOpensOneTab() {
        String one = browser.pages().url("/target.html?one");
        String two = browser.pages().url("/target.html?two");
        int before = tabs();
        browser.evalOnClick(tab, "window.open('" + one + "'), window.open('" + two + "'), true");
        Wait.until("one opened and one refused (or two opened)", WAIT,
                () -> (refused(one) || refused(two)) && tabs() > before || tabs() > before + 1);
        assertEquals(before + 1, tabs(), "one click, one tab: " + refusals);
        assertTrue(refusals.toString().contains("click"), refusals.toString());
    }

    @Test
    void aParentsClickDoesNotLetItsIframeOpenATabButTheIframesOwnClickDoes() {
        String borrowed = browser.pages().url("/target.html?borrowed");
        String own = browser.pages().url("/target.html?own");
        embed(browser.pages().otherOrigin("/call.html"), null);
        int before = tabs();
        // The parent's click handler asks the iframe (postMessage) to open a tab: the iframe has no click.
        browser.evalOnClick(tab, "probe.inChild(\"window.open('" + borrowed + "'), true\")");
        awaitAnswer(borrowed, before);
        assertEquals(before, tabs(), "no tab on the parent's click");

        inChild("document.addEventListener('click', () => window.open('" + own + "')), true");
        clickInIframe();
        awaitTab(own);
        assertEquals(before + 1, tabs());
    }
}
