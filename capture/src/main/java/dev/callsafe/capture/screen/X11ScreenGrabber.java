package dev.callsafe.capture.screen;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import com.sun.jna.Pointer;

/**
 * Reads rectangles of the X root window as BGRX (32 bits per pixel, rows without padding). Through MIT-SHM when
 * the server offers it: the server writes straight into a shared segment, so a grab costs one copy in the
 * server and one round trip. Two slots alternate, so the previous grab stays readable for comparison.
 * Without MIT-SHM (a remote display), plain GetImage copies the pixels through the socket.
 * Not thread-safe: one capture thread owns a grabber.
 */
final class X11ScreenGrabber implements AutoCloseable {
    private final X11Connection x;
    private final boolean ownsConnection;
    private final boolean shm;
    private int shmId = -1;
    private int shmSeg;
    private Pointer shmAddress;
    private long slotBytes;
    private ByteBuffer[] slots = new ByteBuffer[2];
    private int current = 1;

    private X11ScreenGrabber(X11Connection x, boolean ownsConnection, boolean shm) {
        this.x = x;
        this.ownsConnection = ownsConnection;
        this.shm = shm;
    }

    /** Connects to {@code DISPLAY}; fails unless the root window has 24 or 32 bits per pixel. */
    static X11ScreenGrabber open() throws IOException {
        X11Connection x = X11Connection.open();
        try {
            return on(x, true);
        } catch (IOException e) {
            x.close();
            throw e;
        }
    }

    /**
     * A grabber on an existing connection (a capture grabs on its tracking inventory's connection, so that the
     * grab's reply orders the structure events before it); {@code owns} says whether closing closes it.
     */
    static X11ScreenGrabber on(X11Connection x, boolean owns) throws IOException {
        return on(x, owns, true);
    }

    /** As {@link #on(X11Connection, boolean)}; {@code allowShm} false forces plain GetImage (tests). */
    static X11ScreenGrabber on(X11Connection x, boolean owns, boolean allowShm) throws IOException {
        if (x.rootDepth() != 24 && x.rootDepth() != 32) {
            throw new IOException("unsupported X screen depth " + x.rootDepth() + " (24 or 32 bits needed)");
        }
        boolean shm = false;
        if (allowShm) {
            try {
                Pointer v = x.await(Xcb.Shm.LIB::xcb_shm_query_version_reply, Xcb.Shm.LIB.xcb_shm_query_version(x.pointer()));
                shm = v != null;
                X11Connection.free(v);
            } catch (LinkageError e) {
                shm = false; // libxcb-shm missing: plain GetImage still works
            }
        }
        return new X11ScreenGrabber(x, owns, shm);
    }

    /** Whether grabs go through shared memory. */
    boolean usesSharedMemory() {
        return shm;
    }

    /**
     * Grabs {@code box} (which must lie inside the root window) into the next slot and returns it: BGRX rows of
     * {@code box.width() * 4} bytes, valid until the grab after next.
     */
    ByteBuffer grab(Bounds box) throws IOException {
        long bytes = box.area() * 4;
        current ^= 1;
        if (shm) {
            ensureSegment(bytes);
            int offset = (int) (current * slotBytes);
            Pointer r = x.await(Xcb.Shm.LIB::xcb_shm_get_image_reply, Xcb.Shm.LIB.xcb_shm_get_image(x.pointer(), x.root(),
                    (short) box.x(), (short) box.y(), (short) box.width(), (short) box.height(), ~0,
                    (byte) Xcb.IMAGE_FORMAT_Z_PIXMAP, shmSeg, offset));
            if (r == null) {
                throw new IOException("X server refused to read " + box + " of the screen");
            }
            X11Connection.free(r);
            ByteBuffer slot = slots[current];
            slot.limit((int) bytes).position(0);
            return slot;
        }
        Pointer r = x.await(Xcb.LIB::xcb_get_image_reply, Xcb.LIB.xcb_get_image(x.pointer(), (byte) Xcb.IMAGE_FORMAT_Z_PIXMAP,
                x.root(), (short) box.x(), (short) box.y(), (short) box.width(), (short) box.height(), ~0));
        if (r == null) {
            throw new IOException("X server refused to read " + box + " of the screen");
        }
        try {
            long length = (r.getInt(4) & 0xffffffffL) * 4;
            if (length < bytes) {
                throw new IOException("short image from the X server: " + length + " < " + bytes);
            }
            if (slots[current] == null || slots[current].capacity() < bytes) {
                slots[current] = ByteBuffer.allocateDirect((int) bytes).order(ByteOrder.LITTLE_ENDIAN);
            }
            ByteBuffer slot = slots[current];
            slot.clear();
            slot.put(r.getByteBuffer(32, bytes));
            slot.flip();
            return slot;
        } finally {
            X11Connection.free(r);
        }
    }

    /**
     * Grabs {@code rows} rows of {@code box} from row {@code fromRow} (box coordinates) into the slot of the last
     * {@link #grab}, which must have been of the same box, and returns that slot: only the rows that were drawn to
     * are read again, the rest keeps the last grab's pixels (and whatever the caller painted over them).
     */
    ByteBuffer grabRows(Bounds box, int fromRow, int rows) throws IOException {
        int stride = box.width() * 4;
        ByteBuffer slot = slots[current];
        if (slot == null || (long) box.height() * stride > (shm ? slotBytes : slot.capacity())) {
            throw new IllegalStateException("no whole grab of " + box + " to update");
        }
        if (shm) {
            int offset = (int) (current * slotBytes + (long) fromRow * stride);
            Pointer r = x.await(Xcb.Shm.LIB::xcb_shm_get_image_reply, Xcb.Shm.LIB.xcb_shm_get_image(x.pointer(), x.root(),
                    (short) box.x(), (short) (box.y() + fromRow), (short) box.width(), (short) rows, ~0,
                    (byte) Xcb.IMAGE_FORMAT_Z_PIXMAP, shmSeg, offset));
            if (r == null) {
                throw new IOException("X server refused to read rows of " + box + " of the screen");
            }
            X11Connection.free(r);
        } else {
            Pointer r = x.await(Xcb.LIB::xcb_get_image_reply, Xcb.LIB.xcb_get_image(x.pointer(), (byte) Xcb.IMAGE_FORMAT_Z_PIXMAP,
                    x.root(), (short) box.x(), (short) (box.y() + fromRow), (short) box.width(), (short) rows, ~0));
            if (r == null) {
                throw new IOException("X server refused to read rows of " + box + " of the screen");
            }
            try {
                long bytes = (long) rows * stride;
                if ((r.getInt(4) & 0xffffffffL) * 4 < bytes) {
                    throw new IOException("short image from the X server");
                }
                slot.limit(slot.capacity()).position(fromRow * stride);
                slot.put(r.getByteBuffer(32, bytes));
            } finally {
                X11Connection.free(r);
            }
        }
        slot.limit(box.height() * stride).position(0);
        return slot;
    }

    /** The slot before the last grab (null before the second grab): for telling a still screen. */
    ByteBuffer previous() {
        ByteBuffer p = slots[current ^ 1];
        return p == null ? null : p.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    }

    private void ensureSegment(long bytes) throws IOException {
        if (bytes <= slotBytes) {
            return;
        }
        releaseSegment();
        long size = Math.max(bytes, 64L * 64 * 4);
        Xcb.LibC libc = Xcb.LibC.LIB;
        int id = libc.shmget(Xcb.LibC.IPC_PRIVATE, size * 2, Xcb.LibC.IPC_CREAT | 0600);
        if (id < 0) {
            throw new IOException("shmget failed for " + size * 2 + " bytes");
        }
        Pointer address = libc.shmat(id, null, 0);
        if (Pointer.nativeValue(address) == -1L) {
            libc.shmctl(id, Xcb.LibC.IPC_RMID, null);
            throw new IOException("shmat failed");
        }
        int seg = Xcb.LIB.xcb_generate_id(x.pointer());
        Pointer error = Xcb.LIB.xcb_request_check(x.pointer(),
                Xcb.Shm.LIB.xcb_shm_attach_checked(x.pointer(), seg, id, (byte) 0));
        // marked for removal once attached on both sides: the kernel frees it when the last user detaches,
        // even if this process dies
        libc.shmctl(id, Xcb.LibC.IPC_RMID, null);
        if (error != null) {
            X11Connection.free(error);
            libc.shmdt(address);
            throw new IOException("X server could not attach the shared memory segment");
        }
        shmId = id;
        shmSeg = seg;
        shmAddress = address;
        slotBytes = size;
        slots = new ByteBuffer[] {
                address.getByteBuffer(0, size).order(ByteOrder.LITTLE_ENDIAN),
                address.getByteBuffer(size, size).order(ByteOrder.LITTLE_ENDIAN)};
    }

    private void releaseSegment() {
        if (shmId >= 0) {
            Xcb.Shm.LIB.xcb_shm_detach(x.pointer(), shmSeg);
            Xcb.LIB.xcb_flush(x.pointer());
            Xcb.LibC.LIB.shmdt(shmAddress);
            shmId = -1;
            slotBytes = 0;
            slots = new ByteBuffer[2];
        }
    }

    @Override
    public void close() {
        releaseSegment();
        if (ownsConnection) {
            x.close();
        }
    }
}
