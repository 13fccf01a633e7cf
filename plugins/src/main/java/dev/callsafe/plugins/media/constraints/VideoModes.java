package dev.callsafe.plugins.media.constraints;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The modes a camera (or a running capture) can give a track, as candidates for {@link SelectSettings}. A
 * camera's size and rate vary over a range, so instead of listing every format, one native mode and one
 * crop-and-scale mode are made for each constraint set, aimed at what that set asks within what the basic
 * set requires; the first is aimed at the basic set, so without constraints it is the default 640x480 at
 * 30 frames a second.
 */
public final class VideoModes {
    public static final int DEFAULT_WIDTH = 640;
    public static final int DEFAULT_HEIGHT = 480;
    public static final double DEFAULT_FRAME_RATE = 30;
    /** The smallest picture and lowest rate a track cuts from its source. */
    public static final int MIN_SIZE = 2;
    public static final double MIN_FRAME_RATE = 1;

    /** A device's range of native formats. */
    public record Range(int minWidth, int maxWidth, int minHeight, int maxHeight, double minFrameRate,
                        double maxFrameRate) {
        /** A source running at one format: its only native mode. */
        public static Range fixed(int width, int height, double frameRate) {
            return new Range(width, width, height, height, frameRate, frameRate);
        }
    }

    private VideoModes() {
    }

    /** Native and crop-and-scale modes of a device whose formats span {@code range}, aimed at each set. */
    public static List<VideoMode> of(Range range, MediaConstraints c) {
        List<VideoMode> out = new ArrayList<>();
        for (ConstraintSet target : c.targets()) {
            Aim aim = new Aim(c.basic(), target);
            int w = aim.even(ConstrainableProperty.WIDTH, range.minWidth(), range.maxWidth(),
                    aim.width(DEFAULT_WIDTH, DEFAULT_HEIGHT));
            int h = aim.even(ConstrainableProperty.HEIGHT, range.minHeight(), range.maxHeight(),
                    aim.height(w, DEFAULT_WIDTH, DEFAULT_HEIGHT));
            double fps = aim.number(ConstrainableProperty.FRAME_RATE, range.minFrameRate(), range.maxFrameRate(),
                    aim.target(ConstrainableProperty.FRAME_RATE).orElse(DEFAULT_FRAME_RATE));
            add(out, VideoMode.natively(w, h, fps));
            // Cut from that native mode: a smaller picture (cropped to the asked shape, then scaled), fewer frames.
            // Without a size asked for, the cut keeps the native picture's size and shape.
            int cw = aim.even(ConstrainableProperty.WIDTH, MIN_SIZE, w, aim.width(w, h));
            int ch = aim.even(ConstrainableProperty.HEIGHT, MIN_SIZE, h, aim.height(cw, w, h));
            double cfps = aim.number(ConstrainableProperty.FRAME_RATE, Math.min(MIN_FRAME_RATE, fps), fps,
                    aim.target(ConstrainableProperty.FRAME_RATE).orElse(fps));
            add(out, new VideoMode(w, h, fps, cw, ch, cfps, true));
        }
        return out;
    }

    private static void add(List<VideoMode> out, VideoMode m) {
        if (!out.contains(m)) {
            out.add(m);
        }
    }

    /** What one constraint set aims at, bounded by the basic set's required parts. */
    private static final class Aim {
        private final ConstraintSet basic;
        private final ConstraintSet target;

        Aim(ConstraintSet basic, ConstraintSet target) {
            this.basic = basic;
            this.target = target;
        }

        /** The target set's ideal (or exact), else the basic set's. */
        OptionalDouble target(ConstrainableProperty p) {
            OptionalDouble t = target.range(p).map(RangeConstraint::target).orElse(OptionalDouble.empty());
            return t.isPresent() ? t : basic.range(p).map(RangeConstraint::target).orElse(OptionalDouble.empty());
        }

        OptionalDouble aspect() {
            return target(ConstrainableProperty.ASPECT_RATIO);
        }

        /** The width aimed at; without one asked for, from the height and shape, else {@code dw}. */
        double width(int dw, int dh) {
            OptionalDouble w = target(ConstrainableProperty.WIDTH);
            if (w.isPresent()) {
                return w.getAsDouble();
            }
            OptionalDouble h = target(ConstrainableProperty.HEIGHT);
            if (h.isPresent()) {
                return h.getAsDouble() * aspect().orElse((double) dw / dh);
            }
            return aspect().isPresent() && aspect().getAsDouble() < (double) dw / dh
                    ? dh * aspect().getAsDouble() : dw;
        }

        /** The height aimed at; without one asked for, the width in the asked shape, else in {@code dw:dh}. */
        double height(int width, int dw, int dh) {
            OptionalDouble h = target(ConstrainableProperty.HEIGHT);
            if (h.isPresent()) {
                return h.getAsDouble();
            }
            return width / aspect().orElse((double) dw / dh);
        }

        /** The value nearest {@code want} within the source's range and the required bounds (if they meet). */
        double number(ConstrainableProperty p, double lo, double hi, double want) {
            double rlo = lo;
            double rhi = hi;
            for (ConstraintSet s : new ConstraintSet[] {basic, target}) {
                Optional<RangeConstraint> r = s.range(p);
                if (r.isPresent()) {
                    rlo = Math.max(rlo, r.get().lowest());
                    rhi = Math.min(rhi, r.get().highest());
                }
            }
            if (rlo > rhi) {
                // Nothing meets them: stay within the source, and let the fitness distance say which failed.
                rlo = lo;
                rhi = hi;
            }
            return Math.max(rlo, Math.min(rhi, want));
        }

        /** As {@link #number}, rounded to an even size (I420 pictures), staying within bounds where possible. */
        int even(ConstrainableProperty p, int lo, int hi, double want) {
            double v = number(p, lo, hi, want);
            int down = ((int) Math.floor(v)) & ~1;
            int up = down + 2;
            int best = v - down <= up - v ? down : up;
            int other = best == down ? up : down;
            double rlo = Math.max(lo, lowest(p));
            double rhi = Math.min(hi, highest(p));
            if (best >= rlo && best <= rhi) {
                return best;
            }
            if (other >= rlo && other <= rhi) {
                return other;
            }
            return Math.max(lo + (lo & 1), Math.min(hi & ~1, best));
        }

        private double lowest(ConstrainableProperty p) {
            double lo = Double.NEGATIVE_INFINITY;
            for (ConstraintSet s : new ConstraintSet[] {basic, target}) {
                lo = Math.max(lo, s.range(p).map(RangeConstraint::lowest).orElse(Double.NEGATIVE_INFINITY));
            }
            return lo;
        }

        private double highest(ConstrainableProperty p) {
            double hi = Double.POSITIVE_INFINITY;
            for (ConstraintSet s : new ConstraintSet[] {basic, target}) {
                hi = Math.min(hi, s.range(p).map(RangeConstraint::highest).orElse(Double.POSITIVE_INFINITY));
            }
            return hi;
        }
    }
}
