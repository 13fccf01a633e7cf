package dev.callsafe.browser.probe;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.callsafe.browser.BrowserFixture;
import dev.callsafe.browser.Wait;
import dev.callsafe.browser.shell.BrowserTab;

class FrameIdProbeTest {
    static String frames(BrowserTab tab) {
        return BrowserFixture.onEdtGet(() -> {
            List<String> out = new ArrayList<>();
            for (String id : tab.browser().getFrameIdentifiers()) {
                var f = tab.browser().getFrameByIdentifier(id);
                out.add(id + "=" + (f == null ? "null" : f.getURL() + (f.isValid() ? "" : "(invalid)")));
            }
            return String.join(" | ", out);
        });
    }

    @Test
    void probe() throws Exception {
        BrowserFixture b = BrowserFixture.get();
        BrowserTab tab = b.freshTab("/call.html");
        tab.browser().getDevToolsClient().addEventListener((m, p) -> {
            if (m.contains("Detached") || m.contains("detached") || m.contains("attachedTo")) {
                System.out.println("PROBE EVT " + System.nanoTime() / 1000000 + " " + m + " " + (p.length() > 200 ? p.substring(0, 200) : p));
            }
        });
        b.navigate(tab, b.pages().url("/delegate.html?src=" + URLEncoder.encode(b.pages().url("/call.html?same"), StandardCharsets.UTF_8) + "&allow=camera"));
        Wait.until("x", Duration.ofSeconds(10), () -> b.eval(tab, "probe.inChild('document.readyState')").getAsString().equals("complete"));
        System.out.println("PROBE same-origin iframe: " + frames(tab));
        b.eval(tab, "document.querySelector('iframe').src = '" + b.pages().otherOrigin("/call.html?cross") + "', true");
        long t0 = System.nanoTime();
        for (int i = 0; i < 12; i++) { System.out.println("PROBE nav +" + i * 100 + ": " + frames(tab)); Thread.sleep(100); }
        System.out.println("PROBE after cross-site nav: " + frames(tab) + " after " + (System.nanoTime() - t0) / 1000000 + " ms");
        b.eval(tab, "document.querySelector('iframe').src = '" + b.pages().otherOrigin("/call.html?cross2") + "', true");
        Thread.sleep(1500);
        System.out.println("PROBE after same-site nav within localhost: " + frames(tab));
        b.eval(tab, "document.querySelector('iframe').src = '" + b.pages().url("/call.html?back") + "', true");
        Thread.sleep(1500);
        System.out.println("PROBE after nav back to 127: " + frames(tab));
        b.eval(tab, "document.querySelector('iframe').remove(), true");
        for (int i = 0; i < 10; i++) {
            System.out.println("PROBE after removal +" + i * 50 + "ms: " + frames(tab));
            Thread.sleep(50);
        }
        b.eval(tab, "(() => { const f = document.createElement('iframe'); f.src = '" + b.pages().otherOrigin("/call.html?x") + "'; document.body.appendChild(f); return true; })()");
        Thread.sleep(1500);
        System.out.println("PROBE new cross iframe: " + frames(tab));
        b.eval(tab, "document.querySelector('iframe').remove(), true");
        for (int i = 0; i < 10; i++) {
            System.out.println("PROBE after removal2 +" + i * 50 + "ms: " + frames(tab));
            Thread.sleep(50);
        }
    }
}
