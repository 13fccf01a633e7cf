package dev.callsafe.browser.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.cef.browser.CefFrame;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.callsafe.browser.BrowserFixture;
import dev.callsafe.browser.LaunchOptions;
import dev.callsafe.browser.Wait;
import dev.callsafe.browser.cef.InternalPageGuard;

/** Issue 10 item 7: web pages cannot frame, load or navigate to callsafe:// pages; the error page runs no URL. */
class InternalPagesEndToEndTest {
    private BrowserFixture browser;
    private BrowserTab tab;
    private InternalPageGuard guard;

    @BeforeEach
    void open() throws Exception {
        browser = BrowserFixture.get();
        tab = browser.freshTab("/call.html");
        guard = browser.browser().window().pageGuard();
    }

    private List<String> frameUrls() {
        List<String> urls = new ArrayList<>();
        for (String id : tab.browser().getFrameIdentifiers()) {
            CefFrame f = tab.browser().getFrameByIdentifier(id);
            if (f != null) {
                urls.add(f.getURL());
            }
        }
        return urls;
    }

    private boolean anyInternalFrame() {
        return frameUrls().stream().anyMatch(u -> u != null && u.startsWith("callsafe:"));
    }

    @Test
    void aWebPageCannotFrameTheDemoPage() {
        long before = guard.refused();
        // page script (no person's input needed): what a hostile page does
        browser.eval(tab, "(() => { const f = document.createElement('iframe'); f.src = 'callsafe://demo/';"
                + " document.body.appendChild(f); return true; })()");
        Wait.until("the frame's navigation decided", Duration.ofSeconds(10),
                () -> guard.refused() > before || anyInternalFrame());
        assertFalse(anyInternalFrame(), () -> "frames: " + frameUrls());
    }

    @Test
    void aWebPageCannotLoadInternalFilesAsSubresources() {
        String outcome = browser.eval(tab, "new Promise(r => { const s = document.createElement('script');"
                + " s.src = 'callsafe://demo/demo.js'; s.onload = () => r('loaded'); s.onerror = () => r('refused');"
                + " document.head.appendChild(s); })").getAsString();
        assertEquals("refused", outcome);
    }

    @Test
    void aWebPageCannotNavigateItselfToAnInternalPage() {
        String page = browser.pages().url("/call.html");
        browser.eval(tab, "window.__stillHere = true");
        long before = guard.refused();
        browser.eval(tab, "location = 'callsafe://demo/', true"); // page script: a hostile page
        Wait.until("the navigation decided", Duration.ofSeconds(10),
                () -> guard.refused() > before || !browser.eval(tab, "location.href").getAsString().equals(page));
        assertEquals(page, browser.eval(tab, "location.href").getAsString());
        assertTrue(browser.eval(tab, "window.__stillHere === true").getAsBoolean(), "the document was not replaced");
    }

    @Test
    void theAddressBarStillOpensInternalPages() {
        browser.navigate(tab, LaunchOptions.DEMO_URL); // what the address bar does
        assertTrue(browser.eval(tab, "!!document.getElementById('start-both')").getAsBoolean());
    }

    @Test
    void theErrorPageRunsNoPageSuppliedUrlAndShowsTextAsText() throws Exception {
        String hostile = "javascript:document.title='ran'";
        String markup = "<img src=x onerror=\"document.title='markup'\">";
        String url = "callsafe://error/?url=" + enc(hostile) + "&reason=X&text=" + enc(markup);
        tab.load(url);
        Wait.until("error page", Duration.ofSeconds(10), () -> browser.eval(tab,
                "location.href.startsWith('callsafe://error/') && document.readyState === 'complete'").getAsBoolean());
        assertEquals(hostile, browser.eval(tab, "document.getElementById('url').textContent").getAsString());
        assertTrue(browser.eval(tab, "document.getElementById('reason').textContent.includes('<img')").getAsBoolean());
        assertTrue(browser.eval(tab, "document.querySelector('img') === null").getAsBoolean());
        assertTrue(browser.eval(tab, "(() => { const b = document.getElementById('retry');"
                + " return b.hidden && b.onclick === null; })()").getAsBoolean(),
                "no Try again for an address that is not http(s)");
    }

    @Test
    void theErrorPageRetriesAWebAddressWithAClick() throws Exception {
        String target = browser.pages().url("/call.html");
        tab.load("callsafe://error/?url=" + enc(target) + "&reason=X&text=");
        Wait.until("error page", Duration.ofSeconds(10), () -> browser.eval(tab,
                "location.href.startsWith('callsafe://error/') && document.readyState === 'complete'").getAsBoolean());
        browser.input().click(tab, "#retry");
        Wait.until("retried", Duration.ofSeconds(10),
                () -> target.equals(browser.eval(tab, "location.href").getAsString()));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
