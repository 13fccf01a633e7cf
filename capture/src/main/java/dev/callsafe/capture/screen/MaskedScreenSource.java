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

    /** Benchmarks only: convert every frame even when nothing changed (the cost the still-frame check saves). */
    volatile boolean convertStillFrames;

    private Bounds lastBox;
    private List<Bounds> lastObscured = List.of();
    private VideoFrame lastFrame;
    private long lastDelivered;
    private long sequence;

    MaskedScreenSource(ShareTarget target, ShareOptions options, X11WindowInventory inventory, X11ScreenGrabber grabber,
                       X11Pointer pointer, Bounds initialBox) {
        this.target = target;
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
        // asked before the grab and read after it: one round trip for both, the position of the grab's moment
        int pointerCookie = mode != CursorMode.NEVER ? pointer.request() : 0;
        ByteBuffer pixels = grabber.grab(box);
        PointerImage shownPointer = mode != CursorMode.NEVER ? shown(pointer.reply(pointerCookie), mode) : null;
        if (inventory.changedSinceLastRead()) {
            racedTicks.incrementAndGet();
            lastBox = null; // this grab will be the "previous" one but was never converted: next tick converts all
            return Outcome.RACED;
        }
        int stride = box.width() * 4;
        List<Bounds> obscured = relative(mask.obscured(), box);
        if (shownPointer != null) {
            // before masking: the pointer over a masked window is greyed with it (where a person points inside a
            // window that is not shared is not shared either)
            shownPointer.paint(pixels, stride, box);
        }
        // masked pixels never reach the converter, nor the comparison with the previous grab (greyed the same way)
        Occluder.greyBgrx(pixels, stride, obscured);
        long now = System.nanoTime();
        boolean[] dirty = null; // null: convert every strip
        if (!convertStillFrames && lastFrame != null && box.equals(lastBox) && obscured.equals(lastObscured)) {
            dirty = I420Converter.changedStrips(pixels, grabber.previous(), stride, box.height());
            if (dirty == null) {
                stillTicks.incrementAndGet();
                if (now - lastDelivered >= REPEAT_STILL_NANOS) {
                    deliver(lastFrame.i420(), box, now);
                }
                return Outcome.DONE;
            }
        }
        byte[] i420 = new byte[box.width() * box.height() * 3 / 2];
        converter.convert(pixels, stride, box.width(), box.height(), dirty, i420);
        boolean freeze = options.occlusion() == OcclusionStyle.FREEZE && lastFrame != null
                && lastFrame.width() == box.width() && lastFrame.height() == box.height();
        Occluder.occludeI420(i420, box.width(), box.height(), obscured, freeze ? lastFrame.i420() : null);
        lastBox = box;
        lastObscured = obscured;
        convertedFrames.incrementAndGet();
        deliver(i420, box, now);
        return Outcome.DONE;
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

    private void deliver(byte[] i420, Bounds box, long now) {
        if (format.width() != box.width() || format.height() != box.height()) {
            format = new VideoFormat(box.width(), box.height(), options.frameRate());
        }
        lastDelivered = now;
        lastFrame = new VideoFrame(box.width(), box.height(), sequence++, System.currentTimeMillis(), i420);
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
