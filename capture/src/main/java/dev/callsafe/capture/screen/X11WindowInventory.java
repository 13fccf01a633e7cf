package dev.callsafe.capture.screen;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.sun.jna.Pointer;

/**
 * The X11 window inventory, through libxcb. Status: IMPLEMENTED and tested under Xvfb.
 *
 * <p>Windows are the root window's children (XQueryTree order is the stacking order, bottom first) that are
 * viewable and InputOutput. Under a reparenting window manager a top-level child is the manager's frame: its
 * bounds are the frame's (decorations belong to the application's window), its title, application and pid
 * come from the client window inside it (the first descendant, two levels deep at most, with {@code WM_CLASS}).
 * The compositing manager's overlay window is left out (see {@link #compositorRunning}).
 * Screens: RandR 1.5 monitors (GetMonitors, in the server's order), or the whole root window when the server
 * has no RandR 1.5 or reports no monitor.
 * Requests for all windows are sent before any reply is read, so a call costs a few round trips, not one per
 * window. A capture uses a tracking inventory ({@link #openTracking()}), which reads the stack only after the
 * X server reported a change.
 */
public final class X11WindowInventory implements WindowInventory {
    private static X11WindowInventory shared;

    private final X11Connection x;
    private final boolean tracking;
    /** Tracking only: the last full read, when it was made, and whether an event arrived since. */
    private List<DesktopWindow> lastStack;
    private List<Bounds> lastScreens;
    private long lastReadAt;
    private boolean dirty = true;

    private X11WindowInventory(X11Connection x, boolean tracking) {
        this.x = x;
        this.tracking = tracking;
    }

    /** The process-wide inventory on {@code DISPLAY}; its connection lives as long as the process. */
    static synchronized X11WindowInventory shared() {
        if (shared == null) {
            try {
                shared = new X11WindowInventory(X11Connection.open(), false);
            } catch (IOException e) {
                return new X11WindowInventory(null, false); // no display: every call says so; retried next time
            }
        }
        return shared;
    }

    /** An inventory on its own connection to {@code DISPLAY}. */
    public static X11WindowInventory open() throws IOException {
        return new X11WindowInventory(X11Connection.open(), false);
    }

    /**
     * An inventory on its own connection for a capture, which needs the stack twice per frame: it listens to the
     * root window's structure events (windows created, destroyed, mapped, unmapped, moved, resized, restacked,
     * reparented; the root resized) and answers from its last read while none arrived, re-reading at least once
     * a second. Identities (WM_CLASS, pid, title) are remembered per window until an event names the window:
     * X reuses window ids across clients, so a new window never inherits an old one's identity.
     * Not for concurrent use; close it after use.
     */
    static X11WindowInventory openTracking() throws IOException {
        X11Connection c = X11Connection.open();
        Pointer error = Xcb.LIB.xcb_request_check(c.pointer(), Xcb.LIB.xcb_change_window_attributes(c.pointer(),
                c.root(), Xcb.CW_EVENT_MASK,
                new int[] {Xcb.EVENT_MASK_SUBSTRUCTURE_NOTIFY | Xcb.EVENT_MASK_STRUCTURE_NOTIFY}));
        if (error != null) {
            X11Connection.free(error);
            c.close();
            throw new IOException("cannot listen to the root window's structure events");
        }
        return new X11WindowInventory(c, true);
    }

    /** Closes a connection opened by {@link #open()} or {@link #openTracking()} (never the shared one). */
    void close() {
        if (x != null && this != shared) {
            x.close();
        }
    }

    /**
     * Tracking only: whether the X server reported a change since the last read. Events and replies of one
     * connection arrive in order, so after a reply on this connection (a grab through {@link #connection()}) this
     * knows of every change the server made before it handled that request.
     */
    boolean changedSinceLastRead() {
        drainEvents();
        return dirty;
    }

    /** Reads queued structure events: marks the stack stale and forgets the identities of windows they name. */
    private void drainEvents() {
        Pointer e;
        while ((e = Xcb.LIB.xcb_poll_for_event(x.pointer())) != null) {
            int type = e.getByte(0) & 0x7f;
            dirty = true;
            // CreateNotify 16, DestroyNotify 17, UnmapNotify 18, MapNotify 19, ReparentNotify 21: window at 8
            if (type >= 16 && type <= 21) {
                known.remove(e.getInt(8));
            }
            X11Connection.free(e);
        }
    }

    X11Connection connection() throws IOException {
        if (x == null) {
            throw new IOException("no X display (DISPLAY unset or the X server refused the connection)");
        }
        return x;
    }

    @Override
    public boolean isSupported() {
        return x != null;
    }

    @Override
    public List<Bounds> screens() throws IOException {
        if (tracking) {
            windows(); // refreshes lastScreens when anything changed
            return lastScreens;
        }
        return readScreens();
    }

    /** The RandR monitors, else the root window as the one screen. */
    private List<Bounds> readScreens() throws IOException {
        X11Connection c = connection();
        List<Bounds> monitors = new ArrayList<>();
        try {
            Pointer r = c.await(Xcb.Randr.LIB::xcb_randr_get_monitors_reply,
                    Xcb.Randr.LIB.xcb_randr_get_monitors(c.pointer(), c.root(), (byte) 1));
            if (r != null) {
                try {
                    monitors.addAll(monitorsOf(r));
                } finally {
                    X11Connection.free(r);
                }
            }
        } catch (LinkageError e) {
            // libxcb-randr missing: the root window it is
        }
        return monitors.isEmpty() ? List.of(rootBounds()) : List.copyOf(monitors);
    }

    /**
     * The non-empty monitors of a RandR GetMonitors reply: their count at 12, then from 32 one
     * xcb_randr_monitor_info_t each (24 bytes: x, y, width, height at 8..15, then 4 bytes per output).
     */
    static List<Bounds> monitorsOf(Pointer reply) {
        List<Bounds> out = new ArrayList<>();
        int count = reply.getInt(12);
        long at = 32;
        for (int i = 0; i < count; i++) {
            int outputs = reply.getShort(at + 6) & 0xffff;
            Bounds b = new Bounds(reply.getShort(at + 8), reply.getShort(at + 10), reply.getShort(at + 12) & 0xffff,
                    reply.getShort(at + 14) & 0xffff);
            if (!b.isEmpty()) {
                out.add(b);
            }
            at += 24 + 4L * outputs;
        }
        return out;
    }

    /** The root window's size: the whole virtual desktop. */
    Bounds rootBounds() throws IOException {
        X11Connection c = connection();
        Pointer g = c.await(Xcb.LIB::xcb_get_geometry_reply, Xcb.LIB.xcb_get_geometry(c.pointer(), c.root()));
        if (g == null) {
            throw new IOException("cannot read the root window's geometry");
        }
        try {
            return new Bounds(0, 0, g.getShort(16) & 0xffff, g.getShort(18) & 0xffff);
        } finally {
            X11Connection.free(g);
        }
    }

    @Override
    public List<DesktopWindow> windows() throws IOException {
        if (!tracking) {
            return read();
        }
        drainEvents();
        long now = System.nanoTime();
        if (!dirty && lastStack != null && now - lastReadAt < IDENTITY_TTL_NANOS) {
            return lastStack;
        }
        dirty = false;
        lastScreens = readScreens();
        List<DesktopWindow> stack = read();
        // events queued during the read may postdate it: they leave the stack marked stale for the next call
        drainEvents();
        lastStack = stack;
        lastReadAt = now;
        return stack;
    }

    /**
     * The hidden windows: top-level windows (or the clients inside unmapped frames) that are not viewable but
     * that a window manager still manages ({@code WM_STATE} Iconic, or Normal: on another workspace, or being
     * mapped again), with empty bounds. A shared application whose windows are only hidden is not gone.
     */
    public List<DesktopWindow> hiddenWindows() throws IOException {
        X11Connection c = connection();
        int[] children = children(c, c.root());
        int[] attrCookies = new int[children.length];
        for (int i = 0; i < children.length; i++) {
            attrCookies[i] = Xcb.LIB.xcb_get_window_attributes(c.pointer(), children[i]);
        }
        List<Integer> hidden = new ArrayList<>();
        for (int i = 0; i < children.length; i++) {
            Pointer a = c.await(Xcb.LIB::xcb_get_window_attributes_reply, attrCookies[i]);
            if (a != null && (a.getByte(26) & 0xff) != Xcb.MAP_STATE_VIEWABLE) {
                hidden.add(children[i]);
            }
            X11Connection.free(a);
        }
        List<DesktopWindow> out = new ArrayList<>();
        for (int top : hidden) {
            int client = managedClient(c, top, 2);
            if (client != 0) {
                Identity id = identities(c, List.of(client)).get(0);
                out.add(new DesktopWindow(top & 0xffffffffL, id.title(), id.application() == null ? "" : id.application(),
                        id.pid(), Bounds.EMPTY));
            }
        }
        return out;
    }

    /** The window itself or a descendant (up to {@code depth} levels) with a WM_STATE other than Withdrawn, else 0. */
    private static int managedClient(X11Connection c, int window, int depth) {
        int wmState = c.atom("WM_STATE");
        byte[] state = value(c, property(c, window, wmState, wmState));
        if (state != null) {
            // WM_STATE: state (CARD32: WithdrawnState 0, NormalState 1, IconicState 3), icon window
            return state.length >= 4 && (state[0] | state[1] | state[2] | state[3]) != 0 ? window : 0;
        }
        if (depth == 0) {
            return 0;
        }
        for (int child : children(c, window)) {
            int found = managedClient(c, child, depth - 1);
            if (found != 0) {
                return found;
            }
        }
        return 0;
    }

    private List<DesktopWindow> read() throws IOException {
        X11Connection c = connection();
        int[] children = children(c, c.root());
        if (tracking) {
            // events sent before the tree reply are queued now: no window's old identity survives
            drainEvents();
        }
        int n = children.length;
        int[] attrCookies = new int[n];
        int[] geomCookies = new int[n];
        for (int i = 0; i < n; i++) {
            attrCookies[i] = Xcb.LIB.xcb_get_window_attributes(c.pointer(), children[i]);
            geomCookies[i] = Xcb.LIB.xcb_get_geometry(c.pointer(), children[i]);
        }
        List<Integer> viewable = new ArrayList<>();
        List<Bounds> bounds = new ArrayList<>();
        List<Boolean> overrideRedirect = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Pointer a = c.await(Xcb.LIB::xcb_get_window_attributes_reply, attrCookies[i]);
            Pointer g = c.await(Xcb.LIB::xcb_get_geometry_reply, geomCookies[i]);
            try {
                // a null reply: the window went away between the tree and now
                if (a == null || g == null) {
                    continue;
                }
                int windowClass = a.getShort(12) & 0xffff;
                int mapState = a.getByte(26) & 0xff;
                if (mapState != Xcb.MAP_STATE_VIEWABLE || windowClass == Xcb.WINDOW_CLASS_INPUT_ONLY) {
                    continue;
                }
                int border = g.getShort(20) & 0xffff;
                int w = (g.getShort(16) & 0xffff) + 2 * border;
                int h = (g.getShort(18) & 0xffff) + 2 * border;
                viewable.add(children[i]);
                bounds.add(new Bounds(g.getShort(12), g.getShort(14), w, h));
                overrideRedirect.add(a.getByte(27) != 0);
            } finally {
                X11Connection.free(a);
                X11Connection.free(g);
            }
        }
        long now = System.nanoTime();
        java.util.Map<Integer, Identity> ids = new java.util.HashMap<>();
        List<Integer> unknown = new ArrayList<>();
        for (int w : viewable) {
            Known k = tracking ? known.get(w) : null;
            if (k == null || now - k.readAt > IDENTITY_TTL_NANOS) {
                unknown.add(w);
            } else {
                ids.put(w, k.identity);
            }
        }
        List<Identity> fresh = identities(c, unknown);
        for (int i = 0; i < unknown.size(); i++) {
            Identity id = fresh.get(i);
            if (id.application == null) {
                id = clientIdentity(c, unknown.get(i), 2);
            }
            ids.put(unknown.get(i), id);
            if (tracking && fresh.get(i).application != null) {
                // only identities read from the top-level window itself: a frame's client can change unseen
                known.put(unknown.get(i), new Known(id, now));
            }
        }
        if (!unknown.isEmpty()) {
            known.values().removeIf(k -> now - k.readAt > 10 * IDENTITY_TTL_NANOS);
        }
        List<DesktopWindow> out = new ArrayList<>(viewable.size());
        Boolean compositing = null;
        for (int i = 0; i < viewable.size(); i++) {
            Identity id = ids.get(viewable.get(i));
            if (id.application() == null && overrideRedirect.get(i)) {
                if (compositing == null) {
                    compositing = compositorRunning(c);
                }
                if (compositing && bounds.get(i).equals(rootBounds())) {
                    continue; // the compositor's overlay: it shows the windows below, it is not one of them
                }
            }
            out.add(new DesktopWindow(viewable.get(i) & 0xffffffffL, id.title(), id.application() == null ? "" : id.application(),
                    id.pid(), bounds.get(i)));
        }
        return out;
    }

    /**
     * Whether a compositing manager runs (it owns the {@code _NET_WM_CM_S<screen>} selection). Its overlay
     * window is a full-screen, override-redirect child of the root without WM_CLASS, on top of everything, in
     * which it draws all the other windows: the inventory leaves it out, as it hides nothing.
     */
    private static boolean compositorRunning(X11Connection c) {
        int atom = c.atom("_NET_WM_CM_S" + c.screenNumber());
        if (atom == 0) {
            return false;
        }
        Pointer r = c.await(Xcb.LIB::xcb_get_selection_owner_reply, Xcb.LIB.xcb_get_selection_owner(c.pointer(), atom));
        try {
            return r != null && r.getInt(8) != 0;
        } finally {
            X11Connection.free(r);
        }
    }

    /** Title, application ({@code null} when the window has no WM_CLASS) and pid of one window. */
    private record Identity(String title, String application, long pid) {
    }

    /** An identity and when it was read. */
    private record Known(Identity identity, long readAt) {
    }

    /**
     * Identities are re-read at most this often: the capture reads the stack twice per frame, and WM_CLASS and
     * pid never change for a window (titles may lag by this much).
     */
    private static final long IDENTITY_TTL_NANOS = 1_000_000_000L;

    private final java.util.Map<Integer, Known> known = new java.util.concurrent.ConcurrentHashMap<>();

    private static int[] children(X11Connection c, int window) {
        Pointer t = c.await(Xcb.LIB::xcb_query_tree_reply, Xcb.LIB.xcb_query_tree(c.pointer(), window));
        if (t == null) {
            return new int[0];
        }
        try {
            int count = t.getShort(16) & 0xffff;
            return t.getIntArray(32, count);
        } finally {
            X11Connection.free(t);
        }
    }

    /** Under a reparenting window manager: the identity of the client window inside a frame. */
    private static Identity clientIdentity(X11Connection c, int frame, int depth) {
        if (depth == 0) {
            return new Identity("", null, 0);
        }
        int[] kids = children(c, frame);
        List<Integer> list = new ArrayList<>();
        for (int k : kids) {
            list.add(k);
        }
        List<Identity> ids = identities(c, list);
        for (Identity id : ids) {
            if (id.application != null) {
                return id;
            }
        }
        for (int k : kids) {
            Identity id = clientIdentity(c, k, depth - 1);
            if (id.application != null) {
                return id;
            }
        }
        return new Identity("", null, 0);
    }

    private static final int PROPS = 4;

    private static List<Identity> identities(X11Connection c, List<Integer> windows) {
        int netWmName = c.atom("_NET_WM_NAME");
        int utf8 = c.atom("UTF8_STRING");
        int netWmPid = c.atom("_NET_WM_PID");
        int[] cookies = new int[windows.size() * PROPS];
        for (int i = 0; i < windows.size(); i++) {
            int w = windows.get(i);
            cookies[i * PROPS] = property(c, w, Xcb.ATOM_WM_CLASS, Xcb.ATOM_STRING);
            cookies[i * PROPS + 1] = property(c, w, netWmName, utf8);
            cookies[i * PROPS + 2] = property(c, w, Xcb.ATOM_WM_NAME, Xcb.ATOM_ANY);
            cookies[i * PROPS + 3] = property(c, w, netWmPid, Xcb.ATOM_CARDINAL);
        }
        List<Identity> out = new ArrayList<>(windows.size());
        for (int i = 0; i < windows.size(); i++) {
            byte[] wmClass = value(c, cookies[i * PROPS]);
            byte[] netName = value(c, cookies[i * PROPS + 1]);
            byte[] wmName = value(c, cookies[i * PROPS + 2]);
            byte[] pid = value(c, cookies[i * PROPS + 3]);
            String title = netName != null ? decode(netName, StandardCharsets.UTF_8)
                    : wmName != null ? decode(wmName, StandardCharsets.ISO_8859_1) : "";
            out.add(new Identity(title, wmClass == null ? null : applicationOf(wmClass), pid == null || pid.length < 4 ? 0
                    : ((pid[0] & 0xffL) | (pid[1] & 0xffL) << 8 | (pid[2] & 0xffL) << 16 | (pid[3] & 0xffL) << 24)));
        }
        return out;
    }

    /** WM_CLASS is "instance\0class\0": the class names the application (the instance when the class is empty). */
    static String applicationOf(byte[] wmClass) {
        String s = new String(wmClass, StandardCharsets.ISO_8859_1);
        String[] parts = s.split("\0");
        if (parts.length >= 2 && !parts[1].isEmpty()) {
            return parts[1];
        }
        return parts.length >= 1 ? parts[0] : "";
    }

    private static String decode(byte[] bytes, Charset charset) {
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] == 0) {
            end--;
        }
        return new String(bytes, 0, end, charset);
    }

    private static int property(X11Connection c, int window, int atom, int type) {
        // at most 4 KiB of a property: titles and class names are short; a longer title is cut
        return Xcb.LIB.xcb_get_property(c.pointer(), (byte) 0, window, atom, type, 0, 1024);
    }

    /** The property's bytes, or null when the window has no such property (or is gone). */
    private static byte[] value(X11Connection c, int cookie) {
        Pointer r = c.await(Xcb.LIB::xcb_get_property_reply, cookie);
        if (r == null) {
            return null;
        }
        try {
            int format = r.getByte(1) & 0xff;
            int type = r.getInt(8);
            int items = r.getInt(16);
            if (type == 0 || format == 0) {
                return null;
            }
            return r.getByteArray(32, items * (format / 8));
        } finally {
            X11Connection.free(r);
        }
    }
}
