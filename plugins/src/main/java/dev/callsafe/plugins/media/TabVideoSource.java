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

import dev.callsafe.capture.video.FFmpegJpegDecoder;
import dev.callsafe.capture.video.JpegPacket;
import dev.callsafe.capture.video.VideoFormat;
import dev.callsafe.capture.video.VideoFrame;
import dev.callsafe.capture.video.VideoSourceBase;
import dev.callsafe.plugins.spi.Tab;

/**
 * A browser tab's own rendering as a video source: the tab's screencast pictures, which are JPEGs, go on
 * as JPEG frames (the receiving page decodes them, as it does an MJPEG camera's; pixels are decoded in Java
 * only for a consumer that reads them, such as a scaled track). A picture that cannot be sent as it is (a
 * kind {@link JpegPacket#clean} refuses) is decoded and converted to I420 on this
 * source's thread. A picture arriving while one is being handled replaces the waiting one, so a slow
 * machine drops pictures instead of adding delay. The page only repaints when something changes, so the
 * last picture is repeated every {@link #REPEAT_MS} to keep the track alive.
 */
final class TabVideoSource extends VideoSourceBase {
    private static final Logger LOG = Logger.getLogger(TabVideoSource.class.getName());
    static final long REPEAT_MS = 500;
    /**
     * {@code -Dcallsafe.mjpegPassThrough=false} sends decoded pictures, as before the pass-through (to
     * measure what it saves; the camera's switch, one for both).
     */
    private static final boolean PASS_THROUGH =
            !"false".equals(System.getProperty("callsafe.mjpegPassThrough"));

    private final AtomicReference<byte[]> waiting = new AtomicReference<>();
    private final AtomicReference<VideoFrame> last = new AtomicReference<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final java.util.concurrent.CompletableFuture<VideoFrame> first = new java.util.concurrent.CompletableFuture<>();
    private final ExecutorService decoder;
    private final ScheduledExecutorService repeater;
    private final AutoCloseable screencast;
    private final FFmpegJpegDecoder pixels = new FFmpegJpegDecoder();
    private final double frameRate;
    private volatile long sequence;
    private volatile long lastDelivered;
    private final long minGapNanos;
    private long lastAccepted = Long.MIN_VALUE / 2;

    TabVideoSource(Tab tab, int maxWidth, int maxHeight, double frameRate) {
        this.frameRate = frameRate;
        this.minGapNanos = (long) (0.9e9 / frameRate); // a little slack: a 30 fps page is not halved by jitter
        decoder = Executors.newSingleThreadExecutor(r -> daemon(r, "tab-capture-" + tab.id()));
        repeater = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "tab-capture-repeat-" + tab.id()));
        screencast = tab.screencast(maxWidth, maxHeight, this::arrived);
        repeater.scheduleAtFixedRate(this::repeat, REPEAT_MS, REPEAT_MS / 2, TimeUnit.MILLISECONDS);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private void arrived(byte[] jpeg) {
        // The screencast sends every compositor frame (60 a second for an animation): pictures sooner than
        // the frame rate allows are dropped before any decoding.
        long now = System.nanoTime();
        if (!running.get() || now - lastAccepted < minGapNanos) {
            return;
        }
        lastAccepted = now;
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
            deliver(f);
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

    private void repeat() {
        VideoFrame f = last.get();
        if (f != null && running.get() && System.currentTimeMillis() - lastDelivered >= REPEAT_MS) {
            decoder.execute(() -> deliver(again(f)));
        }
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
            try {
                screencast.close();
            } catch (Exception e) {
                LOG.warning("stopping the screencast: " + e);
            }
            first.completeExceptionally(new IOException("closed"));
            repeater.shutdownNow();
            decoder.shutdownNow();
            sinks.end();
            pixels.close();
        }
    }
}
