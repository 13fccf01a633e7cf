package dev.callsafe.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.callsafe.capture.device.SyntheticCamera;
import dev.callsafe.capture.video.VideoFormat;
import dev.callsafe.capture.video.VideoFrame;
import dev.callsafe.capture.video.VideoSource;

class SharedSourcesTest {
    @Test
    void consumersOfOneDeviceShareOneCaptureUntilTheLastLeaves() throws Exception {
        SharedSources<VideoSource> shared = new SharedSources<>();
        SyntheticCamera cam = new SyntheticCamera("c", "C");
        AtomicInteger opens = new AtomicInteger();
        SharedSources.Opener<VideoSource> opener = () -> {
            opens.incrementAndGet();
            return cam.open(new VideoFormat(160, 120, 30));
        };
        List<VideoFrame> a = new CopyOnWriteArrayList<>();
        List<VideoFrame> b = new CopyOnWriteArrayList<>();
        var first = shared.acquire("c", opener, s -> {
            s.addSink(a::add);
            return () -> s.removeSink(a::add);
        });
        java.util.function.Consumer<VideoFrame> sinkB = b::add;
        var second = shared.acquire("c", opener, s -> {
            s.addSink(sinkB);
            return () -> s.removeSink(sinkB);
        });
        assertSame(first.source(), second.source());
        assertEquals(1, opens.get());
        assertEquals(1, shared.openedCount());
        assertEquals(2, shared.consumers("c"));
        long deadline = System.nanoTime() + 10_000_000_000L;
        while ((a.size() < 3 || b.size() < 3) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertTrue(a.size() >= 3 && b.size() >= 3, "both consumers fed");
        second.close();
        assertTrue(first.source().isRunning(), "still one consumer");
        int before = b.size();
        first.close();
        assertFalse(first.source().isRunning());
        assertEquals(0, shared.runningCount());
        assertTrue(b.size() <= before + 1, "a consumer that left is not fed");
        shared.acquire("c", opener, s -> () -> { }).close();
        assertEquals(2, shared.openedCount(), "a new capture after the last consumer left");
    }

    @Test
    void closingADeviceEndsItForEveryConsumer() throws Exception {
        SharedSources<VideoSource> shared = new SharedSources<>();
        SyntheticCamera cam = new SyntheticCamera("c", "C");
        AtomicInteger ended = new AtomicInteger();
        var lease = shared.acquire("c", () -> cam.open(new VideoFormat(160, 120, 30)), s -> {
            s.onEnded(ended::incrementAndGet);
            return () -> { };
        });
        shared.closeDevice("c");
        assertEquals(1, ended.get());
        assertFalse(shared.running("c").isPresent());
        lease.close();
    }
}
