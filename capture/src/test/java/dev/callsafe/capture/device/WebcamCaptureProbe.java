package dev.callsafe.capture.device;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.github.sarxos.webcam.Webcam;
import com.github.sarxos.webcam.WebcamDiscoveryEvent;
import com.github.sarxos.webcam.WebcamDiscoveryListener;
import com.github.sarxos.webcam.WebcamDiscoverySupport;

/**
 * Measures what webcam-capture (the design card's choice for camera discovery) does on this machine, next to
 * the capture module's own discovery: time of the first camera list, cameras found, threads started, native
 * code unpacked, and how a plug is noticed. Prints a Markdown table; run by {@code scripts/bench-webcam-capture.sh}.
 * One library per JVM run (argument {@code callsafe} or {@code webcam-capture}): both load natives once.
 */
public final class WebcamCaptureProbe {
    private WebcamCaptureProbe() {
    }

    public static void main(String[] args) throws Exception {
        String which = args.length > 0 ? args[0] : "webcam-capture";
        Set<String> threadsBefore = threadNames();
        Set<Path> tmpBefore = listTmp();
        long t0 = System.nanoTime();
        List<String> cameras;
        String watch;
        String error = "";
        if (which.equals("callsafe")) {
            DeviceCatalog catalog = new DeviceCatalog(DeviceCatalog.Mode.REAL, 0, Path.of("/dev"));
            cameras = catalog.cameras().stream().map(Camera::label).toList();
            long listed = System.nanoTime();
            catalog.startWatching();
            watch = "inotify on /dev (WatchService), sound cards polled every " + DeviceCatalog.SOUND_POLL_MILLIS + " ms";
            report(which, cameras, listed - t0, threadsBefore, tmpBefore, watch, error);
            catalog.close();
            return;
        }
        try {
            cameras = Webcam.getWebcams(30, TimeUnit.SECONDS).stream().map(Webcam::getName)
                    .collect(Collectors.toList());
        } catch (Throwable e) {
            cameras = List.of();
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        long listed = System.nanoTime();
        Webcam.addDiscoveryListener(new WebcamDiscoveryListener() {
            @Override
            public void webcamFound(WebcamDiscoveryEvent event) {
            }

            @Override
            public void webcamGone(WebcamDiscoveryEvent event) {
            }
        });
        // the discovery service starts on the first listener when the driver supports scanning
        com.github.sarxos.webcam.WebcamDriver driver = Webcam.getDriver();
        boolean scanning = driver instanceof WebcamDiscoverySupport d && d.isScanPossible();
        watch = scanning ? "polls the driver every " + ((WebcamDiscoverySupport) driver).getScanInterval() + " ms"
                : "none (driver cannot scan)";
        // give the service's thread time to appear; measured, not synchronised on
        Thread.sleep(500);
        report(which + " (" + Webcam.getDriver().getClass().getSimpleName() + ")", cameras, listed - t0,
                threadsBefore, tmpBefore, watch, error);
        Webcam.getDiscoveryService().stop();
        System.exit(0);
    }

    private static void report(String library, List<String> cameras, long nanos, Set<String> threadsBefore,
            Set<Path> tmpBefore, String watch, String error) throws Exception {
        Set<String> started = threadNames();
        started.removeAll(threadsBefore);
        Set<Path> unpacked = listTmp();
        unpacked.removeAll(tmpBefore);
        System.out.printf("| %s | %.0f ms | %d %s | %d %s | %s | %s |%s%n", library, nanos / 1e6, cameras.size(),
                cameras, started.size(), new java.util.TreeSet<>(started), watch,
                unpacked.isEmpty() ? "nothing" : unpacked.toString(),
                error.isEmpty() ? "" : " error: " + error + " |");
    }

    private static Set<String> threadNames() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .collect(Collectors.toCollection(HashSet::new));
    }

    /** Native code unpacked by a library lands in the temp dir (BridJ) or a cache (JavaCPP). */
    private static Set<Path> listTmp() throws Exception {
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.collect(Collectors.toCollection(HashSet::new));
        }
    }
}
