package dev.callsafe.plugins.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.AWTEvent;
import java.awt.BorderLayout;
import java.awt.Component;
import java.awt.Container;
import java.awt.Dimension;
import java.awt.Point;
import java.awt.Robot;
import java.awt.Toolkit;
import java.awt.event.AWTEventListener;
import java.awt.event.InputEvent;
import java.awt.event.MouseEvent;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;

import javax.swing.JButton;
import javax.swing.JFrame;
import javax.swing.JPanel;
import javax.swing.SwingUtilities;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.callsafe.permissions.ConsentAnswer;
import dev.callsafe.permissions.MediaKind;
import dev.callsafe.permissions.MediaRequest;
import dev.callsafe.permissions.Origin;

/**
 * Issue 10 item 10: the prompt's buttons re-arm whenever the prompt appears, changes or moves under the
 * pointer. Real clicks (XTest through {@link Robot}) on a real window: one landing within the arming delay
 * after a change does nothing, one after it answers.
 */
class ConsentPromptArmingTest {
    private static final MediaRequest CAMERA = MediaRequest.fromMainFrame(Origin.of("https://meet.example"),
            Set.of(MediaKind.CAMERA));

    private JFrame frame;
    private ConsentPrompt prompt;
    private JPanel devices;
    private final AtomicReference<ConsentAnswer> answer = new AtomicReference<>();
    private final AtomicInteger presses = new AtomicInteger();
    private final AtomicInteger releases = new AtomicInteger();
    private final AtomicBoolean pressedArmed = new AtomicBoolean();
    private final AWTEventListener mouse = e -> {
        MouseEvent m = (MouseEvent) e;
        if (m.getID() == MouseEvent.MOUSE_PRESSED) {
            pressedArmed.set(prompt.armed());
            presses.incrementAndGet();
        } else if (m.getID() == MouseEvent.MOUSE_RELEASED) {
            releases.incrementAndGet();
        }
    };
    private Robot robot;

    @BeforeEach
    void show() throws Exception {
        robot = new Robot();
        Toolkit.getDefaultToolkit().addAWTEventListener(mouse, AWTEvent.MOUSE_EVENT_MASK);
        JPanel below = new JPanel();
        SwingUtilities.invokeAndWait(() -> {
            frame = new JFrame("prompt arming");
            frame.getContentPane().add(below, BorderLayout.CENTER);
            frame.setSize(900, 300);
            frame.setLocation(40, 40);
            frame.setVisible(true);
        });
        awaitPointerReaches(below);
        // The prompt appears in a window that is mapped, placed and takes input, as in a tab's chrome.
        SwingUtilities.invokeAndWait(() -> {
            prompt = new ConsentPrompt(CAMERA, answer::set);
            devices = new JPanel();
            devices.setPreferredSize(new Dimension(300, 20));
            prompt.attach(devices, () -> { });
            frame.getContentPane().add(prompt, BorderLayout.NORTH);
            frame.getContentPane().validate();
        });
    }

    /**
     * Moves the real pointer over {@code target} until the window reports it: a window shown but not yet
     * mapped or still being placed by the window manager loses clicks (CI saw one land on the root window).
     */
    private void awaitPointerReaches(Component target) throws InterruptedException {
        AtomicBoolean reached = new AtomicBoolean();
        java.awt.event.MouseMotionListener motion = new java.awt.event.MouseMotionAdapter() {
            @Override
            public void mouseMoved(MouseEvent e) {
                reached.set(true);
            }
        };
        target.addMouseMotionListener(motion);
        try {
            long deadline = System.nanoTime() + 10_000_000_000L;
            int step = 0;
            while (!reached.get()) {
                assertTrue(System.nanoTime() < deadline, "timed out waiting for the pointer to reach the window");
                Point p = onEdt(() -> target.isShowing() ? target.getLocationOnScreen() : null);
                if (p != null) {
                    int d = 20 + (step++ % 10) * 5;
                    robot.mouseMove(p.x + d, p.y + d);
                }
                Thread.sleep(50); // polling a condition, not synchronising by time
            }
        } finally {
            target.removeMouseMotionListener(motion);
        }
    }

    @AfterEach
    void hide() throws Exception {
        Toolkit.getDefaultToolkit().removeAWTEventListener(mouse);
        SwingUtilities.invokeAndWait(frame::dispose);
    }

    private static <T> T onEdt(Supplier<T> s) {
        AtomicReference<T> out = new AtomicReference<>();
        try {
            SwingUtilities.invokeAndWait(() -> out.set(s.get()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return out.get();
    }

    private static void until(String what, Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.get()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
            Thread.sleep(10); // polling a condition, not synchronising by time
        }
    }

    private static JButton named(Container c, String name) {
        for (Component child : c.getComponents()) {
            if (name.equals(child.getName())) {
                return (JButton) child;
            }
            if (child instanceof Container) {
                JButton b = named((Container) child, name);
                if (b != null) {
                    return b;
                }
            }
        }
        return null;
    }

    /**
     * A real click on Allow's centre; returns once the window got both the press and the release. A click
     * the window never got (it was not mapped yet, or the window manager was still placing it) is sent
     * again at the button's new position: CI saw one land on the root window.
     */
    private void clickAllow() throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        int pressed = presses.get();
        int released = releases.get();
        while (true) {
            Point at = onEdt(() -> {
                JButton allow = named(prompt, "consent.allow");
                Point p = allow.getLocationOnScreen();
                return new Point(p.x + allow.getWidth() / 2, p.y + allow.getHeight() / 2);
            });
            robot.mouseMove(at.x, at.y);
            robot.mousePress(InputEvent.BUTTON1_DOWN_MASK);
            robot.mouseRelease(InputEvent.BUTTON1_DOWN_MASK);
            long retry = Math.min(deadline, System.nanoTime() + 3_000_000_000L);
            while (presses.get() == pressed && System.nanoTime() < retry) {
                Thread.sleep(10); // polling a condition, not synchronising by time
            }
            if (presses.get() > pressed) {
                break;
            }
            assertTrue(System.nanoTime() < deadline, "timed out waiting for the click delivered");
        }
        until("the release delivered", () -> releases.get() > released);
        onEdt(() -> true); // whatever the click caused has run on the Swing thread
    }

    private void awaitArmed() throws InterruptedException {
        until("armed", () -> onEdt(prompt::armed));
    }

    /** The changes that move or alter the prompt under the pointer. */
    private Consumer<ConsentPrompt> change(String kind) {
        switch (kind) {
            case "allow relabelled": return p -> p.setAllowText("Take over");
            case "request merged": return p -> p.update(CAMERA.withKinds(Set.of(MediaKind.CAMERA, MediaKind.MICROPHONE)));
            case "devices changed": return p -> devices.putClientProperty(DeviceChooser.OPTIONS, Math.random());
            case "relaid out": return p -> {
                devices.setPreferredSize(new Dimension(300, 60));
                p.revalidate();
                p.getParent().validate();
            };
            case "window moved": return p -> frame.setLocation(frame.getX() + 60, frame.getY() + 30);
            default: throw new IllegalArgumentException(kind);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"allow relabelled", "request merged", "devices changed", "relaid out", "window moved"})
    void aClickRightAfterAChangeDoesNothingAndOneAfterTheDelayAnswers(String kind) throws Exception {
        awaitArmed();
        // A slow machine may deliver the click only after the delay: then it proves nothing, so try again.
        for (int attempt = 0; attempt < 3; attempt++) {
            awaitArmed();
            SwingUtilities.invokeAndWait(() -> change(kind).accept(prompt));
            if (kind.equals("window moved")) {
                // The window manager moves the window: wait until the prompt is where it was sent.
                until("window moved", () -> onEdt(() -> !prompt.armed()));
            }
            assertFalse(onEdt(prompt::armed), "disarmed by the change");
            clickAllow();
            if (!pressedArmed.get()) {
                break;
            }
        }
        assertFalse(pressedArmed.get(), "the click never landed within the arming delay (machine too slow)");
        assertNull(answer.get(), "a click within the delay after the change does nothing");
        awaitArmed();
        clickAllow();
        assertEquals(ConsentAnswer.ALLOW_ONCE, answer.get(), "a click after the delay answers");
    }

    @Test
    void aClickRightAfterAppearingDoesNothing() throws Exception {
        // The prompt was just shown: its buttons are not armed yet.
        until("shown", () -> onEdt(prompt::isShowing));
        assertFalse(onEdt(prompt::armed));
        clickAllow();
        if (pressedArmed.get()) {
            // The machine delivered the click after the arming delay: it answered, as a late click should.
            assertEquals(ConsentAnswer.ALLOW_ONCE, answer.get(), "a click after the delay answers");
            return;
        }
        assertNull(answer.get(), "a click within the delay after appearing does nothing");
        awaitArmed();
        clickAllow();
        assertEquals(ConsentAnswer.ALLOW_ONCE, answer.get());
    }
}
