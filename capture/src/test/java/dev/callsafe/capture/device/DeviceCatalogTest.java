package dev.callsafe.capture.device;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceCatalogTest {
    @TempDir
    Path dev;

    private static List<String> ids(List<? extends Object> devices) {
        return devices.stream().map(d -> d instanceof Camera ? ((Camera) d).id() : ((Microphone) d).id()).toList();
    }

    @Test
    void oneSyntheticDeviceOfEachKindByDefaultAndSeveralWhenConfigured() {
        DeviceCatalog one = new DeviceCatalog(DeviceCatalog.Mode.SYNTHETIC, 1, dev);
        assertEquals(List.of("synthetic-camera-1"), ids(one.cameras()));
        assertEquals(List.of("synthetic-microphone-1"), ids(one.microphones()));
        DeviceCatalog three = new DeviceCatalog(DeviceCatalog.Mode.SYNTHETIC, 3, dev);
        assertEquals(List.of("synthetic-camera-1", "synthetic-camera-2", "synthetic-camera-3"), ids(three.cameras()));
        assertEquals("Synthetic microphone 3 (880 Hz tone)", three.microphones().get(2).label());
        assertTrue(three.cameras().get(1).label().contains("yellow/cyan/magenta"));
        assertArrayEquals(new String[] {"red", "lime", "blue"}, SyntheticCamera.boxColours(1));
    }

    @Test
    void configuredCountIsReadAndBounded() {
        String before = System.getProperty("callsafe.syntheticDevices");
        try {
            System.setProperty("callsafe.syntheticDevices", "3");
            assertEquals(3, DeviceCatalog.syntheticCountFromEnvironment());
            System.setProperty("callsafe.syntheticDevices", "99");
            assertEquals(DeviceCatalog.MAX_SYNTHETIC, DeviceCatalog.syntheticCountFromEnvironment());
            System.setProperty("callsafe.syntheticDevices", "two");
            assertEquals(1, DeviceCatalog.syntheticCountFromEnvironment());
        } finally {
            if (before == null) {
                System.clearProperty("callsafe.syntheticDevices");
            } else {
                System.setProperty("callsafe.syntheticDevices", before);
            }
        }
    }

    @Test
    void pluggingAndUnpluggingIsHeard() {
        DeviceCatalog c = new DeviceCatalog(DeviceCatalog.Mode.SYNTHETIC, 1, dev);
        AtomicInteger changes = new AtomicInteger();
        c.addListener(changes::incrementAndGet);
        c.plug(DeviceCatalog.syntheticCamera(2));
        assertEquals(List.of("synthetic-camera-1", "synthetic-camera-2"), ids(c.cameras()));
        assertTrue(c.unplug("synthetic-camera-1"));
        assertEquals(List.of("synthetic-camera-2"), ids(c.cameras()));
        assertFalse(c.isPresent("synthetic-camera-1"));
        assertFalse(c.unplug("synthetic-camera-1"));
        c.restoreStandIns(1);
        assertEquals(List.of("synthetic-camera-1", "synthetic-camera-2"), ids(c.cameras()));
        assertEquals(3, changes.get());
    }

    @Test
    void aWebcamNodeAppearingAndDisappearingIsSeen() throws Exception {
        DeviceCatalog c = new DeviceCatalog(DeviceCatalog.Mode.REAL, 1, dev);
        AtomicInteger changes = new AtomicInteger();
        c.addListener(changes::incrementAndGet);
        c.startWatching();
        try {
            Path node = Files.createFile(dev.resolve("video7"));
            await(() -> changes.get() >= 1 && ids(c.cameras()).equals(List.of("v4l2:" + node)));
            Files.createFile(dev.resolve("null0")); // not a webcam: not a change
            Files.delete(node);
            await(() -> changes.get() >= 2 && c.cameras().isEmpty());
            assertEquals(2, changes.get());
        } finally {
            c.close();
        }
    }

    private static void await(java.util.function.BooleanSupplier cond) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out");
            }
            Thread.onSpinWait();
        }
    }

    @Test
    void aPolledListThatChangesIsReportedOncePerChange() {
        java.util.concurrent.atomic.AtomicReference<List<String>> lines = new java.util.concurrent.atomic.AtomicReference<>(
                List.of("card0"));
        AtomicInteger changes = new AtomicInteger();
        try (PollingWatcher w = new PollingWatcher("test-poll", lines::get, 20, changes::incrementAndGet)) {
            lines.set(List.of("card0", "usb-headset"));
            await(() -> changes.get() == 1);
            lines.set(List.of("card0"));
            await(() -> changes.get() == 2);
        }
        assertEquals(2, changes.get());
    }

    @Test
    void busyIsRecognisedFromFfmpegsMessage() {
        assertTrue(DeviceBusyException.isBusy("avformat_open_input() error -16: Could not open input \"/dev/video0\""));
        assertFalse(DeviceBusyException.isBusy("avformat_open_input() error -2: No such file"));
    }
}
