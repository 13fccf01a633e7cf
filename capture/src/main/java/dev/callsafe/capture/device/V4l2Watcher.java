package dev.callsafe.capture.device;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Watches a device directory ({@code /dev}) for {@code video*} nodes appearing or disappearing, the way udev
 * shows a webcam being plugged or unplugged, and reports each change.
 */
final class V4l2Watcher implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(V4l2Watcher.class.getName());

    private final WatchService service;
    private final Thread thread;

    V4l2Watcher(Path dir, Runnable onChange) throws IOException {
        service = FileSystems.getDefault().newWatchService();
        dir.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE);
        thread = new Thread(() -> loop(onChange), "v4l2-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop(Runnable onChange) {
        try {
            while (true) {
                WatchKey key = service.take();
                boolean video = false;
                for (WatchEvent<?> e : key.pollEvents()) {
                    Object ctx = e.context();
                    video |= e.kind() == StandardWatchEventKinds.OVERFLOW
                            || ctx instanceof Path && ((Path) ctx).getFileName().toString().startsWith("video");
                }
                key.reset();
                if (video) {
                    try {
                        onChange.run();
                    } catch (RuntimeException ex) {
                        LOG.log(Level.WARNING, "device change listener failed", ex);
                    }
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed
        }
    }

    @Override
    public void close() {
        try {
            service.close();
        } catch (IOException e) {
            LOG.log(Level.FINE, "closing watcher", e);
        }
    }
}
