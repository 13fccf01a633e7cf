package dev.callsafe.permissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConsentPolicyTest {
    private final ConsentPolicy policy = new ConsentPolicy(Set.of("callsafe"));

    /** One row per case: requesting frame, top-level page, delegated, expected reason. */
    @ParameterizedTest(name = "{0} in {1} delegated={2} -> {3}")
    @CsvSource({
            "https://meet.example, https://meet.example, false, NO_DECISION_YET",
            "http://127.0.0.1:8080, http://127.0.0.1:8080, false, NO_DECISION_YET",
            "callsafe://demo, callsafe://demo, false, NO_DECISION_YET",
            "http://meet.example, http://meet.example, false, INSECURE_ORIGIN",
            "https://widget.example, http://meet.example, true, INSECURE_ORIGIN",
            "https://widget.example, https://meet.example, false, NOT_DELEGATED",
            "https://widget.example, https://meet.example, true, NO_DECISION_YET",
            "https://sub.meet.example, https://meet.example, false, NOT_DELEGATED",
            "http://meet.example, https://meet.example, false, INSECURE_ORIGIN",
            "'data:text/html,x', https://meet.example, true, OPAQUE_ORIGIN",
    })
    void decidesBeforeAnyPrompt(String requester, String top, boolean delegated, Decision.Reason expected) {
        MediaRequest r = new MediaRequest(Origin.of(requester), Origin.of(top), EnumSet.of(MediaKind.CAMERA), delegated);
        Decision d = policy.decide(r);
        assertEquals(expected, d.reason());
        assertEquals(expected.outcome(), d.outcome());
    }

    /** One row per case: requesting frame, top-level page, what the engine says of the frame, expected reason. */
    @ParameterizedTest(name = "{0} in {1} policy={2} -> {3}")
    @CsvSource({
            "https://meet.example, https://meet.example, ALLOWS, NO_DECISION_YET",
            "https://meet.example, https://meet.example, REFUSES, BLOCKED_BY_POLICY",
            "https://meet.example, https://meet.example, UNVERIFIED, UNVERIFIED_FRAME",
            "https://widget.example, https://meet.example, ALLOWS, NO_DECISION_YET",
            "https://widget.example, https://meet.example, REFUSES, NOT_DELEGATED",
            "https://widget.example, https://meet.example, UNVERIFIED, UNVERIFIED_FRAME",
            "null, https://meet.example, ALLOWS, OPAQUE_ORIGIN",
            "null, https://meet.example, UNVERIFIED, OPAQUE_ORIGIN",
            "http://meet.example, http://meet.example, UNVERIFIED, INSECURE_ORIGIN",
    })
    void theEnginesWordOnTheFrameComesBeforeAnyPrompt(String requester, String top, FramePolicy policy,
                                                      Decision.Reason expected) {
        MediaRequest r = new MediaRequest(Origin.of(requester), Origin.of(top), EnumSet.of(MediaKind.CAMERA), policy, null);
        assertEquals(expected, policy(r).reason());
    }

    private Decision policy(MediaRequest r) {
        return policy.decide(r);
    }

    @Test
    void answersMapToDecisionsAndADismissalIsNotABlock() {
        assertEquals(Decision.Reason.USER_ALLOWED, ConsentAnswer.ALLOW_ONCE.toDecision().reason());
        assertEquals(Decision.Reason.USER_BLOCKED, ConsentAnswer.BLOCK.toDecision().reason());
        assertEquals(Decision.Reason.USER_DISMISSED, ConsentAnswer.DISMISS.toDecision().reason());
    }

    @Test
    void aRequestNeedsSomethingToCapture() {
        assertThrows(IllegalArgumentException.class,
                () -> MediaRequest.fromMainFrame(Origin.of("https://a.example"), Set.of()));
    }
}
