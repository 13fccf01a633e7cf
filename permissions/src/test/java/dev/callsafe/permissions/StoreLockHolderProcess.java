package dev.callsafe.permissions;

import java.nio.file.Path;
import java.time.Clock;

/** Child process holding a profile's store open until its stdin closes. */
public final class StoreLockHolderProcess {
    private StoreLockHolderProcess() {
    }

    public static void main(String[] args) throws Exception {
        try (PermissionStore store = PermissionStore.open(Path.of(args[0]), Clock.systemUTC())) {
            System.out.println("locked");
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold the lock
            }
        }
    }
}
