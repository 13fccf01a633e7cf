package dev.callsafe.plugins.media;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.function.DoubleConsumer;

import dev.callsafe.capture.device.Camera;
import dev.callsafe.capture.device.DeviceBusyException;
import dev.callsafe.capture.device.Microphone;
import dev.callsafe.capture.video.VideoFrame;

/**
 * The prompt's live camera preview and microphone level, fed from the same shared capture a granted track
 * will use (so previewing then allowing opens the device once). Devices open on the media opener thread.
 */
final class DevicePreviews {
    /** Width of the preview picture. */
    static final int PREVIEW_WIDTH = 160;
    private static final long PREVIEW_PERIOD_MS = 100;
    private static final long LEVEL_PERIOD_MS = 50;

    private final Captures captures;
    private final ExecutorService opener;

    /** Why a preview could not start. */
    interface Trouble {
        /** @param heldElsewhere the operating system says another application holds the device */
        void report(String message, boolean heldElsewhere);
    }

    DevicePreviews(Captures captures, ExecutorService opener) {
        this.captures = captures;
        this.opener = opener;
    }

    /** A running preview; closing it leaves the capture (the last consumer closes the device). */
    static final class Preview implements AutoCloseable {
        private final ExecutorService opener;
        private AutoCloseable lease;
        private boolean closed;

        private Preview(ExecutorService opener) {
            this.opener = opener;
        }

        private synchronized boolean isClosed() {
            return closed;
        }

        /**
         * Keeps the lease of the opened capture; if the preview was closed meanwhile (the prompt answered while
         * the device opened), the lease is closed behind the capture the answer queued, which then joins it
         * instead of opening the device a second time.
         */
        private void opened(AutoCloseable l) {
            synchronized (this) {
                if (!closed) {
                    lease = l;
                    return;
                }
            }
            opener.execute(() -> closeQuietly(l));
        }

        private static void closeQuietly(AutoCloseable l) {
            try {
                l.close();
            } catch (Exception e) {
                // the device is gone already
            }
        }

        @Override
        public void close() {
            AutoCloseable l;
            synchronized (this) {
                closed = true;
                l = lease;
                lease = null;
            }
            if (l != null) {
                // Queued behind any capture the answer started, so a granted track joins this capture.
                opener.execute(() -> closeQuietly(l));
            }
        }
    }

    /** Shows a camera: thumbnails about ten times a second; {@code failed} hears why it cannot open. */
    Preview camera(DeviceOption<Camera> option, Consumer<BufferedImage> show, Trouble failed) {
        Preview p = new Preview(opener);
        opener.execute(() -> {
            if (p.isClosed()) {
                return; // answered before the preview got to open: the device opens once, for the track
            }
            long[] last = {0};
            Consumer<VideoFrame> sink = f -> {
                long now = System.currentTimeMillis();
                if (now - last[0] >= PREVIEW_PERIOD_MS) {
                    last[0] = now;
                    show.accept(thumbnail(f));
                }
            };
            try {
                p.opened(captures.camera(option.device(), option.format().orElseThrow(), sink, () -> { }));
            } catch (DeviceBusyException e) {
                failed.report(option.label() + " is in use by another application", true);
            } catch (Exception e) {
                failed.report("Cannot preview " + option.label() + ": " + e.getMessage(), false);
            }
        });
        return p;
    }

    /** Shows a microphone's level (0..1, on a decibel scale) about twenty times a second. */
    Preview microphone(DeviceOption<Microphone> option, DoubleConsumer level, Trouble failed) {
        Preview p = new Preview(opener);
        opener.execute(() -> {
            if (p.isClosed()) {
                return;
            }
            long[] last = {0};
            double[] peak = {0};
            try {
                AutoCloseable lease = captures.microphone(option.device(), chunk -> {
                    double sum = 0;
                    for (float x : chunk.samples()) {
                        sum += x * x;
                    }
                    peak[0] = Math.max(peak[0], Math.sqrt(sum / Math.max(1, chunk.samples().length)));
                    long now = System.currentTimeMillis();
                    if (now - last[0] >= LEVEL_PERIOD_MS) {
                        last[0] = now;
                        level.accept(meter(peak[0]));
                        peak[0] = 0;
                    }
                }, () -> { });
                p.opened(lease);
            } catch (DeviceBusyException e) {
                failed.report(option.label() + " is in use by another application", true);
            } catch (IOException e) {
                failed.report("Cannot listen to " + option.label() + ": " + e.getMessage(), false);
            } catch (Exception e) {
                failed.report("Cannot listen to " + option.label(), false);
            }
        });
        return p;
    }

    /** An RMS level on the meter's scale: -60 dBFS and below is empty, 0 dBFS is full. */
    static double meter(double rms) {
        if (rms <= 0) {
            return 0;
        }
        double db = 20 * Math.log10(rms);
        return Math.max(0, Math.min(1, (db + 60) / 60));
    }

    /** A small RGB picture of an I420 frame, sampled (not filtered): enough to recognise the source. */
    static BufferedImage thumbnail(VideoFrame f) {
        int w = PREVIEW_WIDTH;
        int h = Math.max(2, (int) ((long) f.height() * w / f.width()));
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        byte[] px = f.i420();
        int fw = f.width();
        int fh = f.height();
        int ySize = fw * fh;
        int cw = fw / 2;
        for (int y = 0; y < h; y++) {
            int sy = y * fh / h;
            for (int x = 0; x < w; x++) {
                int sx = x * fw / w;
                double luma = 1.164 * ((px[sy * fw + sx] & 0xff) - 16);
                int ci = (sy / 2) * cw + sx / 2;
                double u = (px[ySize + ci] & 0xff) - 128;
                double v = (px[ySize + ySize / 4 + ci] & 0xff) - 128;
                int r = clamp(luma + 1.596 * v);
                int g = clamp(luma - 0.392 * u - 0.813 * v);
                int b = clamp(luma + 2.017 * u);
                img.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        return img;
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }
}
