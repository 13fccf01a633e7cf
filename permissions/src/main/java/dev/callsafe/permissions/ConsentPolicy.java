package dev.callsafe.permissions;

import java.util.Set;

/**
 * Decides, before any prompt, whether a request may be asked at all. Checks run in a fixed order: an opaque
 * origin, a secure context, a frame the engine could not vouch for, then the frame's permissions policy
 * (delegation of a cross-origin frame, the page's own policy for a same-origin one).
 */
public final class ConsentPolicy {
    private final Set<String> secureSchemes;

    /** @param secureSchemes the browser's own schemes that count as secure (its built-in pages) */
    public ConsentPolicy(Set<String> secureSchemes) {
        this.secureSchemes = Set.copyOf(secureSchemes);
    }

    public Decision decide(MediaRequest request) {
        if (request.requester().isOpaque()) {
            return Decision.because(Decision.Reason.OPAQUE_ORIGIN);
        }
        if (!request.requester().isPotentiallyTrustworthy(secureSchemes)
                || !request.topLevel().isPotentiallyTrustworthy(secureSchemes)) {
            return Decision.because(Decision.Reason.INSECURE_ORIGIN);
        }
        switch (request.policy()) {
            case UNVERIFIED:
                return Decision.because(Decision.Reason.UNVERIFIED_FRAME);
            case REFUSES:
                return Decision.because(request.isCrossOrigin() ? Decision.Reason.NOT_DELEGATED
                        : Decision.Reason.BLOCKED_BY_POLICY);
            default:
                break;
        }
        return Decision.because(Decision.Reason.NO_DECISION_YET);
    }
}
