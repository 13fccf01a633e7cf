package dev.callsafe.capture.screen;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * One XCB connection to the display named by {@code DISPLAY}, its root window and a cache of interned atoms.
 * XCB connections are thread-safe; every reply is freed by the caller through {@link #reply}.
 */
final class X11Connection implements AutoCloseable {
    private final Pointer connection;
    private final int root;
    private final int rootDepth;
    private final Map<String, Integer> atoms = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private final int screenNumber;

    private X11Connection(Pointer connection, int screenNumber, int root, int rootDepth) {
        this.connection = connection;
        this.screenNumber = screenNumber;
        this.root = root;
        this.rootDepth = rootDepth;
    }

    /** Connects to {@code DISPLAY}; fails when there is no X server (Wayland-only sessions, no display). */
    static X11Connection open() throws IOException {
        String display = System.getenv("DISPLAY");
        if (display == null || display.isEmpty()) {
            throw new IOException("no X display: DISPLAY is not set");
        }
        Xcb xcb;
        try {
            xcb = Xcb.LIB;
        } catch (LinkageError e) {
            throw new IOException("libxcb is not installed: " + e.getMessage(), e);
        }
        IntByReference screenNumber = new IntByReference();
        Pointer c = xcb.xcb_connect(display, screenNumber);
        if (c == null || xcb.xcb_connection_has_error(c) != 0) {
            if (c != null) {
                xcb.xcb_disconnect(c);
            }
            throw new IOException("cannot connect to X display " + display);
        }
        Xcb.ScreenIterator.ByValue first = xcb.xcb_setup_roots_iterator(xcb.xcb_get_setup(c));
        Xcb.ScreenIterator.ByReference it = new Xcb.ScreenIterator.ByReference();
        it.data = first.data;
        it.rem = first.rem;
        it.index = first.index;
        for (int i = 0; i < screenNumber.getValue() && it.rem > 0; i++) {
            xcb.xcb_screen_next(it);
            it.read();
        }
        // xcb_screen_t: root at 0, root_depth at 38
        int root = it.data.getInt(0);
        int depth = it.data.getByte(38) & 0xff;
        return new X11Connection(c, screenNumber.getValue(), root, depth);
    }

    Pointer pointer() {
        ensureOpen();
        return connection;
    }

    /** The X screen this connection uses (the number after the dot in DISPLAY). */
    int screenNumber() {
        return screenNumber;
    }

    int root() {
        return root;
    }

    int rootDepth() {
        return rootDepth;
    }

    /** The atom of {@code name}, interned once per connection; 0 when the server does not know it yet. */
    int atom(String name) {
        Integer cached = atoms.get(name);
        if (cached != null) {
            return cached;
        }
        Pointer r = await(Xcb.LIB::xcb_intern_atom_reply,
                Xcb.LIB.xcb_intern_atom(pointer(), (byte) 0, (short) name.length(), name));
        int atom = r == null ? 0 : r.getInt(8);
        free(r);
        atoms.put(name, atom);
        return atom;
    }

    /** An xcb_*_reply function. */
    interface ReplyFunction {
        Pointer reply(Pointer connection, int cookie, PointerByReference error);
    }

    /**
     * Waits for the reply to {@code cookie}; null when the request failed (the window is gone, ...), the
     * error itself being freed here: a failed request is an expected outcome for the callers.
     */
    Pointer await(ReplyFunction function, int cookie) {
        PointerByReference error = new PointerByReference();
        Pointer reply = function.reply(pointer(), cookie, error);
        free(error.getValue());
        return reply;
    }

    /** Frees a reply (malloc'd by XCB); null is fine. */
    static void free(Pointer p) {
        if (p != null) {
            Xcb.LibC.LIB.free(p);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("X connection closed");
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            Xcb.LIB.xcb_disconnect(connection);
        }
    }
}
