package dev.callsafe.capture.screen;

import java.awt.Color;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Test fixture: solid-colour X windows owned by a CHILD JVM ({@link ColourWindowsApp}), so they belong to another
 * application than the test's (and the browser's) process. Every command waits, with a deadline, until the
 * X server shows its effect (the window viewable at its bounds, on top after a raise, gone after a close).
 * Under Xvfb with or without a window manager (openbox honours the placement a program asks for), windows
 * appear where placed and a new or raised window has no window above it that overlaps it.
 */
public final class ColourWindows implements AutoCloseable {
    /** Deadline for each command and its visible effect. */
    public static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final Process process;
    private final Writer commands;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    private final long pid;
    private final X11WindowInventory inventory;

    private ColourWindows(Process process, X11WindowInventory inventory) throws IOException {
        this.process = process;
        this.inventory = inventory;
        this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    answers.add(line);
                }
            } catch (IOException e) {
                answers.add("error " + e);
            }
            answers.add("error child exited");
        }, "colour-windows-reader");
        reader.setDaemon(true);
        reader.start();
        String ready = answer();
        if (!ready.startsWith("ready ")) {
            throw new IOException("colour windows child did not start: " + ready);
        }
        this.pid = Long.parseLong(ready.substring(6).trim());
    }

    /** Starts the child JVM on the current DISPLAY with this JVM's class path. */
    public static ColourWindows start() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Djava.awt.headless=false", "-Xmx64m",
                "-cp", System.getProperty("java.class.path"), ColourWindowsApp.class.getName());
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        return new ColourWindows(pb.start(), X11WindowInventory.open());
    }

    /** The child's process id (what its windows carry as _NET_WM_PID, when AWT sets it). */
    public long pid() {
        return pid;
    }

    /**
     * Opens a window of one colour at {@code bounds} and waits until the X server shows it there, on top, and
     * its child has painted it (the centre of its on-screen part has the colour).
     */
    public DesktopWindow open(String name, Color colour, Bounds bounds) throws IOException {
        long id = command("open " + name + " " + String.format("%06x", colour.getRGB() & 0xffffff) + " "
                + bounds.x() + " " + bounds.y() + " " + bounds.width() + " " + bounds.height());
        DesktopWindow w = awaitWindow("window " + name + " shown at " + bounds + " on top",
                ws -> uncovered(ws, id, name).filter(t -> t.bounds().equals(bounds)).isPresent(), id, name);
        Bounds onScreen = bounds.intersection(inventory.rootBounds());
        if (!onScreen.isEmpty()) {
            awaitColour(name, onScreen.x() + onScreen.width() / 2, onScreen.y() + onScreen.height() / 2, colour);
        }
        return w;
    }

    private void awaitColour(String name, int x, int y, Color colour) throws IOException {
        try (X11ScreenGrabber grabber = X11ScreenGrabber.on(inventory.connection(), false, false)) {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            int rgb = -1;
            while (System.nanoTime() < deadline) {
                java.nio.ByteBuffer px = grabber.grab(new Bounds(x, y, 1, 1));
                rgb = (px.get(2) & 0xff) << 16 | (px.get(1) & 0xff) << 8 | (px.get(0) & 0xff);
                if (rgb == (colour.getRGB() & 0xffffff)) {
                    return;
                }
                pollPause();
            }
            throw new AssertionError("timed out after " + TIMEOUT + " waiting for window " + name + " to be painted "
                    + colour + " at " + x + "," + y + "; last pixel " + Integer.toHexString(rgb));
        }
    }

    /** Raises a window and waits until it is the top-most. */
    public DesktopWindow raise(String name) throws IOException {
        long id = command("raise " + name);
        return awaitWindow("window " + name + " on top", ws -> uncovered(ws, id, name).isPresent(), id, name);
    }

    /**
     * The child's window {@code name} when no window above it overlaps it: "on top" as far as its pixels go.
     * A window manager keeps windows of its own above (a 1x1 helper off-screen) and honours always-on-top
     * windows (the browser's sharing bar), so the last window of the stack need not be the new one.
     */
    private static java.util.Optional<DesktopWindow> uncovered(List<DesktopWindow> bottomFirst, long id, String name) {
        for (int i = 0; i < bottomFirst.size(); i++) {
            DesktopWindow w = bottomFirst.get(i);
            if (sameWindow(w, id, name)) {
                for (DesktopWindow above : bottomFirst.subList(i + 1, bottomFirst.size())) {
                    if (above.bounds().intersects(w.bounds())) {
                        return java.util.Optional.empty();
                    }
                }
                return java.util.Optional.of(w);
            }
        }
        return java.util.Optional.empty();
    }

    /** Moves/resizes a window and waits until the X server has it there. */
    public DesktopWindow move(String name, Bounds bounds) throws IOException {
        long id = command("move " + name + " " + bounds.x() + " " + bounds.y() + " " + bounds.width() + " " + bounds.height());
        return awaitWindow("window " + name + " at " + bounds,
                ws -> ws.stream().anyMatch(w -> sameWindow(w, id, name) && w.bounds().equals(bounds)), id, name);
    }

    /** Paints a window in another colour (its content changes, the window stays) and waits until the screen shows it. */
    public void paint(String name, Color colour, Bounds bounds) throws IOException {
        command("paint " + name + " " + String.format("%06x", colour.getRGB() & 0xffffff));
        awaitColour(name, bounds.x() + bounds.width() / 2, bounds.y() + bounds.height() / 2, colour);
    }

    /**
     * Draws one rectangle ({@code rect}, window coordinates) into a window and waits until the screen shows it at
     * {@code visible} (screen coordinates, a point of it no other window covers).
     */
    public void draw(String name, Color colour, Bounds rect, java.awt.Point visible) throws IOException {
        command("rect " + name + " " + rect.x() + " " + rect.y() + " " + rect.width() + " " + rect.height() + " "
                + String.format("%06x", colour.getRGB() & 0xffffff));
        awaitColour(name, visible.x, visible.y, colour);
    }

    /** Makes a window change colour every 16 ms (a moving picture for benchmarks). */
    public void animate(String name) throws IOException {
        command("animate " + name);
    }

    /** Keeps a window moving (2 px every 10 ms, right and back over {@code range} px) until it is closed. */
    public void drift(String name, int range) throws IOException {
        command("drift " + name + " " + range);
    }

    /** Closes a window and waits until it is no longer viewable. */
    public void close(String name, DesktopWindow window) throws IOException {
        command("close " + name);
        awaitWindow("window " + name + " gone", ws -> ws.stream().noneMatch(w -> w.id() == window.id()), 0, null);
    }

    /** The child's windows as the inventory sees them now, bottom first. */
    public List<DesktopWindow> windows() throws IOException {
        List<DesktopWindow> out = new ArrayList<>();
        for (DesktopWindow w : inventory.windows()) {
            if (w.pid() == pid || w.title().startsWith("colour-")) {
                out.add(w);
            }
        }
        return out;
    }

    /**
     * Whether the inventory's window is the child's window {@code name}: the same X window, or, under a
     * window manager, the frame around it (the inventory lists frames; titles name the colour windows).
     */
    private static boolean sameWindow(DesktopWindow w, long id, String name) {
        return w.id() == id || ("colour-" + name).equals(w.title());
    }

    private DesktopWindow awaitWindow(String what, Predicate<List<DesktopWindow>> condition, long id, String name)
            throws IOException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        List<DesktopWindow> last = List.of();
        while (System.nanoTime() < deadline) {
            last = inventory.windows();
            if (condition.test(last)) {
                return last.stream().filter(w -> name == null ? w.id() == id : sameWindow(w, id, name)).findFirst().orElse(null);
            }
            pollPause();
        }
        throw new AssertionError("timed out after " + TIMEOUT + " waiting for " + what + "; windows: " + last);
    }

    /** Poll interval of a wait loop that checks its condition each round (not synchronisation by sleeping). */
    static void pollPause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        }
    }

    private long command(String line) throws IOException {
        commands.write(line + "\n");
        commands.flush();
        String a = answer();
        if (!a.startsWith("ok ")) {
            throw new IOException("colour windows: '" + line + "' -> " + a);
        }
        return Long.parseLong(a.substring(3).trim());
    }

    private String answer() throws IOException {
        try {
            String a = answers.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (a == null) {
                throw new IOException("colour windows child did not answer within " + TIMEOUT);
            }
            return a;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Quits the child (its windows go with it) and waits for it to exit; kills it after the deadline. */
    @Override
    public void close() {
        try {
            commands.write("quit\n");
            commands.flush();
        } catch (IOException ignored) {
            // the child is gone already
        }
        try {
            if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        } finally {
            inventory.close();
        }
    }
}
