package dev.callsafe.capture.screen;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;

/**
 * Where the screen was drawn to since the last look, through the X DAMAGE extension on the root window (as
 * Chromium's own X11 capturer does when asked for update notifications): a share then grabs and converts only
 * the rows that were drawn to, and a still screen costs no grab at all. Uses Xlib's libXdamage and libXfixes on
 * a connection of its own (the engine itself links both, so they are there wherever the browser runs).
 *
 * <p>Ordering: {@link #take} subtracts the damage and waits for the server's answer before the caller grabs on
 * its own connection, so every drawing the server did before the grab is either in what {@code take} returned
 * or reported by the next {@code take}. Not thread-safe: one capture thread owns it.
 */
final class X11Damage implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(X11Damage.class.getName());
    /** XDamageReportNonEmpty: one event when the damage becomes non-empty; the region is read by subtracting. */
    private static final int REPORT_NON_EMPTY = 3;
    private static final NativeLong NONE = new NativeLong(0);

    /** The Xlib calls used. */
    interface X11 extends Library {
        X11 LIB = Native.load("X11", X11.class);

        Pointer XOpenDisplay(String name);

        NativeLong XDefaultRootWindow(Pointer display);

        int XEventsQueued(Pointer display, int mode);

        int XNextEvent(Pointer display, Pointer event);

        int XFree(Pointer data);

        int XCloseDisplay(Pointer display);
    }

    /** libXdamage. */
    interface XDamage extends Library {
        XDamage LIB = Native.load("Xdamage", XDamage.class);

        int XDamageQueryExtension(Pointer display, IntByReference eventBase, IntByReference errorBase);

        int XDamageQueryVersion(Pointer display, IntByReference major, IntByReference minor);

        NativeLong XDamageCreate(Pointer display, NativeLong drawable, int level);

        void XDamageSubtract(Pointer display, NativeLong damage, NativeLong repair, NativeLong parts);

        void XDamageDestroy(Pointer display, NativeLong damage);
    }

    /** libXfixes (regions). */
    interface XFixes extends Library {
        XFixes LIB = Native.load("Xfixes", XFixes.class);

        int XFixesQueryExtension(Pointer display, IntByReference eventBase, IntByReference errorBase);

        int XFixesQueryVersion(Pointer display, IntByReference major, IntByReference minor);

        NativeLong XFixesCreateRegion(Pointer display, Pointer rectangles, int count);

        Pointer XFixesFetchRegion(Pointer display, NativeLong region, IntByReference count);

        void XFixesDestroyRegion(Pointer display, NativeLong region);
    }

    private final Pointer display;
    private final NativeLong damage;
    private final NativeLong region;
    /** An XEvent (192 bytes on 64-bit Linux) for dropping the notifications nobody reads. */
    private final Memory event = new Memory(192);
    private boolean closed;

    private X11Damage(Pointer display, NativeLong damage, NativeLong region) {
        this.display = display;
        this.damage = damage;
        this.region = region;
    }

    /**
     * Damage tracking of the whole screen of {@code DISPLAY}; empty when the libraries, the display or the
     * extensions are missing (the share then grabs and compares every tick).
     */
    static Optional<X11Damage> open() {
        Pointer display = null;
        try {
            display = X11.LIB.XOpenDisplay(null);
            if (display == null) {
                return Optional.empty();
            }
            IntByReference a = new IntByReference();
            IntByReference b = new IntByReference();
            // the server refuses an extension's requests before its version was asked
            if (XDamage.LIB.XDamageQueryExtension(display, a, b) == 0 || XDamage.LIB.XDamageQueryVersion(display, a, b) == 0
                    || XFixes.LIB.XFixesQueryExtension(display, a, b) == 0 || XFixes.LIB.XFixesQueryVersion(display, a, b) == 0
                    || a.getValue() < 2) {
                LOG.info("the X server has no DAMAGE or XFixes 2: shares compare every grab");
                X11.LIB.XCloseDisplay(display);
                return Optional.empty();
            }
            NativeLong damage = XDamage.LIB.XDamageCreate(display, X11.LIB.XDefaultRootWindow(display), REPORT_NON_EMPTY);
            NativeLong region = XFixes.LIB.XFixesCreateRegion(display, null, 0);
            return Optional.of(new X11Damage(display, damage, region));
        } catch (LinkageError e) {
            LOG.info("libXdamage or libXfixes is missing: shares compare every grab (" + e.getMessage() + ")");
            if (display != null) {
                X11.LIB.XCloseDisplay(display);
            }
            return Optional.empty();
        }
    }

    /**
     * The rectangles of the screen drawn to since the last call (root coordinates; the first call returns all
     * drawing since {@link #open}), and the damage cleared. Returns once the server has cleared it.
     */
    List<Bounds> take() {
        XDamage.LIB.XDamageSubtract(display, damage, NONE, region);
        IntByReference count = new IntByReference();
        Pointer rects = XFixes.LIB.XFixesFetchRegion(display, region, count); // a round trip: after the subtract
        List<Bounds> out = new ArrayList<>(Math.max(0, count.getValue()));
        if (rects != null) {
            try {
                // XRectangle: short x, y; unsigned short width, height
                for (int i = 0; i < count.getValue(); i++) {
                    long at = i * 8L;
                    out.add(new Bounds(rects.getShort(at), rects.getShort(at + 2), rects.getShort(at + 4) & 0xffff,
                            rects.getShort(at + 6) & 0xffff));
                }
            } finally {
                X11.LIB.XFree(rects);
            }
        }
        // the notifications that the damage became non-empty, queued while reading the reply: nobody needs them
        while (X11.LIB.XEventsQueued(display, 0) > 0) {
            X11.LIB.XNextEvent(display, event);
        }
        return out;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        XDamage.LIB.XDamageDestroy(display, damage);
        XFixes.LIB.XFixesDestroyRegion(display, region);
        X11.LIB.XCloseDisplay(display);
    }
}
