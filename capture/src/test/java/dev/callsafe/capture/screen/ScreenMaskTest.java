package dev.callsafe.capture.screen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

class ScreenMaskTest {
    private static final List<Bounds> SCREEN = List.of(new Bounds(0, 0, 1920, 1080));
    private static final Predicate<DesktopWindow> NONE = w -> false;
    private static final ShareTarget.Application EDITOR = new ShareTarget.Application("Editor", 0);

    private static long ids = 100;

    private static DesktopWindow win(String app, int x, int y, int w, int h) {
        return new DesktopWindow(ids++, app + " window", app, app.hashCode() & 0xffff, new Bounds(x, y, w, h));
    }

    /** Checks the mask pixel by pixel against the painter's algorithm on a grid of sample points. */
    private static void assertMatchesPainter(ScreenMask mask, List<DesktopWindow> stack, Predicate<DesktopWindow> authorised,
                                             boolean screenBackground) {
        Bounds f = mask.frame();
        long visibleArea = mask.visible().stream().mapToLong(Bounds::area).sum();
        long hiddenArea = mask.obscured().stream().mapToLong(Bounds::area).sum();
        assertEquals(f.area(), visibleArea + hiddenArea, "visible and obscured tile the frame");
        for (Bounds v : mask.visible()) {
            assertTrue(f.contains(v), v + " inside " + f);
        }
        int stepX = Math.max(1, f.width() / 97);
        int stepY = Math.max(1, f.height() / 89);
        for (int y = f.y(); y < f.bottom(); y += stepY) {
            for (int x = f.x(); x < f.right(); x += stepX) {
                boolean expected = screenBackground;
                for (DesktopWindow w : stack) {
                    if (w.bounds().contains(x, y)) {
                        expected = authorised.test(w);
                    }
                }
                assertEquals(expected, mask.isVisible(x, y), "pixel " + x + "," + y);
            }
        }
    }

    @Test
    void coveringWindowOfAnotherApplicationIsObscured() {
        DesktopWindow editor = win("Editor", 100, 100, 800, 600);
        DesktopWindow chat = win("Chat", 700, 50, 400, 300);
        List<DesktopWindow> stack = List.of(editor, chat);
        ScreenMask m = ScreenMask.compute(stack, SCREEN, EDITOR, NONE);
        assertTrue(m.targetPresent());
        assertEquals(editor.bounds(), m.frame());
        assertFalse(m.isVisible(800, 200), "covered corner");
        assertTrue(m.isVisible(150, 150));
        assertEquals(200L * 250, m.obscured().stream().mapToLong(Bounds::area).sum(), "exactly the overlap is obscured");
        assertMatchesPainter(m, stack, EDITOR::owns, false);
    }

    @Test
    void windowBelowTheSharedOneDoesNotObscureIt() {
        DesktopWindow chat = win("Chat", 700, 50, 400, 300);
        DesktopWindow editor = win("Editor", 100, 100, 800, 600);
        ScreenMask m = ScreenMask.compute(List.of(chat, editor), SCREEN, EDITOR, NONE);
        assertTrue(m.obscured().isEmpty(), m.toString());
    }

    @Test
    void applicationBoxCoversAllItsWindowsAndObscuresEverythingElseInside() {
        DesktopWindow main = win("Editor", 100, 100, 400, 300);
        DesktopWindow palette = win("Editor", 900, 500, 200, 200);
        DesktopWindow between = win("Chat", 550, 150, 300, 300); // inside the box, between the two windows
        DesktopWindow covering = win("Chat", 450, 350, 100, 100); // on top of main's corner
        List<DesktopWindow> stack = List.of(between, main, palette, covering);
        ScreenMask m = ScreenMask.compute(stack, SCREEN, EDITOR, NONE);
        assertEquals(new Bounds(100, 100, 1000, 600), m.frame());
        assertFalse(m.isVisible(600, 200), "a window of another application inside the box");
        assertFalse(m.isVisible(700, 650), "the empty desktop inside the box");
        assertFalse(m.isVisible(460, 360), "covering window");
        assertTrue(m.isVisible(950, 550));
        assertMatchesPainter(m, stack, EDITOR::owns, false);
    }

    @Test
    void pidNarrowsAnApplicationToOneProcess() {
        DesktopWindow a = new DesktopWindow(1, "a", "Editor", 11, new Bounds(0, 0, 100, 100));
        DesktopWindow b = new DesktopWindow(2, "b", "Editor", 22, new Bounds(200, 0, 100, 100));
        ScreenMask m = ScreenMask.compute(List.of(a, b), SCREEN, new ShareTarget.Application("Editor", 11), NONE);
        assertEquals(a.bounds(), m.frame());
        ScreenMask any = ScreenMask.compute(List.of(a, b), SCREEN, new ShareTarget.Application("Editor", 0), NONE);
        assertEquals(new Bounds(0, 0, 300, 100), any.frame());
    }

    @Test
    void windowsPartlyOffScreenAndNegativeCoordinatesAreClippedToTheDesktop() {
        DesktopWindow editor = win("Editor", -200, -100, 600, 400);
        DesktopWindow chat = win("Chat", -50, 250, 300, 300);
        List<DesktopWindow> stack = List.of(editor, chat);
        ScreenMask m = ScreenMask.compute(stack, SCREEN, EDITOR, NONE);
        assertEquals(new Bounds(0, 0, 400, 300), m.frame());
        assertFalse(m.isVisible(10, 260));
        assertTrue(m.isVisible(300, 260));
        assertMatchesPainter(m, stack, EDITOR::owns, false);

        List<Bounds> twoScreens = List.of(new Bounds(-1280, 0, 1280, 1024), new Bounds(0, 0, 1920, 1080));
        ScreenMask left = ScreenMask.compute(stack, twoScreens, EDITOR, NONE);
        assertEquals(new Bounds(-200, 0, 600, 300), left.frame(), "a screen left of the primary one");
        ScreenMask screen0 = ScreenMask.compute(stack, twoScreens, new ShareTarget.Screen(0), NONE);
        assertEquals(twoScreens.get(0), screen0.frame());
    }

    @Test
    void applicationWhollyOffScreenOrGoneHasNoFrame() {
        ScreenMask off = ScreenMask.compute(List.of(win("Editor", 3000, 0, 100, 100)), SCREEN, EDITOR, NONE);
        assertTrue(off.targetPresent());
        assertTrue(off.frame().isEmpty());
        ScreenMask gone = ScreenMask.compute(List.of(win("Chat", 0, 0, 100, 100)), SCREEN, EDITOR, NONE);
        assertFalse(gone.targetPresent());
        assertFalse(ScreenMask.compute(List.of(), SCREEN, new ShareTarget.Screen(1), NONE).targetPresent());
    }

    @Test
    void screenShareMasksAlwaysMaskedWindowsButShowsWindowsAboveThem() {
        DesktopWindow browser = win("Callsafe", 0, 0, 1000, 800);
        DesktopWindow browserDialog = win("Callsafe", 1200, 100, 300, 200);
        DesktopWindow terminal = win("Terminal", 500, 400, 600, 400);
        List<DesktopWindow> stack = List.of(browser, terminal, browserDialog);
        Predicate<DesktopWindow> ours = w -> w.application().equals("Callsafe");
        ScreenMask m = ScreenMask.compute(stack, SCREEN, new ShareTarget.Screen(0), ours);
        assertEquals(SCREEN.get(0), m.frame());
        assertFalse(m.isVisible(100, 100));
        assertTrue(m.isVisible(600, 500), "terminal above the browser is shown");
        assertFalse(m.isVisible(1250, 150));
        assertTrue(m.isVisible(1800, 1000), "the desktop itself");
        assertMatchesPainter(m, stack, ours.negate(), true);
    }

    @Test
    void screenShareMasksWindowsOfUnknownApplication() {
        DesktopWindow unknown = new DesktopWindow(77, "", "", 0, new Bounds(100, 100, 200, 200));
        DesktopWindow terminal = win("Terminal", 150, 150, 50, 50);
        List<DesktopWindow> stack = List.of(unknown, terminal);
        ScreenMask m = ScreenMask.compute(stack, SCREEN, new ShareTarget.Screen(0), NONE);
        assertFalse(m.isVisible(110, 110), "no WM_CLASS: could be the browser's");
        assertTrue(m.isVisible(160, 160), "a known window above it");
        assertMatchesPainter(m, stack, w -> !w.application().isEmpty(), true);
    }

    @Test
    void alwaysMaskedWindowIsNeverAuthorisedEvenForItsOwnApplication() {
        DesktopWindow a = win("Editor", 0, 0, 400, 400);
        DesktopWindow secret = win("Editor", 100, 100, 100, 100);
        ScreenMask m = ScreenMask.compute(List.of(a, secret), SCREEN, EDITOR, w -> w == secret);
        assertFalse(m.isVisible(150, 150));
        assertTrue(m.isVisible(50, 50));
    }

    @Test
    void singleWindowTarget() {
        DesktopWindow a = win("Editor", 0, 0, 400, 400);
        DesktopWindow b = win("Editor", 300, 300, 400, 400);
        ScreenMask m = ScreenMask.compute(List.of(a, b), SCREEN, new ShareTarget.Window(a.id()), NONE);
        assertEquals(a.bounds(), m.frame());
        assertFalse(m.isVisible(350, 350), "the application's other window covers it");
        assertFalse(ScreenMask.compute(List.of(b), SCREEN, new ShareTarget.Window(a.id()), NONE).targetPresent());
    }

    @Test
    void hundredsOfRandomWindowsMatchThePaintersAlgorithm() {
        Random r = new Random(42);
        for (int round = 0; round < 5; round++) {
            List<DesktopWindow> stack = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                String app = r.nextInt(4) == 0 ? "Editor" : "Other" + r.nextInt(20);
                stack.add(win(app, r.nextInt(2400) - 300, r.nextInt(1400) - 200, 1 + r.nextInt(700), 1 + r.nextInt(500)));
            }
            ScreenMask m = ScreenMask.compute(stack, SCREEN, EDITOR, NONE);
            assertMatchesPainter(m, stack, EDITOR::owns, false);
            ScreenMask s = ScreenMask.compute(stack, SCREEN, new ShareTarget.Screen(0), w -> w.application().equals("Editor"));
            assertMatchesPainter(s, stack, w -> !w.application().equals("Editor"), true);
        }
    }
}
