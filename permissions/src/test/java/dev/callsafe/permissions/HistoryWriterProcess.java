package dev.callsafe.permissions;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;

/**
 * Child process for the crash test: begins a capture session, saves the store as the browser does, says
 * {@code capturing} and waits to be killed.
 */
public final class HistoryWriterProcess {
    static final String DEVICE = "Synthetic camera 1";

    private HistoryWriterProcess() {
    }

    public static void main(String[] args) throws Exception {
        try (PermissionStore store = PermissionStore.open(Path.of(args[0]), Clock.systemUTC())) {
            SitePermissions p = new SitePermissions(Clock.systemUTC(), SitePermissions.DEFAULT_LAPSE, Set.of());
            CaptureHistory history = new CaptureHistory(Clock.systemUTC());
            history.begin(Origin.of("https://meet.example"), Origin.of("https://meet.example"), MediaKind.CAMERA, DEVICE);
            store.save(p.snapshot().with(p.defaults().snapshot(), history.snapshot()));
            System.out.println("capturing");
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE); // killed here, mid-call
        }
    }
}
