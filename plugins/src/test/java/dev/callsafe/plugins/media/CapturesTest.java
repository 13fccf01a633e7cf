package dev.callsafe.plugins.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.callsafe.capture.SharedSources;
import dev.callsafe.capture.device.Camera;
import dev.callsafe.capture.device.DeviceCatalog;
import dev.callsafe.capture.device.VideoCapabilities;
import dev.callsafe.capture.video.SwitchableVideoSource;
import dev.callsafe.capture.video.VideoFormat;
import dev.callsafe.capture.video.VideoSource;

/** A camera's shared capture reopened at another format under its consumers (the synthetic camera, really run). */
class CapturesTest {
    /** The synthetic camera, but without a mode of {@code refused}'s size (a webcam that lists fewer formats). */
    private static Camera without(VideoFormat refused) {
        Camera real = DeviceCatalog.syntheticCamera(1);
        return new Camera() {
            @Override
            public String id() {
                return real.id();
            }

            @Override
            public String label() {
                return real.label();
            }

            @Override
            public VideoCapabilities capabilities() {
                return real.capabilities();
            }

            @Override
            public VideoSource open(VideoFormat format) throws IOException {
                if (format.equals(refused)) {
                    throw new IOException("no such mode");
                }
                return real.open(format);
            }
        };
    }

    /** Waits until a frame of {@code w x h} came, after {@code sizes} was cleared. */
    private static void awaitSize(Set<String> sizes, CountDownLatch[] latch, String size) throws InterruptedException {
        assertTrue(latch[0].await(20, TimeUnit.SECONDS), () -> "frames of " + size + " came; saw " + sizes);
    }

    @Test
    void reopeningKeepsTheConsumersAndDeliversTheNewSize() throws Exception {
        Captures captures = new Captures();
        Camera cam = DeviceCatalog.syntheticCamera(1);
        Set<String> sizes = ConcurrentHashMap.newKeySet();
        CountDownLatch[] want = {new CountDownLatch(1)};
        String[] wanted = {"320x240"};
        AtomicInteger ended = new AtomicInteger();
        SharedSources<SwitchableVideoSource>.Lease lease = captures.camera(cam, new VideoFormat(320, 240, 30), f -> {
            String s = f.width() + "x" + f.height();
            sizes.add(s);
            if (s.equals(wanted[0])) {
                want[0].countDown();
            }
        }, ended::incrementAndGet);
        try {
            awaitSize(sizes, want, "320x240");
            wanted[0] = "1280x720";
            want[0] = new CountDownLatch(1);
            captures.reopenCamera(cam, new VideoFormat(1280, 720, 30));
            awaitSize(sizes, want, "1280x720");
            assertEquals(new VideoFormat(1280, 720, 30), lease.source().format());
            assertEquals("1280x720@30.0", captures.cameraFormat(cam.id()).orElseThrow().toString());
            assertEquals(0, ended.get(), "a reopen is no end for the consumers");
            assertEquals(1, captures.opened(), "one shared capture (reopened, not a second one)");
            assertEquals(1, captures.running());
        } finally {
            lease.close();
        }
        assertEquals(0, captures.running());
    }

    @Test
    void aModeTheCameraRefusesLeavesTheCaptureAsItWas() throws Exception {
        Captures captures = new Captures();
        VideoFormat refused = new VideoFormat(1280, 720, 30);
        Camera cam = without(refused);
        CountDownLatch[] frames = {new CountDownLatch(1)};
        AtomicInteger ended = new AtomicInteger();
        var lease = captures.camera(cam, new VideoFormat(320, 240, 30), f -> frames[0].countDown(),
                ended::incrementAndGet);
        try {
            assertThrows(IOException.class, () -> captures.reopenCamera(cam, refused));
            assertEquals(new VideoFormat(320, 240, 30), lease.source().format());
            frames[0] = new CountDownLatch(5);
            assertTrue(frames[0].await(20, TimeUnit.SECONDS), "frames go on at the old format");
            assertEquals(0, ended.get());
        } finally {
            lease.close();
        }
    }
}
