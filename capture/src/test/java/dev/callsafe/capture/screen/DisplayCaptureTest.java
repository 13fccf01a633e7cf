package dev.callsafe.capture.screen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.callsafe.capture.video.VideoFrame;
import dev.callsafe.capture.video.VideoSource;

/**
 * Pixel-level tests of masked capture under Xvfb: "shared" and "other" are two child processes showing
 * solid-colour windows (same WM_CLASS, different pids, so the share names the shared one by pid too).
 */
class DisplayCaptureTest {
    private static final Color GREEN = new Color(0, 200, 0);
    private static final Color RED = new Color(230, 0, 0);
    private static final Color BLUE = new Color(0, 0, 230);

    private ColourWindows shared;
    private ColourWindows other;
    private final AtomicReference<VideoFrame> latest = new AtomicReference<>();
    private final AtomicReference<String> leak = new AtomicReference<>();

    @BeforeEach
    void start() throws IOException {
        shared = ColourWindows.start();
        other = ColourWindows.start();
    }

    @AfterEach
    void stop() {
        shared.close();
        other.close();
    }

    private ShareTarget.Application sharedApp(DesktopWindow any) {
        return new ShareTarget.Application(any.application(), shared.pid());
    }

    /** Keeps the newest frame and records the first frame in which {@code forbidden} shows. */
    private VideoSource watch(VideoSource source, Color... forbidden) {
        source.addSink(f -> {
            for (Color c : forbidden) {
                String found = I420Pixels.find(f, c);
                if (found != null) {
                    leak.compareAndSet(null, found);
                }
            }
            latest.set(f);
        });
        return source;
    }

    private VideoFrame awaitFrame(String what, Predicate<VideoFrame> condition) {
        long deadline = System.nanoTime() + ColourWindows.TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            VideoFrame f = latest.get();
            if (f != null && condition.test(f)) {
                return f;
            }
            ColourWindows.pollPause();
        }
        VideoFrame f = latest.get();
        throw new AssertionError("timed out waiting for a frame where " + what + "; last frame: "
                + (f == null ? "none" : f.width() + "x" + f.height() + " #" + f.sequence()));
    }

    @Test
    void sharedApplicationArrivesAndACoveringWindowOfAnotherApplicationIsGrey() throws Exception {
        DesktopWindow green = shared.open("green", GREEN, new Bounds(100, 100, 400, 300));
        other.open("red", RED, new Bounds(400, 300, 300, 200)); // covers green's bottom-right 100x100
        try (VideoSource source = watch(DisplayCapture.open(sharedApp(green), ShareOptions.grey(30)), RED)) {
            VideoFrame f = awaitFrame("green arrives and the covered corner is grey",
                    fr -> I420Pixels.is(fr, 50, 50, GREEN) && I420Pixels.isGrey(fr, 350, 250));
            assertEquals(400, f.width());
            assertEquals(300, f.height());
            assertTrue(I420Pixels.is(f, 299, 199, GREEN) || I420Pixels.isGrey(f, 299, 199));
            assertTrue(I420Pixels.is(f, 298, 250, GREEN), "left of the cover");
            assertTrue(I420Pixels.isGrey(f, 300, 200) && I420Pixels.isGrey(f, 399, 299), "cover's corners");
            awaitFrame("a few more frames", fr -> fr.sequence() >= f.sequence() + 3 || fr.sequence() >= 5);
        }
        assertNull(leak.get());
    }

    @Test
    void aWindowRaisedOnTopIsMaskedFromTheNextFrameOnAndNeverShows() throws Exception {
        DesktopWindow green = shared.open("green", GREEN, new Bounds(200, 150, 400, 300));
        other.open("blue", BLUE, new Bounds(900, 150, 200, 200)); // elsewhere for now
        try (VideoSource source = watch(DisplayCapture.open(sharedApp(green), ShareOptions.grey(30)), BLUE)) {
            awaitFrame("all green", fr -> I420Pixels.is(fr, 10, 10, GREEN) && I420Pixels.is(fr, 390, 290, GREEN));
            other.move("blue", new Bounds(300, 250, 200, 100)); // inside green's box: x 100..300, y 100..200
            other.raise("blue");
            awaitFrame("the blue window's area grey", fr -> I420Pixels.isGrey(fr, 150, 150) && I420Pixels.is(fr, 50, 50, GREEN));
            DesktopWindow popup = other.open("popup", BLUE, new Bounds(180, 130, 60, 60)); // a new window on top
            awaitFrame("the new window's area grey", fr -> I420Pixels.isGrey(fr, 30, 30));
            other.close("popup", popup);
            awaitFrame("green again where the popup was", fr -> I420Pixels.is(fr, 30, 30, GREEN));
            shared.raise("green");
            awaitFrame("green on top again", fr -> I420Pixels.is(fr, 150, 150, GREEN));
        }
        assertNull(leak.get());
    }

    @Test
    void aWindowMovingOverTheSharedOneNeverShowsAndFramesKeepComing() throws Exception {
        DesktopWindow green = shared.open("green", GREEN, new Bounds(100, 100, 500, 300));
        other.open("red", RED, new Bounds(120, 150, 100, 100));
        try (VideoSource source = watch(DisplayCapture.open(sharedApp(green), ShareOptions.grey(30)), RED)) {
            VideoFrame first = awaitFrame("green and the red window's area grey",
                    fr -> I420Pixels.is(fr, 400, 50, GREEN) && I420Pixels.isGrey(fr, 70, 100));
            other.drift("red", 300);
            // a moving window changes the stack every 10 ms: frames still come, none shows it
            awaitFrame("30 more frames while it moves", fr -> fr.sequence() >= first.sequence() + 30);
            MaskedScreenSource s = (MaskedScreenSource) source;
            System.out.println("moving window: raced ticks " + s.racedTicks + ", converted " + s.convertedFrames);
        }
        assertNull(leak.get());
    }

    /** Where {@link #greenWithCoveredCorner} puts the shared window. */
    private static final Bounds GREEN_AT = new Bounds(100, 100, 400, 300);

    /** A shared green window with another application's red window over its bottom-right corner. */
    private DesktopWindow greenWithCoveredCorner() throws IOException {
        DesktopWindow green = shared.open("green", GREEN, GREEN_AT);
        other.open("red", RED, new Bounds(400, 300, 300, 200));
        return green;
    }

    /**
     * The first frame of {@link #greenWithCoveredCorner} with the covered corner grey; the test is skipped where
     * the X server does not report what is drawn (the share then never grabs rows alone).
     */
    private VideoFrame awaitCoveredGreen(MaskedScreenSource s) {
        org.junit.jupiter.api.Assumptions.assumeTrue(s.tracksDamage(), "the X server has no DAMAGE extension");
        return awaitFrame("green with its covered corner grey",
                fr -> I420Pixels.is(fr, 50, 50, GREEN) && I420Pixels.isGrey(fr, 350, 250));
    }

    /**
     * With the X server's damage (issue 12): a still screen is not grabbed at all between the once-a-second whole
     * grabs, a masked window repainting 60 times a second costs no grab either, and a repaint of the shared
     * window arrives through a grab of its rows only.
     */
    @Test
    void onlyRowsDrawnToOutsideTheMaskAreGrabbedAgain() throws Exception {
        DesktopWindow green = greenWithCoveredCorner();
        try (VideoSource source = watch(DisplayCapture.open(sharedApp(green), ShareOptions.grey(30)), RED)) {
            MaskedScreenSource s = (MaskedScreenSource) source;
            awaitCoveredGreen(s);
            other.animate("red"); // repaints the masked window, changing its colour, every 16 ms
            long ticks0 = s.ticks.get();
            long whole0 = s.wholeGrabs.get();
            long rows0 = s.rowGrabs.get();
            long t0 = System.nanoTime();
            awaitFrame("60 ticks later", fr -> s.ticks.get() >= ticks0 + 60);
            long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
            assertEquals(0, s.rowGrabs.get() - rows0, "rows grabbed again while only a masked window was drawn to");
            assertTrue(s.wholeGrabs.get() - whole0 <= seconds + 2,
                    () -> (s.wholeGrabs.get() - whole0) + " whole grabs in " + seconds + " s of a still shared window");
            shared.paint("green", BLUE, GREEN_AT);
            VideoFrame blue = awaitFrame("the shared window's new colour",
                    fr -> I420Pixels.is(fr, 50, 50, BLUE) && I420Pixels.isGrey(fr, 350, 250));
            assertTrue(s.rowGrabs.get() > rows0, "the repaint came through a grab of the rows drawn to");
            // and the frame says which rows changed, so the pipe to the page compares only those
            assertTrue(blue.changedRowsSincePrevious().isPresent(), "changed rows named");
        }
        assertNull(leak.get());
    }

    /**
     * A drawing of a few pixels converts only its own columns of the strips it touches and is patched into a copy
     * of the last frame: the frame must still equal a whole grab and conversion of the same screen, byte for byte,
     * with the covering window's part grey. The drawing straddles the covering window's edges and a strip boundary.
     */
    @Test
    void aSmallDrawingIsPatchedIntoTheLastFrameAndEqualsAWholeConversion() throws Exception {
        DesktopWindow green = greenWithCoveredCorner();
        try (VideoSource source = watch(DisplayCapture.open(sharedApp(green), ShareOptions.grey(30)), RED)) {
            MaskedScreenSource s = (MaskedScreenSource) source;
            VideoFrame before = awaitCoveredGreen(s);
            long rows0 = s.rowGrabs.get();
            // window coordinates 281..318 x 181..218: across the cover's left edge (x 300), its top (y 200) and
            // the strip boundary at row 192
            shared.draw("green", BLUE, new Bounds(281, 181, 37, 37), new java.awt.Point(100 + 290, 100 + 190));
            VideoFrame patched = awaitFrame("the drawing", fr -> fr.sequence() > before.sequence()
                    && I420Pixels.is(fr, 290, 210, BLUE) && I420Pixels.is(fr, 310, 190, BLUE));
            assertTrue(s.rowGrabs.get() > rows0, "the drawing came through a grab of the rows drawn to");
            assertTrue(I420Pixels.isGrey(patched, 310, 210), "the covered part of the drawing is grey");
            assertTrue(I420Pixels.is(patched, 270, 190, GREEN) && I420Pixels.is(patched, 330, 185, GREEN),
                    "beside the drawing, in the same strip, the last frame's green");

            AtomicReference<VideoFrame> whole = new AtomicReference<>();
            try (VideoSource fresh = DisplayCapture.open(sharedApp(green), ShareOptions.grey(30))) {
                fresh.addSink(f -> whole.compareAndSet(null, f));
                long deadline = System.nanoTime() + ColourWindows.TIMEOUT.toNanos();
                while (whole.get() == null && System.nanoTime() < deadline) {
                    ColourWindows.pollPause();
                }
            }
            assertNotNull(whole.get(), "a frame from a second share of the same window");
            VideoFrame last = latest.get();
            assertEquals(whole.get().width(), last.width());
            assertArrayEquals(whole.get().i420(), last.i420(), "patched frame equals a whole conversion");
        }
        assertNull(leak.get());
    }

    @Test
    void freezeKeepsTheLastVisiblePixelsUnderACoveringWindow() throws Exception {
        DesktopWindow green = shared.open("green", GREEN, new Bounds(100, 100, 300, 200));
        ShareOptions freeze = new ShareOptions(OcclusionStyle.FREEZE, 30, w -> false);
        try (VideoSource source = watch(DisplayCapture.open(sharedApp(green), freeze), RED)) {
            VideoFrame before = awaitFrame("green", fr -> I420Pixels.is(fr, 150, 100, GREEN));
            other.open("red", RED, new Bounds(200, 150, 100, 100));
            // the frame size stays, the covered area keeps green and the window above never shows
            VideoFrame after = awaitFrame("frames after the cover",
                    fr -> fr.sequence() > before.sequence() + 5);
            assertTrue(I420Pixels.is(after, 150, 100, GREEN), "frozen green, not grey");
        }
        assertNull(leak.get());
    }

    @Test
    void applicationBoxCoversAllItsWindowsAndObscuresOthersBetweenThem() throws Exception {
        DesktopWindow green = shared.open("green", GREEN, new Bounds(50, 60, 200, 150));
        shared.open("blue", BLUE, new Bounds(600, 400, 200, 150));
        other.open("red", RED, new Bounds(300, 250, 100, 100));
        try (VideoSource source = watch(DisplayCapture.open(sharedApp(green), ShareOptions.grey(30)), RED)) {
            VideoFrame f = awaitFrame("both windows", fr -> I420Pixels.is(fr, 100, 75, GREEN) && I420Pixels.is(fr, 650, 440, BLUE));
            assertEquals(750, f.width());
            assertEquals(490, f.height());
            assertTrue(I420Pixels.isGrey(f, 300, 240), "the other application's window between them");
            assertTrue(I420Pixels.isGrey(f, 500, 100), "the desktop inside the box");
        }
        assertNull(leak.get());
    }

    @Test
    void framesFollowTheApplicationsBoxWhenItsWindowsMove() throws Exception {
        DesktopWindow green = shared.open("green", GREEN, new Bounds(50, 60, 200, 150));
        shared.open("blue", BLUE, new Bounds(300, 60, 100, 100));
        try (VideoSource source = watch(DisplayCapture.open(sharedApp(green), ShareOptions.grey(30)), RED)) {
            awaitFrame("350x150", fr -> fr.width() == 350 && fr.height() == 150 && I420Pixels.is(fr, 300, 50, BLUE));
            shared.move("blue", new Bounds(500, 301, 101, 100)); // odd size: rounded down to even
            VideoFrame f = awaitFrame("the grown box", fr -> fr.width() == 550 && fr.height() == 340);
            assertTrue(I420Pixels.is(f, 500, 300, BLUE) && I420Pixels.is(f, 100, 75, GREEN));
            assertTrue(I420Pixels.isGrey(f, 300, 200), "between the windows");
            assertEquals(new dev.callsafe.capture.video.VideoFormat(550, 340, 30), source.format());
        }
        assertNull(leak.get());
    }

    @Test
    void alwaysMaskedWindowsNeverAppearInAScreenShare() throws Exception {
        DesktopWindow green = shared.open("green", GREEN, new Bounds(100, 100, 300, 300));
        other.open("red", RED, new Bounds(300, 200, 300, 200)); // "the browser", partly over green
        long browserPid = other.pid();
        ShareOptions options = new ShareOptions(OcclusionStyle.GREY, 30, w -> w.pid() == browserPid);
        try (VideoSource source = watch(DisplayCapture.open(new ShareTarget.Screen(0), options), RED)) {
            VideoFrame f = awaitFrame("the screen with green and the masked window",
                    fr -> I420Pixels.is(fr, 150, 150, GREEN) && I420Pixels.isGrey(fr, 450, 300));
            Bounds root = X11WindowInventory.open().screens().get(0);
            assertEquals(root.width() & ~1, f.width());
            assertTrue(I420Pixels.isGrey(f, 350, 250), "the masked window over green");
            shared.raise("green");
            awaitFrame("green raised above the masked window is shown", fr -> I420Pixels.is(fr, 350, 250, GREEN)
                    && I420Pixels.isGrey(fr, 450, 300));
        }
        assertNull(leak.get());
        assertTrue(green.bounds().width() > 0);
    }

    @Test
    void sourceEndsWhenTheSharedApplicationIsGone() throws Exception {
        DesktopWindow green = shared.open("green", GREEN, new Bounds(100, 100, 200, 200));
        CountDownLatch ended = new CountDownLatch(1);
        try (VideoSource source = watch(DisplayCapture.open(sharedApp(green), ShareOptions.grey(30)))) {
            source.onEnded(ended::countDown);
            awaitFrame("green", fr -> I420Pixels.is(fr, 100, 100, GREEN));
            shared.close("green", green);
            assertTrue(ended.await(ColourWindows.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS), "ended");
            assertTrue(!source.isRunning());
        }
        assertThrows(IOException.class, () -> DisplayCapture.open(new ShareTarget.Window(green.id()), ShareOptions.grey(30)));
    }

    @Test
    void aMinimisedApplicationPausesTheShareInsteadOfEndingIt() throws Exception {
        DesktopWindow green = shared.open("green", GREEN, new Bounds(100, 100, 200, 200));
        CountDownLatch ended = new CountDownLatch(1);
        X11Connection wm = X11Connection.open(); // plays the window manager: Xvfb has none
        try (VideoSource source = watch(DisplayCapture.open(sharedApp(green), ShareOptions.grey(30)))) {
            source.onEnded(ended::countDown);
            MaskedScreenSource s = (MaskedScreenSource) source;
            awaitFrame("green", fr -> I420Pixels.is(fr, 100, 100, GREEN));
            minimise(wm, (int) green.id(), true);
            long ticks = s.ticks.get();
            long deadline = System.nanoTime() + ColourWindows.TIMEOUT.toNanos();
            while (s.ticks.get() < ticks + 15 && System.nanoTime() < deadline) {
                ColourWindows.pollPause();
            }
            assertTrue(s.ticks.get() >= ticks + 15, "ticks while minimised");
            assertTrue(source.isRunning() && ended.getCount() == 1, "still sharing while minimised");
            long seq = latest.get().sequence();
            minimise(wm, (int) green.id(), false);
            awaitFrame("green again after restoring", fr -> fr.sequence() > seq && I420Pixels.is(fr, 100, 100, GREEN));
            shared.close("green", green);
            assertTrue(ended.await(ColourWindows.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS), "ended once closed");
        } finally {
            wm.close();
        }
    }

    /** What a window manager does to (de)iconify: WM_STATE Iconic/Normal and unmap/map. */
    private static void minimise(X11Connection wm, int window, boolean iconic) {
        int wmState = wm.atom("WM_STATE");
        // restoring, a window manager sets NormalState before or after mapping: the unmapped window in
        // NormalState between the two requests must not end the share either
        check(wm, Xcb.LIB.xcb_change_property_checked(wm.pointer(), (byte) 0, window, wmState, wmState, (byte) 32, 2,
                new int[] {iconic ? 3 : 1, 0}));
        check(wm, iconic ? Xcb.LIB.xcb_unmap_window_checked(wm.pointer(), window)
                : Xcb.LIB.xcb_map_window_checked(wm.pointer(), window));
    }

    private static void check(X11Connection x, int cookie) {
        com.sun.jna.Pointer error = Xcb.LIB.xcb_request_check(x.pointer(), cookie);
        X11Connection.free(error);
        assertNull(error, "X request refused");
    }

    @Test
    void thumbnailIsTheMaskedTargetScaledDown() throws Exception {
        DesktopWindow green = shared.open("green", GREEN, new Bounds(100, 100, 400, 200));
        other.open("red", RED, new Bounds(300, 100, 200, 200)); // covers green's right half
        BufferedImage t = DisplayCapture.thumbnail(sharedApp(green), 160, 120);
        assertEquals(160, t.getWidth());
        assertEquals(80, t.getHeight());
        assertEquals(GREEN.getRGB(), t.getRGB(20, 40) | 0xff000000);
        assertEquals(0xff808080, t.getRGB(140, 40) | 0xff000000);
    }
}
