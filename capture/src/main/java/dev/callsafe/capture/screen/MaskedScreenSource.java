package dev.callsafe.capture.screen;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.callsafe.capture.CaptureThread;
import dev.callsafe.capture.video.VideoFormat;
import dev.callsafe.capture.video.VideoFrame;
import dev.callsafe.capture.video.VideoSourceBase;

/**
 * The capture loop of a share: each tick reads the window stack, computes the {@link ScreenMask}, grabs the
 * frame's box on the inventory's connection and drops the frame if the X server reported any structure change
 * before handling the grab (a window mapped or moved since the stack was read could otherwise show unmasked),
 * masks, converts to I420 and delivers. The stack is only re-read after such a change (or once a second).
 * A still screen costs a grab and a comparison: when the box, the mask and the pixels equal the previous
 * grab's, nothing is converted and the last frame is re-sent only once a second; otherwise only the strips of
 * rows that changed are converted again ({@link I420Converter}).
 * While the target is only hidden (minimised, on another workspace) nothing is sent; the source ends once it has
 * been gone for half a second (window managers unmap and map again while restoring).
 * Frames have the size of the target's box rounded down to even numbers, so they change size when the shared
 * application's windows move apart or together.
 * The pointer (read through XFixes with each grab) is drawn into the grabbed pixels before masking, so it shows
 * only where it is over the share's visible pixels: masking greys it out over any other window, and the box
 * clips it to the shared screen or window.
 */
final class MaskedScreenSource extends VideoSourceBase implements ScreenShareSource {
    private static final Logger LOG = Logger.getLogger(MaskedScreenSource.class.getName());
    /** A still screen is re-sent this often, so a late viewer still gets a picture. */
    static final long REPEAT_STILL_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final ShareTarget target;
    private final ShareOptions options;
    private final X11WindowInventory inventory;
    private final X11ScreenGrabber grabber;
    private final I420Converter converter = new I420Converter();
    private final CaptureThread capture = new CaptureThread();
    /** Reads the pointer; null when it cannot be read (no XFixes): then only {@link CursorMode#NEVER}. */
    private final X11Pointer pointer;
    private volatile CursorMode cursor;
    private volatile VideoFormat format;

    /** Ticks that found the picture unchanged (nothing converted). */
    final AtomicLong stillTicks = new AtomicLong();
    /** Ticks dropped because the window stack changed during the grab. */
    final AtomicLong racedTicks = new AtomicLong();
    /** Ticks run (each reads the stack). */
    final AtomicLong ticks = new AtomicLong();
    /** Frames converted and delivered. */
    final AtomicLong convertedFrames = new AtomicLong();
    /** Grabs of the whole box (each compared with the one before). */
    final AtomicLong wholeGrabs = new AtomicLong();
    /** Ticks that grabbed only the rows the screen was drawn to (damage tracking). */
    final AtomicLong rowGrabs = new AtomicLong();

    /**
     * With damage tracking the box is still grabbed whole (and compared) this often: drawing the X server did not
     * report (some compositors draw where the root's damage does not see) shows within this time.
     */
    static final long WHOLE_GRAB_NANOS = TimeUnit.SECONDS.toNanos(1);

    /** Benchmarks only: convert every frame even when nothing changed (the cost the still-frame check saves). */
    volatile boolean convertStillFrames;

    /** What was drawn to the screen since the last tick; null: the whole box is grabbed and compared every tick. */
    private final X11Damage damage;
    private long lastWholeGrab;
    /** The pointer drawn into the current grab's pixels, null when none. */
    private PointerKey drawnPointer;
    private Bounds lastBox;
    private List<Bounds> lastObscured = List.of();
    private VideoFrame lastFrame;
    private long lastDelivered;
    private long sequence;

    MaskedScreenSource(ShareTarget target, ShareOptions options, X11WindowInventory inventory, X11ScreenGrabber grabber,
                       X11Pointer pointer, X11Damage damage, Bounds initialBox) {
        this.target = target;
        this.damage = damage;
        this.pointer = pointer;
        this.cursor = pointer == null ? CursorMode.NEVER : options.cursor();
        this.options = options;
        this.inventory = inventory;
        this.grabber = grabber;
        this.format = new VideoFormat(Math.max(2, initialBox.width() & ~1), Math.max(2, initialBox.height() & ~1),
                options.frameRate());
    }

    /** The box a mask's frame is captured as: its size rounded down to even numbers. */
    static Bounds evenBox(Bounds frame) {
        return new Bounds(frame.x(), frame.y(), frame.width() & ~1, frame.height() & ~1);
    }

    MaskedScreenSource start() {
        capture.start(this::loop, "screen-capture-" + target);
        return this;
    }

    private void loop() {
        long period = (long) (TimeUnit.SECONDS.toNanos(1) / options.frameRate());
        long next = System.nanoTime();
        try {
            while (capture.isRunning()) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                } else if (wait < -period * 3) {
                    next = System.nanoTime(); // fell far behind: skip rather than burst
                }
                next += period;
                Outcome outcome = tick();
                // a change during the grab: try again at once (a window being dragged changes every few ms)
                for (int retry = 0; outcome == Outcome.RACED && retry < MAX_RETRIES && capture.isRunning(); retry++) {
                    outcome = tick();
                }
                if (outcome == Outcome.GONE) {
                    LOG.info("shared target gone: " + target);
                    break;
                }
            }
        } catch (IOException | RuntimeException | LinkageError e) {
            LOG.log(Level.WARNING, "screen capture failed", e);
        } finally {
            release();
        }
    }

    /** What one tick did. */
    enum Outcome {
        /** A frame sent, a still frame skipped, or nothing on screen to send. */
        DONE,
        /** The stack changed before the grab was handled: the grab was thrown away. */
        RACED,
        /** The target no longer exists. */
        GONE
    }

    /** How long the target must be absent (not viewable, not hidden but managed) before the source ends. */
    static final long GONE_AFTER_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    private long absentSince;

    /** Immediate retries of a raced tick before waiting for the next one. */
    private static final int MAX_RETRIES = 3;

    /** One frame. */
    Outcome tick() throws IOException {
        // screens first: reading them may re-read the stack, and the stack the mask uses must be the last one
        // read, the one the "changed since" check after the grab is about
        List<Bounds> screens = inventory.screens();
        List<DesktopWindow> before = inventory.windows();
        ScreenMask mask = ScreenMask.compute(before, screens, target, options.alwaysMasked());
        ticks.incrementAndGet();
        if (!mask.targetPresent()) {
            if (hiddenRecently()) {
                absentSince = 0;
                return Outcome.DONE;
            }
            // window managers unmap, reparent and map again while restoring or moving a window between
            // workspaces: only an absence that lasts is an end
            long now = System.nanoTime();
            if (absentSince == 0) {
                absentSince = now;
            }
            if (now - absentSince < GONE_AFTER_NANOS) {
                return Outcome.DONE;
            }
            LOG.info("target absent for " + (now - absentSince) / 1_000_000 + " ms; stack: " + before);
            return Outcome.GONE;
        }
        absentSince = 0;
        Bounds box = evenBox(mask.frame());
        if (box.isEmpty()) {
            return Outcome.DONE; // wholly off-screen for now: nothing to send
        }
        CursorMode mode = cursor;
        List<Bounds> obscured = relative(mask.obscured(), box);
        long now = System.nanoTime();
        // asked before the grab and read after it: one round trip for both, the position of the grab's moment
        int pointerCookie = mode != CursorMode.NEVER ? pointer.request() : 0;
        // what was drawn since the last tick, asked (and cleared) before the grab: a drawing after it is next tick's
        List<Bounds> damaged = damage != null ? damage.take() : null;
        if (damaged != null && !convertStillFrames && lastFrame != null && box.equals(lastBox)
                && obscured.equals(lastObscured) && now - lastWholeGrab < WHOLE_GRAB_NANOS) {
            return drawnRows(box, obscured, damaged, mode, pointerCookie, now);
        }
        ByteBuffer pixels = grabber.grab(box);
        wholeGrabs.incrementAndGet();
        PointerImage shownPointer = mode != CursorMode.NEVER ? shown(pointer.reply(pointerCookie), mode) : null;
        if (inventory.changedSinceLastRead()) {
            racedTicks.incrementAndGet();
            lastBox = null; // this grab will be the "previous" one but was never converted: next tick converts all
            return Outcome.RACED;
        }
        lastWholeGrab = now;
        int stride = box.width() * 4;
        drawnPointer = null;
        if (shownPointer != null) {
            // before masking: the pointer over a masked window is greyed with it (where a person points inside a
            // window that is not shared is not shared either)
            shownPointer.paint(pixels, stride, box);
            drawnPointer = pointerKey(shownPointer, box);
        }
        // masked pixels never reach the converter, nor the comparison with the previous grab (greyed the same way)
        Occluder.greyBgrx(pixels, stride, obscured);
        ChangedStrips dirty = null; // null: convert every strip
        if (!convertStillFrames && lastFrame != null && box.equals(lastBox) && obscured.equals(lastObscured)) {
            dirty = I420Converter.changedStrips(pixels, grabber.previous(), stride, box.height());
            if (dirty == null) {
                return still(box, now);
            }
        }
        convertAndDeliver(pixels, box, obscured, dirty, now);
        return Outcome.DONE;
    }

    /**
     * A tick with damage tracking on an unchanged box and mask: grabs again only the strips of rows in which the
     * screen was drawn to outside the masked windows (their own repaints, a call's video in the browser, cost
     * nothing), and those under the pointer's old and new places; nothing at all when none was.
     */
    private Outcome drawnRows(Bounds box, List<Bounds> obscured, List<Bounds> damaged, CursorMode mode,
                              int pointerCookie, long now) throws IOException {
        PointerImage shownPointer = mode != CursorMode.NEVER ? shown(pointer.reply(pointerCookie), mode) : null;
        PointerKey pointerNow = shownPointer == null ? null : pointerKey(shownPointer, box);
        int strips = (box.height() + I420Converter.STRIP - 1) / I420Converter.STRIP;
        ChangedStrips dirty = new ChangedStrips(box.width(), box.height());
        boolean any = false;
        for (Bounds d : relative(damaged, box)) {
            Region visible = new Region();
            visible.add(d);
            obscured.forEach(visible::subtract);
            for (Bounds v : visible.rectangles()) {
                any |= dirty.mark(v);
            }
        }
        if (!java.util.Objects.equals(pointerNow, drawnPointer)) {
            // the pointer moved or changed: its old place is grabbed again (the drawn pointer goes), the new drawn
            any |= drawnPointer != null && dirty.mark(drawnPointer.rect());
            any |= pointerNow != null && dirty.mark(pointerNow.rect());
        } else if (pointerNow != null && dirty.touches(pointerNow.rect())) {
            dirty.mark(pointerNow.rect()); // drawn over again in full, never blended twice
        }
        if (!any) {
            return still(box, now);
        }
        int stride = box.width() * 4;
        ByteBuffer pixels = null;
        List<Bounds> grabbed = new ArrayList<>();
        for (int k = 0; k < strips; k++) {
            if (!dirty.changed(k)) {
                continue;
            }
            int end = k;
            while (end + 1 < strips && dirty.changed(end + 1)) {
                end++;
            }
            int from = k * I420Converter.STRIP;
            int rows = Math.min(box.height(), (end + 1) * I420Converter.STRIP) - from;
            pixels = grabber.grabRows(box, from, rows);
            grabbed.add(new Bounds(0, from, box.width(), rows));
            k = end;
        }
        rowGrabs.incrementAndGet();
        if (inventory.changedSinceLastRead()) {
            racedTicks.incrementAndGet();
            lastBox = null; // the slot now holds unmasked rows: the next tick grabs and converts all
            return Outcome.RACED;
        }
        drawnPointer = null;
        if (shownPointer != null) {
            shownPointer.paint(pixels, stride, box);
            drawnPointer = pointerNow;
        }
        Occluder.greyBgrx(pixels, stride, clip(obscured, grabbed));
        convertAndDeliver(pixels, box, obscured, dirty, now);
        return Outcome.DONE;
    }

    /** Where and which pointer image was drawn into the picture (box coordinates, clipped to it). */
    private record PointerKey(Bounds rect, int serial) {
    }

    private static PointerKey pointerKey(PointerImage p, Bounds box) {
        Bounds r = p.bounds().intersection(box);
        return r.isEmpty() ? null : new PointerKey(r.translate(-box.x(), -box.y()), p.serial());
    }

    /** Nothing changed: the last frame again, once a second. */
    private Outcome still(Bounds box, long now) {
        stillTicks.incrementAndGet();
        if (now - lastDelivered >= REPEAT_STILL_NANOS) {
            deliver(lastFrame.i420(), box, now, new int[0]);
        }
        return Outcome.DONE;
    }

    private void convertAndDeliver(ByteBuffer pixels, Bounds box, List<Bounds> obscured, ChangedStrips dirty, long now) {
        int stride = box.width() * 4;
        // with the same box and mask, only the converted parts can differ from the last frame (masked parts are
        // greyed, or frozen from it, the same way): the new frame starts as a copy of the last and takes only those
        // parts, and a consumer need not compare the rest
        boolean sameSize = lastFrame != null && lastFrame.width() == box.width() && lastFrame.height() == box.height();
        boolean patch = dirty != null && sameSize && box.equals(lastBox) && obscured.equals(lastObscured);
        // Arrays.copyOf, not clone(): compiled hot in the JDK, it skips zeroing the 3 MB first; this code runs too
        // seldom (30 a second) to be compiled well itself
        byte[] i420 = patch ? java.util.Arrays.copyOf(lastFrame.i420(), lastFrame.i420().length)
                : new byte[box.width() * box.height() * 3 / 2];
        boolean whole = converter.convert(pixels, stride, box.width(), box.height(), dirty, i420, patch);
        boolean freeze = options.occlusion() == OcclusionStyle.FREEZE && sameSize;
        List<Bounds> occluded = whole ? obscured : clip(obscured, dirty.rectangles());
        Occluder.occludeI420(i420, box.width(), box.height(), occluded, freeze ? lastFrame.i420() : null);
        int[] changed = whole ? null : dirty.rows();
        lastBox = box;
        lastObscured = obscured;
        convertedFrames.incrementAndGet();
        deliver(i420, box, now, changed);
    }

    /** The parts of {@code rects} inside {@code within}. */
    private static List<Bounds> clip(List<Bounds> rects, List<Bounds> within) {
        List<Bounds> out = new ArrayList<>();
        for (Bounds r : rects) {
            for (Bounds w : within) {
                Bounds c = r.intersection(w);
                if (!c.isEmpty()) {
                    out.add(c);
                }
            }
        }
        return out;
    }

    private PointerImage lastPointer;
    private long pointerMovedAt;

    /** The pointer if {@code mode} draws it now: always, or in MOTION mode while it moves and a moment after. */
    private PointerImage shown(PointerImage now, CursorMode mode) {
        if (now == null) {
            return null;
        }
        PointerImage before = lastPointer;
        lastPointer = now;
        if (before != null && (before.x() != now.x() || before.y() != now.y() || before.serial() != now.serial())) {
            pointerMovedAt = System.nanoTime();
        }
        if (mode == CursorMode.MOTION) {
            boolean recent = pointerMovedAt != 0
                    && System.nanoTime() - pointerMovedAt < TimeUnit.MILLISECONDS.toNanos(CursorMode.MOTION_LINGER_MILLIS);
            return recent ? now : null;
        }
        return now;
    }

    /** Whether the X server reports where the screen is drawn to (tests). */
    boolean tracksDamage() {
        return damage != null;
    }

    @Override
    public Set<CursorMode> cursorModes() {
        return pointer == null ? EnumSet.of(CursorMode.NEVER) : EnumSet.allOf(CursorMode.class);
    }

    @Override
    public void setCursor(CursorMode mode) {
        if (!cursorModes().contains(mode)) {
            throw new IllegalArgumentException("this share cannot draw the pointer: " + mode);
        }
        cursor = mode;
    }

    @Override
    public CursorMode cursor() {
        return cursor;
    }

    /** When {@link #hidden()} last said yes. */
    private long hiddenSeenAt;

    /**
     * {@link #hidden()}, asked at most twice a second: it reads WM_STATE of every unmapped top-level window, one
     * round trip each, too much for every tick while a shared application stays minimised.
     */
    private boolean hiddenRecently() throws IOException {
        long now = System.nanoTime();
        if (hiddenSeenAt != 0 && now - hiddenSeenAt < GONE_AFTER_NANOS) {
            return true;
        }
        hiddenSeenAt = hidden() ? now : 0;
        return hiddenSeenAt != 0;
    }

    /**
     * Whether the target, gone from the screen, is only hidden (minimised, on another workspace): then the share
     * waits for it, sending nothing.
     */
    private boolean hidden() throws IOException {
        for (DesktopWindow w : inventory.hiddenWindows()) {
            if (options.alwaysMasked().test(w)) {
                continue;
            }
            if (target instanceof ShareTarget.Application a && a.owns(w)
                    || target instanceof ShareTarget.Window t && t.windowId() == w.id()) {
                return true;
            }
        }
        return false;
    }

    private void deliver(byte[] i420, Bounds box, long now, int[] changedRows) {
        if (format.width() != box.width() || format.height() != box.height()) {
            format = new VideoFormat(box.width(), box.height(), options.frameRate());
        }
        lastDelivered = now;
        lastFrame = new VideoFrame(box.width(), box.height(), sequence++, System.currentTimeMillis(), i420, changedRows);
        sinks.deliver(lastFrame);
    }

    /** The rectangles moved to the box's coordinates and clipped to it. */
    private static List<Bounds> relative(List<Bounds> rects, Bounds box) {
        List<Bounds> out = new ArrayList<>(rects.size());
        for (Bounds r : rects) {
            Bounds c = r.intersection(box);
            if (!c.isEmpty()) {
                out.add(c.translate(-box.x(), -box.y()));
            }
        }
        return out;
    }

    private void release() {
        capture.stopped();
        try {
            converter.close();
            grabber.close();
            if (damage != null) {
                damage.close();
            }
            inventory.close();
        } finally {
            sinks.end();
        }
    }

    @Override
    public VideoFormat format() {
        return format;
    }

    @Override
    public boolean isRunning() {
        return capture.isRunning();
    }

    @Override
    public void close() {
        capture.stop();
    }
}
