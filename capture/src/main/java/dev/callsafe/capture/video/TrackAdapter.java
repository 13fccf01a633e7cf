package dev.callsafe.capture.video;

/**
 * Cuts one track's frames from its source's: crops the centre of each picture to the track's shape, scales it
 * to the track's size and drops frames above the track's rate. Several tracks of one camera each have their
 * own; the target can change while frames flow ({@code applyConstraints}).
 */
public final class TrackAdapter {
    /**
     * What the track delivers: most frames a second and the size, either exactly ({@code crop}: the centre cut
     * to the size's shape, then scaled) or as a box the whole picture is shrunk to fit, keeping its shape (a
     * shared screen or window, whose size can change while it is shared).
     */
    public record Target(int width, int height, double frameRate, boolean crop) {
        public Target {
            if (width <= 0 || height <= 0 || width % 2 != 0 || height % 2 != 0 || !(frameRate > 0)) {
                throw new IllegalArgumentException("bad target " + width + "x" + height + "@" + frameRate);
            }
        }
    }

    private volatile Target target;
    private final FrameRateLimit rate = new FrameRateLimit();

    public TrackAdapter(Target target) {
        this.target = target;
    }

    public Target target() {
        return target;
    }

    public void retarget(Target t) {
        this.target = t;
    }

    /** The frame the track gets, or null when this one is dropped to keep the rate. Capture thread. */
    public VideoFrame adapt(VideoFrame in) {
        Target t = target;
        if (!rate.admit(in.captureTimeMillis(), t.frameRate())) {
            return null;
        }
        int w = t.width();
        int h = t.height();
        if (!t.crop()) {
            double s = Math.min(1, Math.min((double) w / in.width(), (double) h / in.height()));
            w = Math.max(2, (int) Math.round(in.width() * s) & ~1);
            h = Math.max(2, (int) Math.round(in.height() * s) & ~1);
        }
        if (in.width() == w && in.height() == h) {
            return in;
        }
        return scale(in, w, h, t.crop());
    }

    /** The size a picture of {@code sw x sh} gets from a fitting target (for the settings a page reads). */
    public static int[] fitted(int sw, int sh, int w, int h) {
        double s = Math.min(1, Math.min((double) w / sw, (double) h / sh));
        return new int[] {Math.max(2, (int) Math.round(sw * s) & ~1), Math.max(2, (int) Math.round(sh * s) & ~1)};
    }

    private static VideoFrame scale(VideoFrame in, int w, int h, boolean crop) {
        int sw = in.width();
        int sh = in.height();
        // The source region: with crop, the largest centred part of the target's shape; else all of it.
        int cw = sw;
        int ch = sh;
        if (crop) {
            if ((long) sw * h > (long) sh * w) {
                cw = (int) Math.round((double) sh * w / h) & ~1;
            } else {
                ch = (int) Math.round((double) sw * h / w) & ~1;
            }
        }
        int cx = ((sw - cw) / 2) & ~1;
        int cy = ((sh - ch) / 2) & ~1;
        byte[] out = new byte[w * h * 3 / 2];
        byte[] src = in.i420();
        plane(src, 0, sw, cx, cy, cw, ch, out, 0, w, h);
        int sOff = sw * sh;
        int oOff = w * h;
        plane(src, sOff, sw / 2, cx / 2, cy / 2, cw / 2, ch / 2, out, oOff, w / 2, h / 2);
        plane(src, sOff + sOff / 4, sw / 2, cx / 2, cy / 2, cw / 2, ch / 2, out, oOff + oOff / 4, w / 2, h / 2);
        return new VideoFrame(w, h, in.sequence(), in.captureTimeMillis(), out);
    }

    /** Samples one plane's region into an output plane: box average when shrinking, nearest when growing. */
    private static void plane(byte[] src, int sOff, int stride, int cx, int cy, int cw, int ch, byte[] out, int oOff,
                              int w, int h) {
        cw = Math.max(cw, 1);
        ch = Math.max(ch, 1);
        // Each output column's source span, worked out once per plane; at most 4 samples a side are averaged.
        int[] x0 = new int[w];
        int[] xn = new int[w];
        int[] xstep = new int[w];
        for (int x = 0; x < w; x++) {
            x0[x] = cx + (int) ((long) x * cw / w);
            int x1 = Math.max(x0[x] + 1, cx + (int) ((long) (x + 1) * cw / w));
            xstep[x] = Math.max(1, (x1 - x0[x]) / 4);
            xn[x] = x1;
        }
        for (int y = 0; y < h; y++) {
            int y0 = cy + (int) ((long) y * ch / h);
            int y1 = Math.max(y0 + 1, cy + (int) ((long) (y + 1) * ch / h));
            int ystep = Math.max(1, (y1 - y0) / 4);
            int o = oOff + y * w;
            if (y1 - y0 == 1) {
                int row = sOff + y0 * stride;
                for (int x = 0; x < w; x++) {
                    if (xn[x] - x0[x] == 1) {
                        out[o + x] = src[row + x0[x]];
                        continue;
                    }
                    int sum = 0;
                    int n = 0;
                    for (int xx = x0[x]; xx < xn[x]; xx += xstep[x]) {
                        sum += src[row + xx] & 0xff;
                        n++;
                    }
                    out[o + x] = (byte) (sum / n);
                }
                continue;
            }
            for (int x = 0; x < w; x++) {
                int sum = 0;
                int n = 0;
                for (int yy = y0; yy < y1; yy += ystep) {
                    int row = sOff + yy * stride;
                    for (int xx = x0[x]; xx < xn[x]; xx += xstep[x]) {
                        sum += src[row + xx] & 0xff;
                        n++;
                    }
                }
                out[o + x] = (byte) (sum / n);
            }
        }
    }
}
