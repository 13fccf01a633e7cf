package dev.callsafe.capture.screen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.callsafe.capture.video.VideoFrame;

/**
 * The real X pointer in shared frames under Xvfb. XFixes reads Xvfb's own pointer (no window manager) as the
 * 16x16 "X" with its hotspot at 7,7 and 176 opaque pixels; under openbox it is a 24x24 arrow (hotspot 4,4, 85
 * opaque). Drawn where it is over the shared window, not over a window of another application covering it
 * (masked), not when the share says never, and in motion mode only while it moves.
 */
class PointerCaptureTest {
    private static final Color GREEN = new Color(0, 200, 0);
    private static final Color RED = new Color(230, 0, 0);
    /** The shared window on the desktop. */
    private static final Bounds SHARED = new Bounds(100, 100, 300, 200);
    /** Another application's window over the shared one's right part. */
    private static final Bounds COVER = new Bounds(300, 120, 80, 80);

    private ColourWindows shared;
    private ColourWindows other;
    private X11Connection x;
    private final AtomicReference<VideoFrame> latest = new AtomicReference<>();

    @BeforeEach
    void start() throws IOException {
        shared = ColourWindows.start();
        other = ColourWindows.start();
        x = X11Connection.open();
    }

    @AfterEach
    void stop() {
        shared.close();
        other.close();
        x.close();
    }

    private void warp(int desktopX, int desktopY) {
        com.sun.jna.Pointer error = Xcb.LIB.xcb_request_check(x.pointer(), Xcb.LIB.xcb_warp_pointer_checked(x.pointer(),
                0, x.root(), (short) 0, (short) 0, (short) 0, (short) 0, (short) desktopX, (short) desktopY));
        X11Connection.free(error);
        assertNull(error, "pointer warped");
    }

    @Test
    void xfixesGivesThePointersPositionAndAVisibleImage() {
        warp(321, 234);
        PointerImage p = X11Pointer.on(x).orElseThrow().read();
        assertEquals(321, p.x());
        assertEquals(234, p.y());
        assertTrue(p.width() > 0 && p.height() > 0, "an image: " + p.width() + "x" + p.height());
        int opaque = 0;
        for (int i = 0; i < p.width() * p.height(); i++) {
            opaque += p.argb()[i] >>> 24 == 255 ? 1 : 0;
        }
        assertTrue(opaque >= 20, "opaque pixels: " + opaque);
    }

    /** Pixels within {@code radius} of frame point (cx, cy) that are not {@code c}. */
    private static int notColour(VideoFrame f, int cx, int cy, int radius, Color c) {
        int n = 0;
        for (int y = Math.max(0, cy - radius); y < Math.min(f.height(), cy + radius); y++) {
            for (int xx = Math.max(0, cx - radius); xx < Math.min(f.width(), cx + radius); xx++) {
                n += I420Pixels.is(f, xx, y, c) ? 0 : 1;
            }
        }
        return n;
    }

    private static boolean allGrey(VideoFrame f, Bounds r) {
        for (int y = r.y(); y < r.bottom(); y++) {
            for (int xx = r.x(); xx < r.right(); xx++) {
                if (!I420Pixels.isGrey(f, xx, y)) {
                    return false;
                }
            }
        }
        return true;
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
        throw new AssertionError("timed out waiting for a frame where " + what);
    }

    @Test
    void thePointerIsDrawnOverTheSharedWindowOnlyAndNotWhenTheShareSaysNever() throws Exception {
        DesktopWindow green = shared.open("green", GREEN, SHARED);
        other.open("red", RED, COVER);
        warp(200, 200); // frame (100, 100)
        ShareOptions options = ShareOptions.grey(30).withCursor(CursorMode.ALWAYS);
        try (ScreenShareSource source = DisplayCapture.open(new ShareTarget.Window(green.id()), options)) {
            source.addSink(latest::set);
            assertEquals(java.util.EnumSet.allOf(CursorMode.class), source.cursorModes());
            VideoFrame drawn = awaitFrame("the pointer over the window", f -> notColour(f, 100, 100, 20, GREEN) >= 20);
            assertEquals(0, notColour(drawn, 40, 40, 20, GREEN), "green away from the pointer");

            source.setCursor(CursorMode.NEVER);
            awaitFrame("no pointer once the share says never", f -> notColour(f, 100, 100, 20, GREEN) == 0);

            // over the covering window of another application: masked, so grey where the pointer is too
            source.setCursor(CursorMode.ALWAYS);
            warp(340, 160); // frame (240, 60), inside the cover (frame 200..280 x 20..100)
            VideoFrame masked = awaitFrame("the pointer left the green part",
                    f -> notColour(f, 100, 100, 20, GREEN) == 0 && I420Pixels.isGrey(f, 240, 60));
            assertTrue(allGrey(masked, new Bounds(202, 22, 76, 76)), "no pointer pixel over the masked window");

            // across the window's left edge: drawn inside it, clipped at the frame's edge
            warp(103, 150); // frame (3, 50)
            awaitFrame("the pointer at the window's edge", f -> notColour(f, 3, 50, 16, GREEN) >= 5);
        }
    }

    @Test
    void inMotionModeThePointerShowsWhileItMovesThenGoes() throws Exception {
        DesktopWindow green = shared.open("green", GREEN, SHARED);
        warp(150, 150);
        ShareOptions options = ShareOptions.grey(30).withCursor(CursorMode.MOTION);
        try (ScreenShareSource source = DisplayCapture.open(new ShareTarget.Window(green.id()), options)) {
            source.addSink(latest::set);
            awaitFrame("the first frame", f -> I420Pixels.is(f, 200, 100, GREEN));
            warp(300, 200); // frame (200, 100)
            long moved = System.nanoTime();
            awaitFrame("the moving pointer", f -> notColour(f, 200, 100, 20, GREEN) >= 20);
            awaitFrame("the still pointer gone", f -> notColour(f, 200, 100, 20, GREEN) == 0);
            long shownMillis = (System.nanoTime() - moved) / 1_000_000;
            assertTrue(shownMillis >= CursorMode.MOTION_LINGER_MILLIS - 100, "shown for " + shownMillis + " ms");
        }
    }
}
