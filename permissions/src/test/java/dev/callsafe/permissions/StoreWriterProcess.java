package dev.callsafe.permissions;

import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;

/** Child process for crash tests: saves ever-growing states as fast as it can until it is killed. */
public final class StoreWriterProcess {
    private StoreWriterProcess() {
    }

    public static void main(String[] args) throws Exception {
        Path profile = Path.of(args[0]);
        try (PermissionStore store = PermissionStore.open(profile, Clock.systemUTC())) {
            SitePermissions p = new SitePermissions(Clock.systemUTC(), SitePermissions.DEFAULT_LAPSE, Set.of());
            p.restore(store.load().snapshot());
            System.out.println("ready");
            System.out.flush();
            for (int i = 0; ; i++) {
                p.installApplication(Origin.of("https://p" + ProcessHandle.current().pid() + "-" + i + ".example"), EnumSet.of(MediaKind.CAMERA));
                store.save(p.snapshot());
                System.out.println("saved " + (i + 1));
                System.out.flush();
            }
        }
    }
}
