package dev.callsafe.permissions;

import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;

/**
 * Child process for crash tests: saves one generation after another as fast as it can until it is killed.
 * Generation g is {@value #SITES} sites all named after g ({@link #site}), so a state mixing two writes
 * shows. It prints {@code saving g} before and {@code saved g} after each save.
 */
public final class StoreWriterProcess {
    /** Sites per generation: about 30 KB of JSON, so a kill often lands inside a write. */
    static final int SITES = 150;

    private StoreWriterProcess() {
    }

    /** The j-th site of generation g. */
    static String site(int generation, int j) {
        return "https://g" + generation + "-s" + j + ".example";
    }

    public static void main(String[] args) throws Exception {
        Path profile = Path.of(args[0]);
        try (PermissionStore store = PermissionStore.open(profile, Clock.systemUTC())) {
            int generation = StoreGeneration.of(store.load().snapshot()).orElse(0);
            System.out.println("ready");
            System.out.flush();
            while (true) {
                generation++;
                SitePermissions p = new SitePermissions(Clock.systemUTC(), SitePermissions.DEFAULT_LAPSE, Set.of());
                for (int j = 0; j < SITES; j++) {
                    p.installApplication(Origin.of(site(generation, j)), EnumSet.of(MediaKind.CAMERA));
                }
                System.out.println("saving " + generation);
                System.out.flush();
                store.save(p.snapshot());
                System.out.println("saved " + generation);
                System.out.flush();
            }
        }
    }
}
