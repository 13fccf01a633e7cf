package dev.callsafe.permissions;

import java.util.HashSet;
import java.util.OptionalInt;
import java.util.Set;

/** Which whole generation of {@link StoreWriterProcess} a stored state is, if it is exactly one. */
final class StoreGeneration {
    private StoreGeneration() {
    }

    /** Empty for the empty state; throws if the state is not exactly one generation (a mix or a part). */
    static OptionalInt of(PermissionSnapshot snapshot) {
        if (snapshot.sites().isEmpty()) {
            return OptionalInt.empty();
        }
        String any = snapshot.sites().keySet().iterator().next();
        int generation = Integer.parseInt(any.substring("https://g".length(), any.indexOf("-s")));
        Set<String> expected = new HashSet<>();
        for (int j = 0; j < StoreWriterProcess.SITES; j++) {
            expected.add(StoreWriterProcess.site(generation, j));
        }
        if (!expected.equals(snapshot.sites().keySet())) {
            throw new IllegalStateException("not one whole generation: " + snapshot.sites().size()
                    + " sites, first " + any);
        }
        snapshot.sites().values().forEach(s -> {
            if (s.permissions().get("camera") == null || s.permissions().get("camera").state() != PermissionState.ALLOW) {
                throw new IllegalStateException("a site of generation " + generation + " lost its grant");
            }
        });
        return OptionalInt.of(generation);
    }
}
