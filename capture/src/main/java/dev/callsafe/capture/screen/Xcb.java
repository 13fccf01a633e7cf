package dev.callsafe.capture.screen;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * The parts of libxcb (and its MIT-SHM extension) this package calls, through JNA. XCB rather than Xlib because
 * XCB reports a request's error with its reply, while Xlib routes errors to one process-wide handler (whose
 * default exits the process, and which AWT and Chromium in this same process also install): a window that
 * vanishes between two requests is normal here. Cookies are one-int structs, passed and returned as ints
 * (identical under the x86-64 and AArch64 C calling conventions). Replies are read by their protocol offsets.
 */
interface Xcb extends Library {
    Xcb LIB = Native.load("xcb", Xcb.class);

    int WINDOW_CLASS_INPUT_ONLY = 2;
    int MAP_STATE_VIEWABLE = 2;
    int ATOM_STRING = 31;
    int ATOM_CARDINAL = 6;
    int ATOM_WM_NAME = 39;
    int ATOM_WM_CLASS = 67;
    int ATOM_ANY = 0;
    int IMAGE_FORMAT_Z_PIXMAP = 2;

    /** xcb_screen_iterator_t. */
    @Structure.FieldOrder({"data", "rem", "index"})
    class ScreenIterator extends Structure {
        public Pointer data;
        public int rem;
        public int index;

        /** Returned by value. */
        public static class ByValue extends ScreenIterator implements Structure.ByValue {
        }

        /** Passed by pointer. */
        public static class ByReference extends ScreenIterator implements Structure.ByReference {
        }
    }

    Pointer xcb_connect(String displayName, IntByReference screen);

    int xcb_connection_has_error(Pointer c);

    void xcb_disconnect(Pointer c);

    int xcb_flush(Pointer c);

    Pointer xcb_get_setup(Pointer c);

    ScreenIterator.ByValue xcb_setup_roots_iterator(Pointer setup);

    void xcb_screen_next(ScreenIterator.ByReference it);

    int xcb_generate_id(Pointer c);

    int xcb_query_tree(Pointer c, int window);

    Pointer xcb_query_tree_reply(Pointer c, int cookie, PointerByReference error);

    int xcb_get_window_attributes(Pointer c, int window);

    Pointer xcb_get_window_attributes_reply(Pointer c, int cookie, PointerByReference error);

    int xcb_get_geometry(Pointer c, int drawable);

    Pointer xcb_get_geometry_reply(Pointer c, int cookie, PointerByReference error);

    int xcb_intern_atom(Pointer c, byte onlyIfExists, short nameLength, String name);

    Pointer xcb_intern_atom_reply(Pointer c, int cookie, PointerByReference error);

    int xcb_get_property(Pointer c, byte delete, int window, int property, int type, int longOffset, int longLength);

    Pointer xcb_get_property_reply(Pointer c, int cookie, PointerByReference error);

    int xcb_get_image(Pointer c, byte format, int drawable, short x, short y, short width, short height, int planeMask);

    Pointer xcb_get_image_reply(Pointer c, int cookie, PointerByReference error);

    Pointer xcb_request_check(Pointer c, int cookie);

    int CW_EVENT_MASK = 0x800;
    int EVENT_MASK_STRUCTURE_NOTIFY = 0x20000;
    int EVENT_MASK_SUBSTRUCTURE_NOTIFY = 0x80000;

    int xcb_change_window_attributes(Pointer c, int window, int valueMask, int[] values);

    Pointer xcb_poll_for_event(Pointer c);

    int xcb_change_property_checked(Pointer c, byte mode, int window, int property, int type, byte format,
                                    int dataLength, int[] data);

    int xcb_get_selection_owner(Pointer c, int selection);

    Pointer xcb_get_selection_owner_reply(Pointer c, int cookie, PointerByReference error);

    int xcb_set_selection_owner_checked(Pointer c, int owner, int selection, int time);

    int CW_OVERRIDE_REDIRECT = 0x200;
    int WINDOW_CLASS_INPUT_OUTPUT = 1;

    int xcb_create_window_checked(Pointer c, byte depth, int wid, int parent, short x, short y, short width,
                                  short height, short borderWidth, short windowClass, int visual, int valueMask,
                                  int[] values);

    int xcb_destroy_window_checked(Pointer c, int window);

    int xcb_map_window_checked(Pointer c, int window);

    int xcb_unmap_window_checked(Pointer c, int window);

    /** Moves the pointer (tests: put it over a shared window). */
    int xcb_warp_pointer_checked(Pointer c, int srcWindow, int dstWindow, short srcX, short srcY, short srcWidth,
                                 short srcHeight, short dstX, short dstY);

    /** libxcb-shm: the MIT-SHM extension. */
    interface Shm extends Library {
        Shm LIB = Native.load("xcb-shm", Shm.class);

        int xcb_shm_query_version(Pointer c);

        Pointer xcb_shm_query_version_reply(Pointer c, int cookie, PointerByReference error);

        int xcb_shm_attach_checked(Pointer c, int shmseg, int shmid, byte readOnly);

        int xcb_shm_detach(Pointer c, int shmseg);

        int xcb_shm_get_image(Pointer c, int drawable, short x, short y, short width, short height, int planeMask,
                              byte format, int shmseg, int offset);

        Pointer xcb_shm_get_image_reply(Pointer c, int cookie, PointerByReference error);
    }

    /** libxcb-randr: monitors (RandR 1.5). */
    interface Randr extends Library {
        Randr LIB = Native.load("xcb-randr", Randr.class);

        int xcb_randr_get_monitors(Pointer c, int window, byte getActive);

        Pointer xcb_randr_get_monitors_reply(Pointer c, int cookie, PointerByReference error);
    }

    /** libxcb-xfixes: the pointer's image and position (XFixes 4). */
    interface XFixes extends Library {
        XFixes LIB = Native.load("xcb-xfixes", XFixes.class);

        int xcb_xfixes_query_version(Pointer c, int clientMajor, int clientMinor);

        Pointer xcb_xfixes_query_version_reply(Pointer c, int cookie, PointerByReference error);

        int xcb_xfixes_get_cursor_image(Pointer c);

        Pointer xcb_xfixes_get_cursor_image_reply(Pointer c, int cookie, PointerByReference error);
    }

    /** libc: malloc'd replies and System V shared memory. */
    interface LibC extends Library {
        LibC LIB = Native.load("c", LibC.class);
        int IPC_PRIVATE = 0;
        int IPC_CREAT = 01000;
        int IPC_RMID = 0;

        void free(Pointer p);

        int shmget(int key, long size, int flags);

        Pointer shmat(int id, Pointer address, int flags);

        int shmdt(Pointer address);

        int shmctl(int id, int cmd, Pointer buf);
    }
}
