package dev.callsafe.plugins.media.constraints;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The Media Capture spec's SelectSettings algorithm over a list of candidate settings dictionaries: drop
 * those the basic set's required constraints rule out, then apply each advanced set that leaves something,
 * then take the smallest basic fitness distance. Ties go to the earlier candidate, so a list's order is the
 * browser's preference (native modes before cropped ones, devices in their usual order).
 */
public final class SelectSettings {
    private SelectSettings() {
    }

    /**
     * What came out: the chosen candidate, every candidate left after the advanced sets (best first), or the
     * required constraint no candidate could meet.
     */
    public record Result<T>(Optional<Candidate<T>> chosen, List<Candidate<T>> remaining, String failedConstraint) {
        public boolean succeeded() {
            return chosen.isPresent();
        }
    }

    public static <T> Result<T> select(MediaConstraints constraints, List<Candidate<T>> candidates) {
        List<Candidate<T>> fit = new ArrayList<>();
        List<Double> distance = new ArrayList<>();
        Set<String> failedEverywhere = null;
        for (Candidate<T> c : candidates) {
            double d = constraints.basic().fitnessDistance(c.kind(), c.settings());
            if (Double.isFinite(d)) {
                fit.add(c);
                distance.add(d);
                failedEverywhere = Set.of();
            } else if (failedEverywhere == null) {
                failedEverywhere = new LinkedHashSet<>(constraints.basic().unmet(c.kind(), c.settings()));
            } else if (!failedEverywhere.isEmpty()) {
                failedEverywhere.retainAll(constraints.basic().unmet(c.kind(), c.settings()));
            }
        }
        if (fit.isEmpty()) {
            String failed = failedEverywhere == null || failedEverywhere.isEmpty()
                    ? candidates.isEmpty() ? firstRequired(constraints) : ""
                    : failedEverywhere.iterator().next();
            return new Result<>(Optional.empty(), List.of(), failed);
        }
        for (ConstraintSet set : constraints.advanced()) {
            List<Integer> keep = new ArrayList<>();
            for (int i = 0; i < fit.size(); i++) {
                if (Double.isFinite(set.fitnessDistance(fit.get(i).kind(), fit.get(i).settings()))) {
                    keep.add(i);
                }
            }
            if (!keep.isEmpty() && keep.size() < fit.size()) {
                List<Candidate<T>> f = new ArrayList<>();
                List<Double> d = new ArrayList<>();
                for (int i : keep) {
                    f.add(fit.get(i));
                    d.add(distance.get(i));
                }
                fit = f;
                distance = d;
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < fit.size(); i++) {
            order.add(i);
        }
        List<Double> dist = distance;
        order.sort((a, b) -> Double.compare(dist.get(a), dist.get(b))); // stable: ties keep the list's order
        List<Candidate<T>> ranked = new ArrayList<>();
        for (int i : order) {
            ranked.add(fit.get(i));
        }
        return new Result<>(Optional.of(ranked.get(0)), ranked, "");
    }

    private static String firstRequired(MediaConstraints c) {
        for (Constraint k : c.basic().all()) {
            if (k.isRequired()) {
                return k.property().key();
            }
        }
        return "";
    }
}
