package dev.callsafe.capture.screen;

import java.util.List;
import java.util.function.Predicate;

/**
 * Which pixels of a share may leave the machine: pure geometry over the window stack, recomputed for every
 * frame. The frame is the target's box on the desktop (a screen; the bounding box of an application's windows;
 * one window), clipped to the desktop. Walking the stack bottom to top, an authorised window adds its pixels
 * to the visible region and any other window removes its pixels; a window for which {@code alwaysMasked}
 * holds is never authorised. For a screen every window is authorised except the always-masked ones (the
 * browser's own, seed 001) and those of unknown application (no WM_CLASS: nobody can tell they are not the
 * browser's), so a window on top of the browser's is shown again where it covers it.
 * Everything in the frame that is not visible is {@link #obscured()}.
 */
public final class ScreenMask {
    private final boolean targetPresent;
    private final Bounds frame;
    private final List<Bounds> visible;
    private final List<Bounds> obscured;

    private ScreenMask(boolean targetPresent, Bounds frame, List<Bounds> visible, List<Bounds> obscured) {
        this.targetPresent = targetPresent;
        this.frame = frame;
        this.visible = visible;
        this.obscured = obscured;
    }

    /**
     * Computes the mask.
     *
     * @param stack the viewable windows, bottom first ({@link WindowInventory#windows()})
     * @param screens the screens ({@link WindowInventory#screens()}); their union is the capturable desktop
     * @param target what the user chose
     * @param alwaysMasked windows never shown
     */
    public static ScreenMask compute(List<DesktopWindow> stack, List<Bounds> screens, ShareTarget target,
                                     Predicate<DesktopWindow> alwaysMasked) {
        Bounds desktop = Bounds.EMPTY;
        for (Bounds s : screens) {
            desktop = desktop.union(s);
        }
        Predicate<DesktopWindow> authorised;
        Bounds box = Bounds.EMPTY;
        boolean present = false;
        Region region = new Region();
        if (target instanceof ShareTarget.Screen s) {
            present = s.index() >= 0 && s.index() < screens.size();
            box = present ? screens.get(s.index()) : Bounds.EMPTY;
            region.add(box.intersection(desktop));
            authorised = w -> !w.application().isEmpty();
        } else if (target instanceof ShareTarget.Application a) {
            authorised = a::owns;
            for (DesktopWindow w : stack) {
                if (a.owns(w) && !alwaysMasked.test(w)) {
                    present = true;
                    box = box.union(w.bounds());
                }
            }
        } else {
            long id = ((ShareTarget.Window) target).windowId();
            authorised = w -> w.id() == id;
            for (DesktopWindow w : stack) {
                if (w.id() == id && !alwaysMasked.test(w)) {
                    present = true;
                    box = w.bounds();
                }
            }
        }
        Bounds frame = box.intersection(desktop);
        if (!present || frame.isEmpty()) {
            return new ScreenMask(present, Bounds.EMPTY, List.of(), List.of());
        }
        for (DesktopWindow w : stack) {
            Bounds b = w.bounds().intersection(frame);
            if (b.isEmpty()) {
                continue;
            }
            if (authorised.test(w) && !alwaysMasked.test(w)) {
                region.add(b);
            } else {
                region.subtract(b);
            }
        }
        Region hidden = new Region();
        hidden.add(frame);
        for (Bounds v : region.rectangles()) {
            hidden.subtract(v);
        }
        return new ScreenMask(true, frame, region.rectangles(), hidden.rectangles());
    }

    /** False when the target no longer exists (every window of the application closed, no such screen). */
    public boolean targetPresent() {
        return targetPresent;
    }

    /** The shared box in absolute desktop pixels; empty when the target is gone or wholly off the desktop. */
    public Bounds frame() {
        return frame;
    }

    /** The authorised, visible pixels: disjoint rectangles inside {@link #frame()}, absolute pixels. */
    public List<Bounds> visible() {
        return visible;
    }

    /** The rest of the frame, to be shown grey or frozen: disjoint rectangles, absolute pixels. */
    public List<Bounds> obscured() {
        return obscured;
    }

    /** Whether the pixel at absolute (x, y) may be shown. */
    public boolean isVisible(int x, int y) {
        for (Bounds v : visible) {
            if (v.contains(x, y)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "ScreenMask[frame=" + frame + ", visible=" + visible + ", obscured=" + obscured + "]";
    }
}
