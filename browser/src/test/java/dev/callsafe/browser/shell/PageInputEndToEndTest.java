package dev.callsafe.browser.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Component;
import java.awt.KeyboardFocusManager;
import java.awt.Point;
import java.time.Duration;

import javax.swing.JTextField;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import dev.callsafe.browser.BrowserFixture;
import dev.callsafe.browser.PersonInput;
import dev.callsafe.browser.Wait;

/**
 * A person's mouse and keyboard reach the page: every event here is an X11 XTest event at a screen position
 * (see {@link PersonInput}), the path a real mouse and keyboard take, so a page that cannot be clicked or
 * typed into fails here (the windowed embedding of CEF under X11 received none of them).
 */
class PageInputEndToEndTest {
    private static final Duration SHORT = Duration.ofSeconds(10);
    private BrowserFixture browser;
    private PersonInput input;
    private BrowserTab tab;

    @BeforeEach
    void open() throws Exception {
        browser = BrowserFixture.get();
        input = browser.input();
        tab = browser.freshTab("/input.html");
    }

    @AfterEach
    void leaveNoMenu() {
        if (!browser.showing("page.menu").isEmpty()) {
            input.key("Escape");
            browser.awaitGone("page.menu");
        }
    }

    private int count(String type, String target) {
        return browser.eval(tab, "seen('" + type + "', '" + target + "').length").getAsInt();
    }

    @Test
    void aClickIsTrustedAndGivesThePageUserActivation() {
        input.click(tab, "#go");
        Wait.until("click on the button", SHORT, () -> count("click", "go") == 1);
        JsonObject click = browser.eval(tab, "seen('click', 'go')[0]").getAsJsonObject();
        assertTrue(click.get("trusted").getAsBoolean(), click.toString());
        assertTrue(click.get("active").getAsBoolean(), "a real click activates the page: " + click);
        assertEquals(1, count("pointerdown", "go"));
        assertEquals(1, count("mousedown", "go"));
    }

    @Test
    void typingReachesAPageFieldIncludingCharactersNotOnTheKeyboard() {
        input.click(tab, "#field");
        Wait.until("field focused", SHORT, () -> browser.eval(tab, "document.activeElement.id").getAsString().equals("field"));
        String text = "Hello w\u00f6rld \u00f1 \u20ac";
        input.type(text);
        Wait.until("typed text in the field", SHORT,
                () -> browser.eval(tab, "document.getElementById('field').value").getAsString().equals(text));
        assertTrue(browser.eval(tab, "seen('keydown', 'field').every(e => e.trusted)").getAsBoolean());
    }

    @Test
    void aDoubleClickSelectsAWord() {
        input.click(tab, "#field"); // the window's first click may only activate it
        input.doubleClick(tab, "#bravo");
        // The last value names the selection and the clicks the page saw, should this time out.
        Wait.value("word selected", SHORT, () -> browser.eval(tab, "[String(getSelection()).trim(), inputLog.filter("
                + "e => /click|mousedown/.test(e.type)).map(e => e.type + ':' + e.target + ':' + e.detail).join(' ')]")
                .getAsJsonArray(), v -> v.get(0).getAsString().equals("bravo"));
        assertEquals(1, count("dblclick", "bravo"));
    }

    @Test
    void draggingMovesARangeSlider() {
        JsonArray box = browser.eval(tab, "(() => { const r = document.getElementById('slider')"
                + ".getBoundingClientRect(); return [r.x, r.y + r.height / 2, r.width]; })()").getAsJsonArray();
        double x = box.get(0).getAsDouble();
        double y = box.get(1).getAsDouble();
        double w = box.get(2).getAsDouble();
        Point from = input.screenPoint(tab, x + 4, y);
        Point to = input.screenPoint(tab, x + w * 0.8, y);
        input.drag(from, to);
        Wait.until("slider moved", SHORT,
                () -> browser.eval(tab, "+document.getElementById('slider').value").getAsInt() >= 60);
    }

    @Test
    void theWheelScrollsThePage() {
        Point over = input.screenPoint(tab, 300, 300);
        input.wheel(over, 5);
        Wait.until("page scrolled", SHORT, () -> browser.eval(tab, "scrollY").getAsDouble() > 0);
        assertTrue(count("wheel", "") > 0);
    }

    @Test
    void ctrlLWithThePageFocusedMovesFocusToTheAddressBar() {
        input.click(tab, "#field");
        Wait.until("field focused", SHORT, () -> browser.eval(tab, "document.activeElement.id").getAsString().equals("field"));
        input.key("ctrl+l");
        Wait.until("address bar focused", SHORT, () -> "nav.address".equals(focusedName()));
    }

    @Test
    void focusGoingIntoThePageDoesNotEchoWithoutEnd() {
        // JCEF's onGotFocus calls setFocus(true), which fires onGotFocus again: unguarded, every focus of a
        // page recursed ~400 deep on the Swing thread until a StackOverflowError (FocusSafeOsrBrowser).
        input.click(tab, "#field");
        Wait.until("field focused", SHORT, () -> browser.eval(tab, "document.activeElement.id").getAsString().equals("field"));
        input.key("ctrl+l");
        Wait.until("address bar focused", SHORT, () -> "nav.address".equals(focusedName()));
        long echoes = org.cef.browser.FocusSafeOsrBrowser.echoesStopped();
        input.click(tab, "#field");
        Wait.until("the page focused again, its echo stopped", SHORT,
                () -> pageFocused(tab.browser().getUIComponent())
                        && org.cef.browser.FocusSafeOsrBrowser.echoesStopped() > echoes);
        input.type("ok");
        Wait.until("typing reaches the page after it", SHORT,
                () -> browser.eval(tab, "document.getElementById('field').value").getAsString().endsWith("ok"));
    }

    @Test
    void tabMovesThroughThePageOnToTheAddressBarAndBack() {
        input.click(tab, "#field");
        Wait.until("field focused", SHORT, () -> browser.eval(tab, "document.activeElement.id").getAsString().equals("field"));
        input.key("Tab");
        Wait.until("the page's next field focused", SHORT,
                () -> browser.eval(tab, "document.activeElement.id").getAsString().equals("slider"));
        input.key("Tab"); // past the page's last field
        Wait.until("address bar focused", SHORT, () -> "nav.address".equals(focusedName()));
        Component page = tab.browser().getUIComponent();
        for (int i = 0; i < 6 && !pageFocused(page); i++) {
            input.key("Tab");
        }
        assertTrue(pageFocused(page), "Tab from the address bar reaches the page; focus is on " + focusedName());
    }

    private static boolean pageFocused(Component page) {
        return BrowserFixture.onEdtGet(page::isFocusOwner);
    }

    @Test
    void ctrlTAndCtrlWOpenAndCloseTabsWhileThePageHasFocus() {
        input.click(tab, "#field");
        int before = browser.browser().window().tabs().size();
        input.key("ctrl+t");
        Wait.until("a new tab", SHORT, () -> browser.browser().window().tabs().size() == before + 1);
        BrowserTab added = browser.current().orElseThrow();
        added.ready().join();
        Wait.until("new tab's page loaded", Duration.ofSeconds(20),
                () -> browser.eval(added, "document.readyState").getAsString().equals("complete"));
        input.click(added, "body");
        input.key("ctrl+w");
        Wait.until("the tab closed", SHORT, () -> browser.browser().window().tabs().size() == before);
    }

    @Test
    void f5ReloadsThePage() {
        browser.eval(tab, "window.marker = 1");
        input.click(tab, "#field");
        input.key("F5");
        Wait.until("reloaded", Duration.ofSeconds(20),
                () -> browser.eval(tab, "window.marker === undefined && document.readyState === 'complete'").getAsBoolean());
    }

    @Test
    void theContextMenuOffersNavigationAndEditingAndSelectAllWorks() {
        input.rightClick(tab, "#words");
        browser.awaitShowing("page.menu");
        for (String item : new String[] {"back", "forward", "reload", "copy", "paste", "selectAll"}) {
            assertEquals(1, browser.showing("page.menu." + item).size(), item);
        }
        browser.clickNamed("page.menu.selectAll");
        browser.awaitGone("page.menu");
        Wait.until("everything selected", SHORT,
                () -> browser.eval(tab, "String(getSelection())").getAsString().contains("alpha bravo charlie"));
    }

    @Test
    void textCopiedInThePageCanBePastedIntoTheAddressBar() {
        input.click(tab, "#field");
        input.type("bravo");
        input.key("ctrl+a");
        Wait.until("typed", SHORT, () -> browser.eval(tab, "document.getElementById('field').value").getAsString().equals("bravo"));
        input.key("ctrl+c");
        input.key("ctrl+l");
        Wait.until("address bar focused", SHORT, () -> "nav.address".equals(focusedName()));
        input.key("ctrl+v");
        JTextField address = (JTextField) browser.awaitShowing("nav.address");
        Wait.until("pasted into the address bar", SHORT,
                () -> BrowserFixture.onEdtGet(address::getText).trim().equals("bravo"));
        // and back: text copied in the address bar is pasted into a page field
        input.key("ctrl+a");
        input.type("charlie");
        input.key("ctrl+a");
        input.key("ctrl+c");
        input.click(tab, "#field");
        input.key("ctrl+a");
        input.key("ctrl+v");
        Wait.until("pasted into the page", SHORT,
                () -> browser.eval(tab, "document.getElementById('field').value").getAsString().equals("charlie"));
    }

    @Test
    void keysThatTypeNothingDoNotEditTheField() {
        input.click(tab, "#field");
        input.type("hello");
        Wait.until("typed", SHORT, () -> browser.eval(tab, "document.getElementById('field').value").getAsString().equals("hello"));
        input.key("ctrl+a");
        // Shift, Ctrl, Home, End and F-keys once reached the page as Delete and emptied a selection.
        input.key("shift");
        input.key("ctrl");
        input.key("Home");
        input.key("shift+End");
        Wait.until("keys seen by the page", SHORT, () -> count("keydown", "field") >= 10);
        assertEquals("hello", browser.eval(tab, "document.getElementById('field').value").getAsString());
        assertEquals("[\"Shift\",\"Control\",\"Home\",\"Shift\",\"End\"]", browser.eval(tab,
                "JSON.stringify(seen('keydown', 'field').slice(-5).map(e => e.key))").getAsString());
    }

    private static String focusedName() {
        return BrowserFixture.onEdtGet(() -> {
            Component c = KeyboardFocusManager.getCurrentKeyboardFocusManager().getFocusOwner();
            return c == null ? null : c.getName();
        });
    }
}
