package dev.callsafe.plugins.media;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.callsafe.capture.SharedSources;
import dev.callsafe.capture.device.Camera;
import dev.callsafe.capture.device.DeviceCatalog;
import dev.callsafe.capture.video.SwitchableVideoSource;
import dev.callsafe.capture.video.VideoFormat;

/** The prompt's preview and the track an Allow starts share one capture of the device. */
class DevicePreviewsTest {
    @Test
    void allowedBeforeThePreviewOpenedTheCameraIsOpenedOnceForTheTrack() throws Exception {
        Captures captures = new Captures();
        ExecutorService opener = Executors.newSingleThreadExecutor();
        try {
            Camera cam = DeviceCatalog.syntheticCamera(1);
            VideoFormat format = new VideoFormat(320, 240, 30);
            DeviceOption<Camera> option = new DeviceOption<>(cam.id(), cam.label(), cam, Optional.of(format),
                    Optional.empty(), Optional.empty(), List.of());
            // The opener is busy (another device opening) when the prompt shows its preview...
            CountDownLatch busy = new CountDownLatch(1);
            opener.execute(() -> {
                try {
                    busy.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            DevicePreviews.Preview preview = new DevicePreviews(captures, opener).camera(option, img -> { }, (m, h) -> { });
            // ...and the person allows: the answer queues the track's capture, then the prompt closes.
            Future<SharedSources<SwitchableVideoSource>.Lease> track = opener.submit(() -> captures.camera(cam, format, f -> { }, () -> { }));
            preview.close();
            busy.countDown();
            SharedSources<SwitchableVideoSource>.Lease lease = track.get(20, TimeUnit.SECONDS);
            opener.submit(() -> { }).get(10, TimeUnit.SECONDS); // anything the preview queued has run
            assertEquals(1, captures.opened(), "one capture, for the track");
            assertEquals(1, captures.running());
            lease.close();
            assertEquals(0, captures.running());
        } finally {
            opener.shutdownNow();
        }
    }

    @Test
    void answeredWhileThePreviewOpensTheTrackJoinsItsCapture() throws Exception {
        Captures captures = new Captures();
        ExecutorService opener = Executors.newSingleThreadExecutor();
        try {
            Camera cam = DeviceCatalog.syntheticCamera(1);
            VideoFormat format = new VideoFormat(320, 240, 30);
            DeviceOption<Camera> option = new DeviceOption<>(cam.id(), cam.label(), cam, Optional.of(format),
                    Optional.empty(), Optional.empty(), List.of());
            DevicePreviews.Preview preview = new DevicePreviews(captures, opener).camera(option, img -> { }, (m, h) -> { });
            Future<SharedSources<SwitchableVideoSource>.Lease> track = opener.submit(() -> captures.camera(cam, format, f -> { }, () -> { }));
            preview.close();
            SharedSources<SwitchableVideoSource>.Lease lease = track.get(20, TimeUnit.SECONDS);
            opener.submit(() -> { }).get(10, TimeUnit.SECONDS);
            assertEquals(1, captures.opened(), "the track joined the preview's capture");
            assertEquals(1, captures.running());
            lease.close();
            assertEquals(0, captures.running());
        } finally {
            opener.shutdownNow();
        }
    }
}
