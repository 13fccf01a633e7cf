package dev.callsafe.permissions;

import java.util.Set;

/**
 * Decides, before any prompt, whether a request may be asked at all. Checks run in a fixed order:
 * secure context, then delegation of cross-origin frames.
 */
public final class ConsentPolicy {
    private final Set<String> secureSchemes;

    /** @param secureSchemes the browser's own schemes that count as secure (its built-in pages) */
    public ConsentPolicy(Set<String> secureSchemes) {
        this.secureSchemes = Set.copyOf(secureSchemes);
    }

    public Decision decide(MediaRequest request) {
        if (!request.requester().isPotentiallyTrustworthy(secureSchemes)
                || !request.topLevel().isPotentiallyTrustworthy(secureSchemes)) {
            return Decision.because(Decision.Reason.INSECURE_ORIGIN);
        }
        if (request.isCrossOrigin() && !request.delegated()) {
            return Decision.because(Decision.Reason.NOT_DELEGATED);
        }
        return Decision.because(Decision.Reason.NO_DECISION_YET);
    }
}
