package dev.callsafe.capture.screen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

import com.sun.jna.Pointer;

/**
 * A compositing manager draws every window into its overlay: a full-screen, override-redirect root child
 * without WM_CLASS on top of the stack. Stand-in here: such a window with no background (it keeps showing the
 * pixels below) and, for the "compositor running" case, the {@code _NET_WM_CM_S0} selection owned.
 */
class CompositorOverlayTest {
    private static final Color GREEN = new Color(0, 200, 0);
    private static final Color RED = new Color(230, 0, 0);

    @Test
    void theOverlayOfARunningCompositorIsNoWindowButAnUnknownFullScreenWindowMasksAll() throws Exception {
        X11Connection x = X11Connection.open();
        X11WindowInventory inventory = X11WindowInventory.open();
        int overlay = 0;
        try (ColourWindows apps = ColourWindows.start(); ColourWindows browser = ColourWindows.start()) {
            apps.open("green", GREEN, new Bounds(50, 50, 200, 200));
            browser.open("red", RED, new Bounds(300, 50, 200, 200));
            long browserPid = browser.pid();
            Predicate<DesktopWindow> ours = w -> w.pid() == browserPid;
            Bounds root = inventory.rootBounds();
            overlay = Xcb.LIB.xcb_generate_id(x.pointer());
            check(x, Xcb.LIB.xcb_create_window_checked(x.pointer(), (byte) 0, overlay, x.root(), (short) 0, (short) 0,
                    (short) root.width(), (short) root.height(), (short) 0, (short) Xcb.WINDOW_CLASS_INPUT_OUTPUT, 0,
                    Xcb.CW_OVERRIDE_REDIRECT, new int[] {1}));
            check(x, Xcb.LIB.xcb_map_window_checked(x.pointer(), overlay));
            long overlayId = overlay & 0xffffffffL;

            // no compositor: an unknown window over everything, so a screen share shows nothing
            DesktopWindow top = inventory.windows().get(inventory.windows().size() - 1);
            assertEquals(overlayId, top.id());
            assertEquals("", top.application());
            BufferedImage masked = DisplayCapture.thumbnail(new ShareTarget.Screen(0), root.width(), root.height(), ours);
            assertEquals(0xff808080, masked.getRGB(100, 100), "unknown window on top: grey");

            // a compositor owns _NET_WM_CM_S0: its overlay is left out, the windows below it count
            check(x, Xcb.LIB.xcb_set_selection_owner_checked(x.pointer(), overlay, x.atom("_NET_WM_CM_S" + x.screenNumber()), 0));
            assertFalse(inventory.windows().stream().anyMatch(w -> w.id() == overlayId), "overlay left out");
            BufferedImage shown = DisplayCapture.thumbnail(new ShareTarget.Screen(0), root.width(), root.height(), ours);
            assertEquals(GREEN.getRGB(), shown.getRGB(100, 100));
            assertEquals(0xff808080, shown.getRGB(400, 100), "the browser stays masked");
            assertTrue(inventory.windows().size() >= 2);
        } finally {
            if (overlay != 0) {
                X11Connection.free(Xcb.LIB.xcb_request_check(x.pointer(), Xcb.LIB.xcb_destroy_window_checked(x.pointer(), overlay)));
            }
            inventory.close();
            x.close();
        }
    }

    private static void check(X11Connection x, int cookie) {
        Pointer error = Xcb.LIB.xcb_request_check(x.pointer(), cookie);
        X11Connection.free(error);
        assertNull(error, "X request refused");
    }
}
