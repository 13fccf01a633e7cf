package dev.callsafe.permissions;

import java.util.EnumSet;
import java.util.Set;

/**
 * The consent engine's answer to a display request: refused (with the reason), granted without a choice
 * (browser sharing of a named tab under the Application Permission), or the user must choose among
 * {@code offered} sources in the browser's picker.
 *
 * @param outcome what happens next
 * @param reason why
 * @param offered the sources the picker may show (empty when refused)
 */
public record DisplayDecision(Decision.Outcome outcome, Reason reason, Set<DisplaySource> offered) {
    /** Why; each reason maps to one outcome. */
    public enum Reason {
        /** Sandboxed without allow-same-origin, data: and the like: no origin to ask for. */
        OPAQUE_ORIGIN(Decision.Outcome.DENY),
        INSECURE_ORIGIN(Decision.Outcome.DENY),
        /** The engine could not confirm the frame's origin and permissions policy (fail closed). */
        UNVERIFIED_FRAME(Decision.Outcome.DENY),
        NOT_DELEGATED(Decision.Outcome.DENY),
        /** The page's own permissions policy refuses display-capture. */
        BLOCKED_BY_POLICY(Decision.Outcome.DENY),
        /** No real user activation in the tab (InvalidStateError). */
        NO_USER_ACTIVATION(Decision.Outcome.DENY),
        STORED_BLOCK(Decision.Outcome.DENY),
        /** The browser-wide default for screen sharing is Block (Settings). */
        DEFAULT_BLOCK(Decision.Outcome.DENY),
        EMBARGOED(Decision.Outcome.DENY),
        /** Screen or browser sharing without the install-style Application Permission. */
        NEEDS_APPLICATION_PERMISSION(Decision.Outcome.DENY),
        /** Browser sharing of a named tab under the Application Permission: no choice to make. */
        NAMED_TAB_WITH_APPLICATION_PERMISSION(Decision.Outcome.GRANT),
        /** The user chooses the source in the picker (the User Choice Permission). */
        USER_CHOICE(Decision.Outcome.ASK);

        private final Decision.Outcome outcome;

        Reason(Decision.Outcome outcome) {
            this.outcome = outcome;
        }

        public Decision.Outcome outcome() {
            return outcome;
        }
    }

    public DisplayDecision {
        offered = offered.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(offered));
    }

    static DisplayDecision refused(Reason reason) {
        return new DisplayDecision(reason.outcome(), reason, Set.of());
    }

    static DisplayDecision of(Reason reason, Set<DisplaySource> offered) {
        return new DisplayDecision(reason.outcome(), reason, offered);
    }
}
