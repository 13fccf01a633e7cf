package dev.callsafe.capture.screen;

import java.util.Optional;
import java.util.logging.Logger;

import com.sun.jna.Pointer;

/**
 * Reads the pointer's position and image through the XFixes extension (libxcb-xfixes), on the connection a
 * capture grabs on. Absent when the library or the extension is missing: shares then draw no pointer.
 */
final class X11Pointer {
    private static final Logger LOG = Logger.getLogger(X11Pointer.class.getName());
    private final X11Connection x;

    private X11Pointer(X11Connection x) {
        this.x = x;
    }

    /** The pointer reader of {@code x}, after announcing XFixes 4 (the server refuses XFixes requests before). */
    static Optional<X11Pointer> on(X11Connection x) {
        try {
            Pointer v = x.await(Xcb.XFixes.LIB::xcb_xfixes_query_version_reply,
                    Xcb.XFixes.LIB.xcb_xfixes_query_version(x.pointer(), 4, 0));
            if (v == null) {
                LOG.info("the X server has no XFixes extension: shares draw no pointer");
                return Optional.empty();
            }
            int major = v.getInt(8);
            X11Connection.free(v);
            return major >= 1 ? Optional.of(new X11Pointer(x)) : Optional.empty();
        } catch (LinkageError e) {
            LOG.info("libxcb-xfixes is missing: shares draw no pointer (" + e.getMessage() + ")");
            return Optional.empty();
        }
    }

    /** Sends the request for the pointer's image; {@link #reply} reads it (so it can travel with a grab). */
    int request() {
        return Xcb.XFixes.LIB.xcb_xfixes_get_cursor_image(x.pointer());
    }

    /** The pointer asked for by {@code cookie}; null when the server refused. */
    PointerImage reply(int cookie) {
        Pointer r = x.await(Xcb.XFixes.LIB::xcb_xfixes_get_cursor_image_reply, cookie);
        if (r == null) {
            return null;
        }
        try {
            // xcb_xfixes_get_cursor_image_reply_t: x, y (int16) at 8, 10; width, height, xhot, yhot (uint16) at
            // 12..18; cursor_serial at 20; the image (uint32 ARGB, premultiplied) from 32
            int width = r.getShort(12) & 0xffff;
            int height = r.getShort(14) & 0xffff;
            int[] argb = width * height == 0 ? new int[0] : r.getIntArray(32, width * height);
            return new PointerImage(r.getShort(8), r.getShort(10), r.getShort(16) & 0xffff, r.getShort(18) & 0xffff,
                    width, height, argb, r.getInt(20));
        } finally {
            X11Connection.free(r);
        }
    }

    /** The pointer now; null when the server refused. */
    PointerImage read() {
        return reply(request());
    }
}
