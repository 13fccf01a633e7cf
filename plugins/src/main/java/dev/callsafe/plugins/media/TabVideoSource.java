package dev.callsafe.plugins.media;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;

import javax.imageio.ImageIO;

import dev.callsafe.capture.screen.PaintedSurface;
import dev.callsafe.capture.video.FFmpegJpegDecoder;
import dev.callsafe.capture.video.FrameRateLimit;
import dev.callsafe.capture.video.JpegPacket;
import dev.callsafe.capture.video.VideoFormat;
import dev.callsafe.capture.video.VideoFrame;
import dev.callsafe.capture.video.VideoSourceBase;
import dev.callsafe.plugins.spi.Tab;

/**
 * A browser tab's own rendering as a video source. An off-screen tab's own paints are the pictures: each paint's
 * changed rectangles are copied and only their rows converted to I420 ({@link PaintedSurface}), and the pipe
 * sends the page only what changed. A tab painted in a window (benchmarks), or one whose view is larger than
 * the share's limit, is shared through its screencast instead: its pictures, which are JPEGs, go on
 * as JPEG frames (the receiving page decodes them, as it does an MJPEG camera's; pixels are decoded in Java
 * only for a consumer that reads them, such as a scaled track). A picture that cannot be sent as it is (a
 * kind {@link JpegPacket#clean} refuses) is decoded and converted to I420 on this
 * source's thread. A picture arriving while one is being handled replaces the waiting one, so a slow
 * machine drops pictures instead of adding delay.
 * <p>Frames leave at the track's rate on a clock, as a camera's do: each tick sends the newest picture, or,
 * while the tab is changing (a new picture within {@link #CHANGING_MS}), the last one again. The screencast
 * sends pictures when the compositor draws, at a rate that follows the machine's load (21-30 a second for
 * an animation on two busy cores), and a call's encoder and the page's frame counter would follow it. A
 * still tab sends its picture every {@link #REPEAT_MS} only, to keep the track alive.
 */
final class TabVideoSource extends VideoSourceBase {
    private static final Logger LOG = Logger.getLogger(TabVideoSource.class.getName());
    static final long REPEAT_MS = 500;
    static final long CHANGING_MS = 250;
    /**
     * {@code -Dcallsafe.mjpegPassThrough=false} sends decoded pictures, as before the pass-through (to
     * measure what it saves; the camera's switch, one for both).
     */
    private static final boolean PASS_THROUGH =
            !"false".equals(System.getProperty("callsafe.mjpegPassThrough"));
    /** {@code -Dcallsafe.tabPaints=false} shares tabs through their screencast, as before (benchmarks). */
    private static final boolean PAINTS = !"false".equals(System.getProperty("callsafe.tabPaints"));

    /** Pictures taken from tabs' own paints since start, all shares (tests). */
    private static final java.util.concurrent.atomic.AtomicLong PAINTED_PICTURES = new java.util.concurrent.atomic.AtomicLong();

    static long paintedPictures() {
        return PAINTED_PICTURES.get();
    }

    private final AtomicReference<byte[]> waiting = new AtomicReference<>();
    private final AtomicReference<VideoFrame> last = new AtomicReference<>();
    /** The newest picture not sent yet. */
    private final AtomicReference<VideoFrame> fresh = new AtomicReference<>();
    private volatile long freshAtNanos;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final java.util.concurrent.CompletableFuture<VideoFrame> first = new java.util.concurrent.CompletableFuture<>();
    private final ExecutorService decoder;
    private final ScheduledExecutorService clock;
    private volatile AutoCloseable screencast;
    /** The tab's paints, while they are the pictures (null: the screencast is). */
    private volatile PaintedSurface surface;
    private final AtomicBoolean tooLarge = new AtomicBoolean();
    private final Tab tab;
    private final int maxWidth;
    private final int maxHeight;
    private final FFmpegJpegDecoder pixels = new FFmpegJpegDecoder();
    private final double frameRate;
    private volatile long sequence;
    private volatile long lastDelivered;
    /** Screencast thread only. */
    private final FrameRateLimit rate = new FrameRateLimit();
    private final long started = System.nanoTime();
    private volatile long arrivedCount;
    private volatile long admittedCount;
    private volatile long sentCount;

    TabVideoSource(Tab tab, int maxWidth, int maxHeight, double frameRate) {
        this.frameRate = frameRate;
        decoder = Executors.newSingleThreadExecutor(r -> daemon(r, "tab-capture-" + tab.id()));
        clock = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "tab-capture-clock-" + tab.id()));
        this.tab = tab;
        this.maxWidth = maxWidth;
        this.maxHeight = maxHeight;
        java.util.Optional<AutoCloseable> paints = java.util.Optional.empty();
        if (PAINTS) {
            surface = new PaintedSurface();
            paints = tab.paints(this::painted);
            if (paints.isEmpty()) {
                surface.close();
                surface = null;
            }
        }
        screencast = paints.orElseGet(() -> tab.screencast(maxWidth, maxHeight, this::arrived));
        long period = Math.round(1e9 / frameRate);
        clock.scheduleAtFixedRate(this::tick, period, period, TimeUnit.NANOSECONDS);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** A paint of the tab's view (on the engine's thread): what changed is copied, converted at the next tick. */
    private void painted(java.nio.ByteBuffer bgra, int width, int height, java.awt.Rectangle[] changed) {
        PaintedSurface s = surface;
        if (!running.get() || s == null) {
            return;
        }
        arrivedCount++;
        if (width > maxWidth || height > maxHeight) {
            // a view larger than a share may be (a big window at a high scale): the screencast scales it
            if (tooLarge.compareAndSet(false, true)) {
                try {
                    decoder.execute(this::useScreencast);
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    // closed meanwhile: nothing to switch
                }
            }
            return;
        }
        s.paint(bgra, width, height, changed);
        freshAtNanos = System.nanoTime();
    }

    private void useScreencast() {
        AutoCloseable paints = screencast;
        PaintedSurface s = surface;
        surface = null;
        try {
            paints.close();
        } catch (Exception e) {
            LOG.warning("stopping the tab's paints: " + e);
        }
        s.close();
        if (running.get()) {
            AutoCloseable cast = tab.screencast(maxWidth, maxHeight, this::arrived);
            screencast = cast;
            if (!running.get()) {
                // closed while it started: close() saw the paints' handle, so this one is stopped here
                try {
                    cast.close();
                } catch (Exception e) {
                    LOG.warning("stopping the screencast: " + e);
                }
            }
        }
    }

    private void arrived(byte[] jpeg) {
        // The screencast sends every compositor frame (60 a second for an animation): pictures sooner than
        // the frame rate allows are dropped before any decoding.
        arrivedCount++;
        if (!running.get() || !rate.admit(System.nanoTime() / 1e6, frameRate)) {
            return;
        }
        admittedCount++;
        if (waiting.getAndSet(jpeg) == null) {
            decoder.execute(this::convertWaiting);
        }
    }

    private void convertWaiting() {
        byte[] jpeg = waiting.getAndSet(null);
        if (jpeg == null || !running.get()) {
            return;
        }
        try {
            VideoFrame f = asJpeg(jpeg);
            if (f == null) {
                BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
                if (image == null || image.getWidth() < 2 || image.getHeight() < 2) {
                    return;
                }
                byte[] i420 = RgbToI420.convert(image);
                f = new VideoFrame(image.getWidth() & ~1, image.getHeight() & ~1, sequence++,
                        System.currentTimeMillis(), i420);
            }
            last.set(f);
            first.complete(f);
            freshAtNanos = System.nanoTime();
            fresh.set(f);
        } catch (IOException | RuntimeException e) {
            LOG.warning("tab picture could not be decoded: " + e);
        }
    }

    /** The picture as a JPEG frame the page can take as it is, or null when it must be decoded here. */
    private VideoFrame asJpeg(byte[] jpeg) {
        if (!PASS_THROUGH) {
            return null;
        }
        java.awt.Dimension size = JpegPacket.size(jpeg).orElse(null);
        if (size == null || size.width < 2 || size.height < 2) {
            return null;
        }
        // Frames have even sizes (I420's half-size colour planes): a tab of odd size is announced one line
        // or column smaller, and the page shows the decoded picture without it.
        int w = size.width & ~1;
        int h = size.height & ~1;
        return JpegPacket.clean(jpeg, size.width, size.height)
                .map(clean -> VideoFrame.ofJpeg(w, h, sequence++, System.currentTimeMillis(), clean, pixels))
                .orElse(null);
    }

    /** One tick of the track's clock: the newest picture, or the last one again while the tab changes. */
    private void tick() {
        if (!running.get()) {
            return;
        }
        PaintedSurface s = surface;
        VideoFrame f = s != null ? takePainted(s) : fresh.getAndSet(null);
        if (f != null) {
            deliver(f);
            return;
        }
        VideoFrame l = last.get();
        if (l != null && (System.nanoTime() - freshAtNanos < CHANGING_MS * 1_000_000L
                || System.currentTimeMillis() - lastDelivered >= REPEAT_MS)) {
            deliver(again(l));
        }
    }

    /** The tab's picture if it was painted since the last tick, converted. */
    private VideoFrame takePainted(PaintedSurface s) {
        VideoFrame f = s.takeFrame(sequence, System.currentTimeMillis());
        if (f != null) {
            sequence++;
            admittedCount++;
            PAINTED_PICTURES.incrementAndGet();
            last.set(f);
            first.complete(f);
        }
        return f;
    }

    /** The same picture with a new sequence number and time, in the form it came in. */
    private VideoFrame again(VideoFrame f) {
        long now = System.currentTimeMillis();
        return f.jpeg().map(j -> VideoFrame.ofJpeg(f.width(), f.height(), sequence++, now, j, pixels))
                .orElseGet(() -> new VideoFrame(f.width(), f.height(), sequence++, now, f.i420()));
    }

    private void deliver(VideoFrame f) {
        if (running.get()) {
            lastDelivered = System.currentTimeMillis();
            sentCount++;
            sinks.deliver(f);
        }
    }

    @Override
    public VideoFormat format() {
        VideoFrame f = last.get();
        return f == null ? new VideoFormat(2, 2, frameRate) : new VideoFormat(f.width(), f.height(), frameRate);
    }

    /** The first picture, once the tab delivered one (its size is the track's size). */
    VideoFrame awaitFirst(long timeoutMillis) throws IOException {
        try {
            return first.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            throw new IOException("the tab delivered no picture");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }

    @Override
    public boolean isRunning() {
        return running.get();
    }

    @Override
    public void close() {
        if (running.compareAndSet(true, false)) {
            double seconds = (System.nanoTime() - started) / 1e9;
            LOG.info(String.format("tab capture ended after %.1f s: %.1f pictures a second from the tab, %.1f taken,"
                    + " %.1f frames sent", seconds, arrivedCount / seconds, admittedCount / seconds, sentCount / seconds));
            try {
                screencast.close();
            } catch (Exception e) {
                LOG.warning("stopping the screencast: " + e);
            }
            first.completeExceptionally(new IOException("closed"));
            PaintedSurface s = surface;
            if (s != null) {
                s.close();
            }
            clock.shutdownNow();
            decoder.shutdownNow();
            sinks.end();
            pixels.close();
        }
    }
}
