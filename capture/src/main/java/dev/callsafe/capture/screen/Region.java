package dev.callsafe.capture.screen;

import java.util.ArrayList;
import java.util.List;

/** A set of pixels kept as disjoint rectangles, with union and difference: the arithmetic of {@link ScreenMask}. */
final class Region {
    private List<Bounds> rects = new ArrayList<>();

    /** Adds the pixels of {@code b} (only the parts not already in the region, so rectangles stay disjoint). */
    void add(Bounds b) {
        if (b.isEmpty()) {
            return;
        }
        List<Bounds> pieces = new ArrayList<>(List.of(b));
        for (Bounds r : rects) {
            if (pieces.isEmpty()) {
                return;
            }
            if (!r.intersects(b)) {
                continue;
            }
            List<Bounds> next = new ArrayList<>(pieces.size() + 4);
            for (Bounds p : pieces) {
                subtract(p, r, next);
            }
            pieces = next;
        }
        rects.addAll(pieces);
    }

    /** Removes the pixels of {@code b}. */
    void subtract(Bounds b) {
        if (b.isEmpty()) {
            return;
        }
        List<Bounds> next = null;
        for (int i = 0; i < rects.size(); i++) {
            Bounds r = rects.get(i);
            if (next == null) {
                if (!r.intersects(b)) {
                    continue;
                }
                next = new ArrayList<>(rects.size() + 4);
                next.addAll(rects.subList(0, i));
            }
            subtract(r, b, next);
        }
        if (next != null) {
            rects = next;
        }
    }

    /** Adds to {@code out} the parts of {@code r} outside {@code cut}: at most four bands. */
    private static void subtract(Bounds r, Bounds cut, List<Bounds> out) {
        Bounds i = r.intersection(cut);
        if (i.isEmpty()) {
            out.add(r);
            return;
        }
        if (i.y() > r.y()) {
            out.add(Bounds.fromCorners(r.x(), r.y(), r.right(), i.y()));
        }
        if (i.bottom() < r.bottom()) {
            out.add(Bounds.fromCorners(r.x(), i.bottom(), r.right(), r.bottom()));
        }
        if (i.x() > r.x()) {
            out.add(Bounds.fromCorners(r.x(), i.y(), i.x(), i.bottom()));
        }
        if (i.right() < r.right()) {
            out.add(Bounds.fromCorners(i.right(), i.y(), r.right(), i.bottom()));
        }
    }

    List<Bounds> rectangles() {
        return List.copyOf(rects);
    }

    boolean isEmpty() {
        return rects.isEmpty();
    }
}
