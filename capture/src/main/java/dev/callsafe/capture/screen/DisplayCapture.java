package dev.callsafe.capture.screen;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;


/**
 * Captures a share target from the display as masked I420 frames: only the pixels {@link ScreenMask} says are
 * authorised and visible leave it, the rest is grey or frozen ({@link OcclusionStyle}).
 * Status: X11 implemented (MIT-SHM grabs through libxcb, swscale to I420); Windows and macOS throw
 * {@link IOException} (see {@link WindowsWindowInventory}, {@link MacWindowInventory}).
 */
public final class DisplayCapture {
    private static X11ScreenGrabber thumbnailGrabber;

    private DisplayCapture() {
    }

    /**
     * Starts capturing {@code target}. The window stack is re-read for every frame, so a window that appears on
     * top is masked from the next frame on; the source ends by itself when the target is gone (the shared
     * application's last window closed, the shared window closed). The pointer is drawn as
     * {@link ShareOptions#cursor()} says where it is over the share's visible pixels (never when the X server
     * cannot say where it is: see {@link ScreenShareSource#cursorModes()}). Frames have the size of the target's box
     * (rounded down to even numbers), which changes when the box does; a still picture is re-sent once a second.
     *
     * @throws IOException when the platform is unsupported, the display cannot be read, or the target does not
     *         exist or has no pixel on the screen
     */
    public static ScreenShareSource open(ShareTarget target, ShareOptions options) throws IOException {
        WindowInventory inventory = WindowInventory.forThisPlatform();
        if (!(inventory instanceof X11WindowInventory x11) || !x11.isSupported()) {
            throw new IOException("screen capture is not available here: " + inventory.getClass().getSimpleName());
        }
        X11WindowInventory tracking = X11WindowInventory.openTracking();
        X11ScreenGrabber grabber = null;
        try {
            ScreenMask mask = ScreenMask.compute(tracking.windows(), tracking.screens(), target, options.alwaysMasked());
            if (!mask.targetPresent()) {
                throw new IOException("nothing to share: " + target + " does not exist");
            }
            Bounds box = MaskedScreenSource.evenBox(mask.frame());
            if (box.isEmpty()) {
                throw new IOException("nothing to share: " + target + " has no pixel on the screen");
            }
            grabber = X11ScreenGrabber.on(tracking.connection(), false);
            X11Pointer pointer = X11Pointer.on(tracking.connection()).orElse(null);
            // -Dcallsafe.screenXDamage=false: grab and compare the whole box every tick (benchmarks compare both)
            X11Damage damage = Boolean.parseBoolean(System.getProperty("callsafe.screenXDamage", "true"))
                    ? X11Damage.open().orElse(null) : null;
            return new MaskedScreenSource(target, options, tracking, grabber, pointer, damage, box).start();
        } catch (IOException | RuntimeException e) {
            tracking.close();
            if (grabber != null) {
                grabber.close();
            }
            throw e;
        }
    }

    /**
     * A still picture of {@code target} (masked like a frame, obscured parts grey), scaled down to fit
     * {@code maxWidth} x {@code maxHeight} with its aspect ratio kept; for the picker.
     *
     * @throws IOException when the target does not exist or has no pixel on the screen, or the display cannot be read
     */
    public static BufferedImage thumbnail(ShareTarget target, int maxWidth, int maxHeight) throws IOException {
        return thumbnail(target, maxWidth, maxHeight, w -> false);
    }

    /** {@link #thumbnail(ShareTarget, int, int)} with windows that are always masked (grey). */
    public static BufferedImage thumbnail(ShareTarget target, int maxWidth, int maxHeight,
                                          java.util.function.Predicate<DesktopWindow> alwaysMasked) throws IOException {
        WindowInventory inventory = WindowInventory.forThisPlatform();
        if (!(inventory instanceof X11WindowInventory x11) || !x11.isSupported()) {
            throw new IOException("screen capture is not available here: " + inventory.getClass().getSimpleName());
        }
        BufferedImage full;
        synchronized (DisplayCapture.class) {
            if (thumbnailGrabber == null) {
                thumbnailGrabber = X11ScreenGrabber.open();
            }
            ScreenMask mask = ScreenMask.compute(inventory.windows(), inventory.screens(), target, alwaysMasked);
            if (!mask.targetPresent() || mask.frame().isEmpty()) {
                throw new IOException("nothing to show: " + target + " has no pixel on the screen");
            }
            Bounds box = mask.frame();
            ByteBuffer pixels = thumbnailGrabber.grab(box);
            List<Bounds> obscured = mask.obscured().stream().map(r -> r.translate(-box.x(), -box.y())).toList();
            Occluder.greyBgrx(pixels, box.width() * 4, obscured);
            full = new BufferedImage(box.width(), box.height(), BufferedImage.TYPE_INT_RGB);
            int[] rgb = ((DataBufferInt) full.getRaster().getDataBuffer()).getData();
            // BGRX little-endian read as ints is 0xXXRRGGBB: TYPE_INT_RGB ignores the top byte
            pixels.duplicate().order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(rgb, 0, box.width() * box.height());
        }
        double scale = Math.min(1.0, Math.min((double) maxWidth / full.getWidth(), (double) maxHeight / full.getHeight()));
        int w = Math.max(1, (int) Math.round(full.getWidth() * scale));
        int h = Math.max(1, (int) Math.round(full.getHeight() * scale));
        if (w == full.getWidth() && h == full.getHeight()) {
            return full;
        }
        BufferedImage small = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = small.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(full, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return small;
    }
}
