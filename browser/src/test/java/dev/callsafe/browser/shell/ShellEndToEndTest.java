package dev.callsafe.browser.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Robot;
import java.awt.event.KeyEvent;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import javax.swing.JTabbedPane;
import javax.swing.JTextField;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.callsafe.browser.BrowserFixture;
import dev.callsafe.browser.LaunchOptions;
import dev.callsafe.browser.Wait;

/** The shell as a user meets it: tabs with titles, error pages, shortcuts, fullscreen. */
class ShellEndToEndTest {
    private BrowserFixture browser;
    private BrowserTab tab;

    @BeforeEach
    void open() throws Exception {
        browser = BrowserFixture.get();
        tab = browser.freshTab("/call.html");
    }

    private String tabTitle(BrowserTab t) {
        AtomicReference<String> title = new AtomicReference<>();
        BrowserFixture.onEdt(() -> {
            JTabbedPane pane = (JTabbedPane) t.getParent();
            title.set(pane.getTitleAt(pane.indexOfComponent(t)));
        });
        return title.get();
    }

    private String address() {
        AtomicReference<String> text = new AtomicReference<>();
        BrowserFixture.onEdt(() -> text.set(((JTextField) browser.awaitShowing("nav.address")).getText()));
        return text.get();
    }

    @Test
    void tabsShowThePageTitleAndTheAddressBarTheUrl() {
        Wait.until("title in tab", Duration.ofSeconds(10), () -> "Test call".equals(tabTitle(tab)));
        Wait.until("address shown", Duration.ofSeconds(10), () -> browser.pages().url("/call.html").equals(address()));
    }

    @Test
    void anInternationalisedHostIsShownInUnicodeOnlyWhenSafeAndWhatIsShownNavigates() {
        String port = ":" + browser.pages().port();
        JTextField field = (JTextField) browser.awaitShowing("nav.address");
        BrowserFixture.onEdt(() -> {
            field.setText("http://b\u00fccher.test" + port + "/call.html");
            field.postActionEvent();
        });
        String encoded = "http://xn--bcher-kva.test" + port + "/call.html";
        Wait.until("loaded from the encoded host", Duration.ofSeconds(30),
                () -> browser.eval(tab, "location.href").getAsString().equals(encoded));
        Wait.until("Unicode host shown", Duration.ofSeconds(10),
                () -> ("http://b\u00fccher.test" + port + "/call.html").equals(address()));
        // Latin p with Cyrillic a: a homograph of paypal, so the address bar keeps punycode.
        String homograph = "http://xn--pypal-4ve.test" + port + "/call.html";
        browser.navigate(tab, homograph);
        Wait.until("punycode shown", Duration.ofSeconds(10), () -> homograph.equals(address()));
    }

    @Test
    void theBuiltInDemoPageIsServedByTheBrowser() throws Exception {
        browser.navigate(tab, LaunchOptions.DEMO_URL);
        Wait.until("demo title", Duration.ofSeconds(10), () -> "Callsafe demo call".equals(tabTitle(tab)));
        assertTrue(browser.eval(tab, "!!document.getElementById('start-both') && window.isSecureContext").getAsBoolean());
    }

    @Test
    void anUnreachableAddressShowsTheErrorPageAndKeepsTheAddress() throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
            port = free.getLocalPort(); // closed again: nothing listens there
        }
        String dead = "http://127.0.0.1:" + port + "/nothing-here";
        tab.load(dead);
        Wait.until("error page", Duration.ofSeconds(15), () -> browser.eval(tab,
                "location.href.startsWith('callsafe://error/') && document.readyState === 'complete'").getAsBoolean());
        assertEquals(dead, browser.eval(tab, "document.getElementById('url').textContent").getAsString());
        assertTrue(browser.eval(tab, "document.getElementById('reason').textContent").getAsString().contains("ERR_CONNECTION_REFUSED"),
                browser.eval(tab, "document.getElementById('reason').textContent").getAsString());
        Wait.until("address keeps the failed URL", Duration.ofSeconds(10), () -> dead.equals(address()));
    }

    @Test
    void controlTOpensATabAndControlWClosesIt() throws Exception {
        int before = browser.browser().window().tabs().size();
        Robot robot = new Robot();
        clickAddressBar(robot);
        chord(robot, KeyEvent.VK_T);
        Wait.until("new tab", Duration.ofSeconds(10), () -> browser.browser().window().tabs().size() == before + 1);
        BrowserTab added = browser.browser().window().tabs().get(before);
        added.ready().get(30, java.util.concurrent.TimeUnit.SECONDS);
        Wait.until("new-tab page loaded", Duration.ofSeconds(10), () -> browser.eval(added,
                "document.readyState === 'complete' && location.href.startsWith('callsafe://newtab')").getAsBoolean());
        // Under Xvfb without a window manager Chromium's windows never get X keyboard focus (typed text
        // does not arrive either), so the keys go through the chrome; CEF's keyboard handler covers the
        // page-focused case on real desktops.
        clickAddressBar(robot);
        chord(robot, KeyEvent.VK_W);
        Wait.until("tab closed", Duration.ofSeconds(10), () -> browser.browser().window().tabs().size() == before);
    }

    private void clickAddressBar(Robot robot) {
        JTextField field = (JTextField) browser.awaitShowing("nav.address");
        java.awt.Point p = new java.awt.Point();
        BrowserFixture.onEdt(() -> {
            java.awt.Point at = field.getLocationOnScreen();
            p.setLocation(at.x + 40, at.y + field.getHeight() / 2);
        });
        robot.mouseMove(p.x, p.y);
        robot.mousePress(java.awt.event.InputEvent.BUTTON1_DOWN_MASK);
        robot.mouseRelease(java.awt.event.InputEvent.BUTTON1_DOWN_MASK);
        Wait.until("address bar focused", Duration.ofSeconds(10), () -> {
            AtomicReference<Boolean> f = new AtomicReference<>();
            BrowserFixture.onEdt(() -> f.set(field.isFocusOwner()));
            return f.get();
        });
    }

    private static void chord(Robot robot, int key) {
        robot.keyPress(KeyEvent.VK_CONTROL);
        robot.keyPress(key);
        robot.keyRelease(key);
        robot.keyRelease(KeyEvent.VK_CONTROL);
        robot.waitForIdle();
    }

    @Test
    void theCaptureIndicatorStaysVisibleWhenThePageGoesFullscreen() {
        browser.eval(tab, "probe.start({audio: true})");
        browser.clickNamed("consent.allow");
        browser.awaitShowing("capture.indicator");
        browser.evalOnClick(tab, "document.documentElement.requestFullscreen().then(() => true, e => e.name)");
        Wait.until("page fullscreen", Duration.ofSeconds(10),
                () -> browser.eval(tab, "!!document.fullscreenElement").getAsBoolean());
        Wait.until("toolbar hidden", Duration.ofSeconds(10), () -> browser.showing("nav.address").isEmpty());
        assertFalse(browser.showing("capture.indicator").isEmpty(), "indicator hidden in fullscreen");
        browser.clickNamed("capture.indicator.stop");
        browser.eval(tab, "document.exitFullscreen().then(() => true, () => true)");
        Wait.until("toolbar back", Duration.ofSeconds(10), () -> !browser.showing("nav.address").isEmpty());
        Wait.until("capture stopped", Duration.ofSeconds(10), () -> browser.media().liveTrackCount() == 0);
    }
}
