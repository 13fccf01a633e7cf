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

import dev.callsafe.capture.video.VideoFormat;
import dev.callsafe.capture.video.VideoFrame;
import dev.callsafe.capture.video.VideoSourceBase;
import dev.callsafe.plugins.spi.Tab;

/**
 * A browser tab's own rendering as a video source: the tab's screencast pictures, decoded and converted
 * to I420 on this source's thread (a picture arriving while one is being converted replaces the waiting
 * one, so a slow machine drops pictures instead of adding delay). The page only repaints when something
 * changes, so the last picture is repeated every {@link #REPEAT_MS} to keep the track alive.
 */
final class TabVideoSource extends VideoSourceBase {
    private static final Logger LOG = Logger.getLogger(TabVideoSource.class.getName());
    static final long REPEAT_MS = 500;

    private final AtomicReference<byte[]> waiting = new AtomicReference<>();
    private final AtomicReference<VideoFrame> last = new AtomicReference<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final java.util.concurrent.CompletableFuture<VideoFrame> first = new java.util.concurrent.CompletableFuture<>();
    private final ExecutorService decoder;
    private final ScheduledExecutorService repeater;
    private final AutoCloseable screencast;
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
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
            if (image == null || image.getWidth() < 2 || image.getHeight() < 2) {
                return;
            }
            byte[] i420 = RgbToI420.convert(image);
            VideoFrame f = new VideoFrame(image.getWidth() & ~1, image.getHeight() & ~1, sequence++,
                    System.currentTimeMillis(), i420);
            last.set(f);
            first.complete(f);
            deliver(f);
        } catch (IOException | RuntimeException e) {
            LOG.warning("tab picture could not be decoded: " + e);
        }
    }

    private void repeat() {
        VideoFrame f = last.get();
        if (f != null && running.get() && System.currentTimeMillis() - lastDelivered >= REPEAT_MS) {
            decoder.execute(() -> deliver(new VideoFrame(f.width(), f.height(), sequence++,
                    System.currentTimeMillis(), f.i420())));
        }
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
        }
    }
}
