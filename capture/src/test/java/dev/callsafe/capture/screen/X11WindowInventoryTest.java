package dev.callsafe.capture.screen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.util.List;

import org.junit.jupiter.api.Test;

class X11WindowInventoryTest {
    @Test
    void seesTheChildsWindowsWithBoundsIdentityAndStackingOrder() throws Exception {
        X11WindowInventory inventory = X11WindowInventory.open();
        Bounds root = inventory.screens().get(0);
        assertTrue(root.width() >= 640 && root.height() >= 480, "root " + root);
        try (ColourWindows colours = ColourWindows.start()) {
            DesktopWindow red = colours.open("red", Color.RED, new Bounds(10, 20, 200, 150));
            DesktopWindow blue = colours.open("blue", Color.BLUE, new Bounds(100, 60, 220, 160));
            System.out.println("windows: " + inventory.windows());
            assertEquals(new Bounds(10, 20, 200, 150), red.bounds());
            assertEquals("colour-red", red.title());
            assertFalse(red.application().isEmpty(), "WM_CLASS read");
            assertEquals(red.application(), blue.application());

            List<DesktopWindow> ws = colours.windows();
            assertEquals(List.of(red.id(), blue.id()), ws.stream().map(DesktopWindow::id).toList(), "blue opened last is on top");

            colours.raise("red");
            ws = colours.windows();
            assertEquals(List.of(blue.id(), red.id()), ws.stream().map(DesktopWindow::id).toList(), "red raised");

            DesktopWindow moved = colours.move("blue", new Bounds(-50, -30, 120, 90));
            assertEquals(new Bounds(-50, -30, 120, 90), moved.bounds(), "negative position kept");

            colours.close("red", red);
            assertEquals(List.of(blue.id()), colours.windows().stream().map(DesktopWindow::id).toList());
        }
    }

    @Test
    void trackingInventoryNeverGivesANewWindowAnOldWindowsIdentity() throws Exception {
        // X gives a new client the id range of a gone one, so a second child's first window often gets the
        // very id the first child's window had: the remembered identity must not survive that
        X11WindowInventory tracking = X11WindowInventory.openTracking();
        try {
            Bounds at = new Bounds(30, 40, 120, 90);
            DesktopWindow first;
            long firstPid;
            try (ColourWindows a = ColourWindows.start()) {
                first = a.open("one", Color.GREEN, at);
                firstPid = a.pid();
                assertEquals(firstPid, find(tracking, first.id()).pid());
            }
            try (ColourWindows b = ColourWindows.start()) {
                DesktopWindow second = b.open("two", Color.BLUE, at);
                System.out.println("window id reused: " + (second.id() == first.id()));
                DesktopWindow seen = find(tracking, second.id());
                assertEquals(b.pid(), seen.pid());
                assertEquals("colour-two", seen.title());
                assertTrue(b.pid() != firstPid);
            }
        } finally {
            tracking.close();
        }
    }

    @Test
    void screensAreTheRandrMonitorsInTheServersOrder() throws Exception {
        // a GetMonitors reply as the server sends it: two monitors, the first with two outputs
        com.sun.jna.Memory reply = new com.sun.jna.Memory(32 + 24 + 8 + 24);
        reply.clear();
        reply.setInt(12, 2);
        long first = 32;
        reply.setShort(first + 6, (short) 2);
        reply.setShort(first + 8, (short) -1280);
        reply.setShort(first + 10, (short) 0);
        reply.setShort(first + 12, (short) 1280);
        reply.setShort(first + 14, (short) 1024);
        long second = first + 24 + 8;
        reply.setShort(second + 8, (short) 0);
        reply.setShort(second + 10, (short) 0);
        reply.setShort(second + 12, (short) 1920);
        reply.setShort(second + 14, (short) 1080);
        assertEquals(List.of(new Bounds(-1280, 0, 1280, 1024), new Bounds(0, 0, 1920, 1080)),
                X11WindowInventory.monitorsOf(reply));
        // Xvfb: one monitor, the whole root window
        X11WindowInventory inventory = X11WindowInventory.open();
        try {
            List<Bounds> screens = inventory.screens();
            assertEquals(1, screens.size());
            assertEquals(inventory.rootBounds(), screens.get(0));
        } finally {
            inventory.close();
        }
    }

    private static DesktopWindow find(X11WindowInventory inventory, long id) throws Exception {
        return inventory.windows().stream().filter(w -> w.id() == id).findFirst()
                .orElseThrow(() -> new AssertionError("window " + id + " not listed"));
    }
}
