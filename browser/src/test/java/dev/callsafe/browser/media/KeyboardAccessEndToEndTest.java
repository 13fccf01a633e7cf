package dev.callsafe.browser.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Component;
import java.awt.KeyboardFocusManager;
import java.time.Duration;

import javax.accessibility.AccessibleRole;
import javax.swing.AbstractButton;
import javax.swing.JComponent;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;

import dev.callsafe.browser.BrowserFixture;
import dev.callsafe.browser.PersonInput;
import dev.callsafe.browser.Wait;
import dev.callsafe.browser.shell.BrowserTab;
import dev.callsafe.permissions.Origin;

/**
 * The consent prompt and the share picker by keyboard alone (real key events through XTest): a new prompt is
 * an alert that takes the keyboard only once the person stops typing (nothing typed into the page is lost),
 * Tab reaches its choices, Space answers, Escape dismisses; the picker's items are chosen with arrow keys.
 */
class KeyboardAccessEndToEndTest {
    private static final Duration SHORT = Duration.ofSeconds(15);

    private BrowserFixture browser;
    private PersonInput input;
    private BrowserTab tab;

    @BeforeEach
    void open() throws Exception {
        browser = BrowserFixture.get();
        input = browser.input();
        tab = browser.freshTab("/call.html");
        browser.media().clearSiteData(Origin.of(browser.pages().url("/")));
    }

    @AfterEach
    void cleanUp() {
        browser.stopAllCapture();
        browser.media().clearSiteData(Origin.of(browser.pages().url("/")));
    }

    private static String focusedName() {
        return BrowserFixture.onEdtGet(() -> {
            Component c = KeyboardFocusManager.getCurrentKeyboardFocusManager().getFocusOwner();
            return c == null ? "(none)" : String.valueOf(c.getName());
        });
    }

    /** The focused component's name and its window's (what the failure message says when the focus is elsewhere). */
    private static String focusedNameAndWindow() {
        return BrowserFixture.onEdtGet(() -> {
            java.awt.Window w = KeyboardFocusManager.getCurrentKeyboardFocusManager().getFocusedWindow();
            return focusedName() + " in " + (w == null ? "(no window)" : w.getClass().getSimpleName() + " " + w.getName());
        });
    }

    /** Presses Tab until the named control has the keyboard (at most {@code max} times). */
    private void tabTo(String name, int max) {
        for (int i = 0; i < max && !name.equals(focusedName()); i++) {
            input.key("Tab");
            Wait.until("focus moved", SHORT, () -> !"(none)".equals(focusedName()));
        }
        assertEquals(name, focusedName(), "Tab reaches " + name);
    }

    private JsonObject settled() {
        return Wait.value("getUserMedia settled", SHORT,
                () -> browser.eval(tab, "probe.state()").getAsJsonObject(), x -> x.get("settled").getAsBoolean());
    }

    @Test
    void aPromptWaitsForTypingToEndThenTakesTheKeyboardAndIsAnsweredWithKeys() throws Exception {
        browser.eval(tab, "document.body.insertAdjacentHTML('afterbegin', '<input id=typing>'), true");
        input.click(tab, "#typing");
        String words = "keep typing please";
        Thread typist = new Thread(() -> input.type(words), "typist");
        typist.start();
        Wait.until("typing under way", SHORT,
                () -> browser.eval(tab, "document.getElementById('typing').value.length >= 3").getAsBoolean());
        browser.eval(tab, "probe.start({video: true}), true"); // the page asks while the person types
        JComponent prompt = browser.awaitShowing("consent.prompt");
        assertEquals(AccessibleRole.ALERT, prompt.getAccessibleContext().getAccessibleRole(), "announced as an alert");
        assertTrue(prompt.getAccessibleContext().getAccessibleName().contains("wants to use your camera"),
                prompt.getAccessibleContext().getAccessibleName());
        typist.join(30_000);
        Wait.until("the prompt took the keyboard after the typing", SHORT, () -> "consent.prompt".equals(focusedName()));
        assertEquals(words, browser.eval(tab, "document.getElementById('typing').value").getAsString(),
                "every key typed reached the page");

        tabTo("consent.allow", 4);
        input.key("space");
        JsonObject s = settled();
        assertTrue(s.get("error").isJsonNull(), () -> "allowed by keyboard: " + s);
        browser.awaitGone("consent.prompt");
    }

    @Test
    void escapeDismissesAFocusedPrompt() {
        // The person is in the page: the browser window has the keyboard (after an earlier test's picker or
        // sharing bar closed, the window manager may have left it with no window focused; a prompt never
        // takes the keyboard from another window).
        input.click(tab, "body");
        Wait.until("the page has the keyboard", SHORT,
                () -> BrowserFixture.onEdtGet(() -> tab.browser().getUIComponent().isFocusOwner()));
        browser.eval(tab, "probe.start({audio: true}), true");
        browser.awaitShowing("consent.prompt");
        Wait.value("the prompt has the keyboard", SHORT, KeyboardAccessEndToEndTest::focusedNameAndWindow,
                f -> f.startsWith("consent.prompt "));
        input.key("Escape");
        JsonObject s = settled();
        assertEquals("NotAllowedError", s.getAsJsonObject("error").get("name").getAsString());
        browser.awaitGone("consent.prompt");
    }

    @Test
    void theSharePickerIsUsedWithArrowKeysTabAndSpace() throws Exception {
        BrowserTab caller = browser.freshTab("/share.html");
        BrowserTab first = browser.open(browser.pages().url("/target.html"));
        BrowserTab second = browser.open(browser.pages().url("/target.html"));
        Origin origin = Origin.of(browser.pages().url("/"));
        browser.media().installDisplayCapture(origin);
        try {
            caller.select();
            Wait.until("caller selected", SHORT, () -> browser.current().orElseThrow() == caller);
            browser.evalOnClick(caller, "share.viaUserMedia({video: {mediaSource: 'browser'}})");
            browser.awaitShowing("share.picker");
            String a = "share.picker.browser." + first.id();
            String b = "share.picker.browser." + second.id();
            Wait.value("an item has the keyboard", SHORT, KeyboardAccessEndToEndTest::focusedNameAndWindow,
                    f -> f.startsWith("share.picker.browser."));
            String from = focusedName();
            input.key("Right");
            Wait.until("Right moved to another item", SHORT,
                    () -> !from.equals(focusedName()) && focusedName().startsWith("share.picker.browser."));
            String chosen = focusedName();
            assertTrue(chosen.equals(a) || chosen.equals(b) || chosen.startsWith("share.picker.browser."), chosen);
            assertTrue(BrowserFixture.onEdtGet(() -> ((AbstractButton) browser.awaitShowing(chosen)).isSelected()),
                    "the arrow key chose it");
            tabTo("share.picker.share", 8);
            Wait.until("Share armed", SHORT, () -> BrowserFixture.onEdtGet(
                    () -> browser.awaitShowing("share.picker.share").isEnabled()));
            input.key("space");
            JsonObject s = Wait.value("share settled", Duration.ofSeconds(20),
                    () -> browser.eval(caller, "share.state()").getAsJsonObject(), x -> x.get("settled").getAsBoolean());
            assertTrue(s.get("error").isJsonNull(), () -> "shared by keyboard: " + s);
        } finally {
            // A picker left open (the test failed before answering) stays on top of the page and would take the
            // clicks and keys of later tests in this JVM: closed as its window's close button closes it.
            for (JComponent left : browser.showing("share.picker")) {
                BrowserFixture.onEdt(() -> {
                    java.awt.Window w = javax.swing.SwingUtilities.getWindowAncestor(left);
                    w.dispatchEvent(new java.awt.event.WindowEvent(w, java.awt.event.WindowEvent.WINDOW_CLOSING));
                });
            }
            browser.awaitGone("share.picker");
            browser.eval(caller, "share.stopAll(), true");
            browser.stopAllCapture();
            browser.media().clearSiteData(origin);
        }
    }
}
