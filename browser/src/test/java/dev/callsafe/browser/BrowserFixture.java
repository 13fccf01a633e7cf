package dev.callsafe.browser;

import java.awt.Component;
import java.awt.Container;
import java.awt.Point;
import java.awt.Robot;
import java.awt.event.InputEvent;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import javax.swing.AbstractButton;
import javax.swing.JComponent;
import javax.swing.SwingUtilities;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;

import dev.callsafe.browser.shell.BrowserTab;
import dev.callsafe.plugins.media.MediaPlugin;

/**
 * The one real browser every end-to-end test in this JVM shares (CEF starts once per process), with a
 * local page server, and helpers that drive it as a user would: real Swing buttons clicked by the mouse.
 */
public final class BrowserFixture {
    /** Name served on 127.0.0.1 through Chromium's resolver rules: a plain-http, non-loopback origin. */
    public static final String INSECURE_HOST = "insecure.test";
    /** Internationalised test hosts (bücher.test, and Latin p + Cyrillic а + ypal.test) served by the test pages. */
    static final String IDN_HOSTS = "MAP xn--bcher-kva.test 127.0.0.1,MAP xn--pypal-4ve.test 127.0.0.1";

    private static BrowserFixture instance;

    private final Browser browser;
    private final TestPages pages;
    private final Robot robot;
    private final PersonInput input;

    private BrowserFixture(Browser browser, TestPages pages, Robot robot) {
        this.browser = browser;
        this.pages = pages;
        this.robot = robot;
        this.input = new PersonInput(this, robot);
    }

    public static synchronized BrowserFixture get() throws Exception {
        if (instance == null) {
            System.setProperty("callsafe.devices", "synthetic");
            // Fake devices give Chromium's own capture something to grant, so the native-path test means
            // something; resolver rules give an insecure non-loopback origin.
            System.setProperty("callsafe.engineArgs", "--use-fake-device-for-media-stream|--host-resolver-rules=MAP "
                    + INSECURE_HOST + " 127.0.0.1," + IDN_HOSTS);
            TestPages pages = new TestPages();
            LaunchOptions options = new LaunchOptions("about:blank",
                    Files.createTempDirectory("callsafe-test-profile-"), true);
            Browser browser = Browser.launch(options);
            instance = new BrowserFixture(browser, pages, new Robot());
        }
        return instance;
    }

    public Browser browser() {
        return browser;
    }

    public TestPages pages() {
        return pages;
    }

    /** A person's mouse and keyboard (XTest), for everything that stands for a person's action in a page. */
    public PersonInput input() {
        return input;
    }

    public MediaPlugin media() {
        return browser.plugins().plugin(MediaPlugin.class).orElseThrow();
    }

    /** Opens a tab on a URL and waits until its document has loaded. */
    public BrowserTab open(String url) throws Exception {
        AtomicReference<BrowserTab> tab = new AtomicReference<>();
        SwingUtilities.invokeAndWait(() -> tab.set(browser.window().openTab(url)));
        tab.get().ready().get(30, TimeUnit.SECONDS);
        waitLoaded(tab.get(), url);
        return tab.get();
    }

    /** Opens a test page in a new tab and closes every other tab: each test starts from one tab. */
    public BrowserTab freshTab(String path) throws Exception {
        BrowserTab tab = open(pages.url(path));
        closeAllBut(tab);
        return tab;
    }

    /** Stops every track the test pages hold and waits until no capture is left. */
    public void stopAllCapture() {
        for (BrowserTab t : browser.window().tabs()) {
            eval(t, "window.probe && probe.stopAll(), true");
        }
        Wait.until("no live tracks", Duration.ofSeconds(10), () -> media().liveTrackCount() == 0);
    }

    /** Navigates a tab and waits for the new document. */
    public void navigate(BrowserTab tab, String url) {
        tab.load(url);
        waitLoaded(tab, url);
    }

    private void waitLoaded(BrowserTab tab, String url) {
        Wait.until("page " + url + " loaded", Duration.ofSeconds(30), () -> {
            JsonElement r = eval(tab, "[location.href, document.readyState]");
            return r.getAsJsonArray().get(0).getAsString().equals(url)
                    && r.getAsJsonArray().get(1).getAsString().equals("complete");
        });
    }

    public void close(BrowserTab tab) throws Exception {
        SwingUtilities.invokeAndWait(() -> browser.window().closeTab(tab));
    }

    public void closeAllBut(BrowserTab keep) throws Exception {
        for (BrowserTab t : browser.window().tabs()) {
            if (t != keep) {
                close(t);
            }
        }
    }

    /** Evaluates JavaScript in the tab's main frame and returns its JSON value (promises awaited). */
    public JsonElement eval(BrowserTab tab, String js) {
        try {
            return JsonParser.parseString(tab.evaluate(js, false).get(20, TimeUnit.SECONDS));
        } catch (Exception e) {
            throw new IllegalStateException("evaluating " + js + ": " + e, e);
        }
    }

    /**
     * Runs {@code js} as the click handler of a button put into the page, clicked by a person's mouse
     * (XTest), so the page has real user activation, and returns its JSON value (promises awaited). Selects
     * the tab first when it is in the background (a person can click only what is shown).
     */
    public JsonElement evalOnClick(BrowserTab tab, String js) {
        if (current().orElse(null) != tab) {
            tab.select();
            Wait.until("tab selected", Duration.ofSeconds(10), () -> current().orElse(null) == tab);
        }
        eval(tab, "(() => { let b = document.getElementById('callsafe-person');"
                + " if (!b) { b = document.createElement('button'); b.id = 'callsafe-person'; b.textContent = 'act';"
                + " b.style.cssText = 'position:fixed;left:0;top:0;width:48px;height:28px;z-index:2147483647;margin:0;"
                + "border:none;padding:0;background:#ff00ff;color:#ff00ff';"
                + " document.documentElement.appendChild(b); }"
                + " delete window.__personResult;"
                + " b.onclick = () => { window.__personResult = (async () => (" + js + "))(); }; return true; })()");
        // A person clicks what is on the screen: Chromium drops input that reaches a page before its first
        // paint (a tab just opened or just brought forward lost the click in CI), so the click waits for the
        // button's colour at its centre.
        Point at = input.elementCentre(tab, "#callsafe-person");
        try {
            Wait.value("the page's button on the screen at " + at, Duration.ofSeconds(10),
                    () -> robot.getPixelColor(at.x, at.y), c -> c.getRed() > 220 && c.getGreen() < 40 && c.getBlue() > 220);
        } catch (AssertionError e) {
            try {
                javax.imageio.ImageIO.write(robot.createScreenCapture(new java.awt.Rectangle(
                        java.awt.Toolkit.getDefaultToolkit().getScreenSize())), "png",
                        new java.io.File("target/unpainted-" + System.currentTimeMillis() + ".png"));
            } catch (java.io.IOException ignored) {
                // the assertion says enough
            }
            throw e;
        }
        input.click(at, InputEvent.BUTTON1_DOWN_MASK, 1);
        Wait.until("the page ran the click", Duration.ofSeconds(10),
                () -> eval(tab, "'__personResult' in window").getAsBoolean());
        JsonElement result = eval(tab, "window.__personResult");
        eval(tab, "delete window.__personResult; document.getElementById('callsafe-person')?.remove(), true");
        return result;
    }


    /** Components in the window with this name that are currently showing. */
    public List<JComponent> showing(String name) {
        AtomicReference<List<JComponent>> out = new AtomicReference<>();
        onEdt(() -> {
            List<JComponent> found = new ArrayList<>();
            for (java.awt.Window w : java.awt.Window.getWindows()) {
                if (w.isShowing()) {
                    collect(w, name, found); // the browser window and its dialogs (site info, install)
                }
            }
            out.set(found);
        });
        return out.get();
    }

    private static void collect(Container c, String name, List<JComponent> out) {
        for (Component child : c.getComponents()) {
            if (child instanceof JComponent && name.equals(child.getName()) && child.isShowing()) {
                out.add((JComponent) child);
            }
            if (child instanceof Container) {
                collect((Container) child, name, out);
            }
        }
    }

    /** Waits for exactly one showing component of this name. */
    public JComponent awaitShowing(String name) {
        return Wait.value(name + " showing", Duration.ofSeconds(15), () -> showing(name), l -> l.size() == 1).get(0);
    }

    public void awaitGone(String name) {
        Wait.until(name + " gone", Duration.ofSeconds(15), () -> showing(name).isEmpty());
    }

    /** Clicks a button with the real mouse once it is showing and enabled (prompts arm after a delay). */
    public void click(AbstractButton button) {
        Wait.until(button.getName() + " enabled", Duration.ofSeconds(10), () -> {
            AtomicReference<Boolean> ok = new AtomicReference<>();
            onEdt(() -> ok.set(button.isShowing() && button.isEnabled()));
            return ok.get();
        });
        AtomicReference<Point> at = new AtomicReference<>();
        onEdt(() -> {
            Point p = button.getLocationOnScreen();
            at.set(new Point(p.x + button.getWidth() / 2, p.y + button.getHeight() / 2));
        });
        robot.mouseMove(at.get().x, at.get().y);
        robot.mousePress(InputEvent.BUTTON1_DOWN_MASK);
        robot.mouseRelease(InputEvent.BUTTON1_DOWN_MASK);
        robot.waitForIdle();
    }

    /** Finds a button inside a showing component by name and clicks it. */
    public void clickNamed(String name) {
        click((AbstractButton) awaitShowing(name));
    }

    public String text(String name) {
        JComponent c = awaitShowing(name);
        AtomicReference<String> t = new AtomicReference<>();
        onEdt(() -> t.set(c instanceof javax.swing.JLabel ? ((javax.swing.JLabel) c).getText() : c.toString()));
        return t.get();
    }

    public Optional<BrowserTab> current() {
        return browser.window().current();
    }

    /** A value computed on the Swing thread (component state is read there). */
    public static <T> T onEdtGet(java.util.function.Supplier<T> value) {
        AtomicReference<T> out = new AtomicReference<>();
        onEdt(() -> out.set(value.get()));
        return out.get();
    }

    public static void onEdt(Runnable r) {
        if (SwingUtilities.isEventDispatchThread()) {
            r.run();
            return;
        }
        try {
            SwingUtilities.invokeAndWait(r);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
