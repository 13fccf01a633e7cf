package dev.callsafe.browser;

import java.awt.Component;
import java.awt.Point;
import java.awt.Robot;
import java.awt.event.InputEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import com.google.gson.JsonArray;

import dev.callsafe.browser.shell.BrowserTab;

/**
 * A person's mouse and keyboard: X11 XTest events, the path a real mouse and keyboard take into the X server
 * and from there into the browser, never DevTools input. The mouse goes through {@link Robot} (XTest);
 * keys and text through {@code xdotool} (XTest too), which also types characters the keyboard layout
 * lacks by mapping a spare keycode, as an input method would.
 *
 * <p>Only positions are read through DevTools (an element's box in the page); what the page receives comes
 * from the X server.
 */
public final class PersonInput {
    private final BrowserFixture browser;
    private final Robot robot;

    PersonInput(BrowserFixture browser, Robot robot) {
        this.browser = browser;
        this.robot = robot;
        robot.setAutoDelay(0);
    }

    /** Where a CSS pixel of the tab's viewport is on the screen. */
    public Point screenPoint(BrowserTab tab, double cssX, double cssY) {
        AtomicReference<Point> origin = new AtomicReference<>();
        double[] uiScale = {1};
        BrowserFixture.onEdt(() -> {
            Component page = tab.browser().getUIComponent();
            origin.set(page.getLocationOnScreen());
            if (page.getGraphicsConfiguration() != null) {
                uiScale[0] = page.getGraphicsConfiguration().getDefaultTransform().getScaleX();
            }
        });
        // devicePixelRatio is the page zoom times the screen's scale; Robot and AWT count in the screen's
        // scaled (logical) pixels, so only the zoom converts CSS pixels to them
        double scale = browser.eval(tab, "devicePixelRatio").getAsDouble() / uiScale[0];
        return new Point(origin.get().x + (int) Math.round(cssX * scale),
                origin.get().y + (int) Math.round(cssY * scale));
    }

    /** The screen position of the centre of the first element matching a CSS selector (scrolled into view). */
    public Point elementCentre(BrowserTab tab, String selector) {
        JsonArray at = browser.eval(tab, "(() => { const e = document.querySelector(" + quote(selector) + ");"
                + " if (!e) throw new Error('no element ' + " + quote(selector) + ");"
                + " e.scrollIntoView({block: 'center', inline: 'center'}); const r = e.getBoundingClientRect();"
                + " return [r.x + r.width / 2, r.y + r.height / 2]; })()").getAsJsonArray();
        return screenPoint(tab, at.get(0).getAsDouble(), at.get(1).getAsDouble());
    }

    /** Left click at the centre of a page element. */
    public void click(BrowserTab tab, String selector) {
        click(elementCentre(tab, selector), InputEvent.BUTTON1_DOWN_MASK, 1);
    }

    /** Right click at the centre of a page element. */
    public void rightClick(BrowserTab tab, String selector) {
        click(elementCentre(tab, selector), InputEvent.BUTTON3_DOWN_MASK, 1);
    }

    /**
     * Double click at the centre of a page element, paced as a person clicks (80 ms apart, through
     * xdotool): two XTest clicks sent back to back lost the second press now and then (the page saw one
     * mousedown).
     */
    public void doubleClick(BrowserTab tab, String selector) {
        Point at = elementCentre(tab, selector);
        robot.mouseMove(at.x, at.y);
        robot.waitForIdle();
        xdotool("click", "--repeat", "2", "--delay", "80", "1");
    }

    /** Clicks at a screen position with the given button, {@code count} times in quick succession. */
    public void click(Point at, int buttonMask, int count) {
        robot.mouseMove(at.x, at.y);
        robot.waitForIdle();
        for (int i = 0; i < count; i++) {
            robot.mousePress(buttonMask);
            robot.mouseRelease(buttonMask);
        }
        robot.waitForIdle();
    }

    /** Moves the mouse to a screen position (a presenter pointing at something), without clicking. */
    public void moveTo(Point at) {
        robot.mouseMove(at.x, at.y);
        robot.waitForIdle();
    }

    /** Presses the left button at one point, moves in steps to another and releases it there. */
    public void drag(Point from, Point to) {
        robot.mouseMove(from.x, from.y);
        robot.waitForIdle();
        robot.mousePress(InputEvent.BUTTON1_DOWN_MASK);
        int steps = 10;
        for (int i = 1; i <= steps; i++) {
            robot.mouseMove(from.x + (to.x - from.x) * i / steps, from.y + (to.y - from.y) * i / steps);
            robot.waitForIdle();
        }
        robot.mouseRelease(InputEvent.BUTTON1_DOWN_MASK);
        robot.waitForIdle();
    }

    /** Turns the mouse wheel over a point: positive notches scroll down. */
    public void wheel(Point at, int notches) {
        robot.mouseMove(at.x, at.y);
        robot.waitForIdle();
        robot.mouseWheel(notches);
        robot.waitForIdle();
    }

    /** Types text through the keyboard (non-ASCII characters included). */
    public void type(String text) {
        // 100 ms between keys: xdotool maps a spare keycode for characters the layout lacks and maps it back
        // after each key, and a faster pace lets the X server forget the mapping before AWT reads it.
        xdotool("type", "--delay", "100", "--", text);
    }

    /** Presses a key combination given as X keysyms joined by '+', e.g. {@code ctrl+l}, {@code F5}, {@code Escape}. */
    public void key(String combination) {
        xdotool("key", "--clearmodifiers", combination);
    }

    /**
     * What a person does to windows through the window manager, as xdotool commands: minimising the active
     * window ({@code getactivewindow windowminimize}), bringing one back ({@code search --name X windowactivate}).
     */
    public void windowManager(String... xdotoolCommand) {
        xdotool(xdotoolCommand);
    }

    private void xdotool(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add("xdotool");
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("xdotool did not finish: " + cmd);
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IllegalStateException("xdotool failed (" + p.exitValue() + "): " + out);
            }
        } catch (IOException e) {
            throw new IllegalStateException("xdotool is needed for keyboard input (scripts/ensure-system.sh installs it)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        robot.waitForIdle();
    }

    private static String quote(String s) {
        return new com.google.gson.JsonPrimitive(s).toString();
    }
}
