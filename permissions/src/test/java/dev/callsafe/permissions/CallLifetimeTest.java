package dev.callsafe.permissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** How long a per-call grant lives: as long as its document's call, not as long as its tracks. */
class CallLifetimeTest {
    static final Origin MEET = Origin.of("https://meet.example");
    static final Set<MediaKind> CAM = EnumSet.of(MediaKind.CAMERA);
    static final Set<MediaKind> MIC = EnumSet.of(MediaKind.MICROPHONE);
    static final String CALL = "3/main";

    private final SitePermissionsTest.TestClock clock = new SitePermissionsTest.TestClock();
    private final SitePermissions permissions = new SitePermissions(clock, SitePermissions.DEFAULT_LAPSE,
            Set.of("callsafe"), () -> CallLimits.DEFAULT);
    private final List<Origin> changes = new ArrayList<>();

    CallLifetimeTest() {
        permissions.addListener(changes::add);
    }

    private static MediaRequest camera(String callId) {
        return new MediaRequest(MEET, MEET, CAM, false, callId);
    }

    private Decision.Reason decide(Set<MediaKind> kinds) {
        return permissions.decide(new MediaRequest(MEET, MEET, kinds, false, CALL)).reason();
    }

    private QueryState query(MediaKind kind) {
        return permissions.query(MEET, MEET, kind, false);
    }

    /** Allowed once, then the page captures (its tracks start). */
    private void allowAndCapture() {
        permissions.record(camera(CALL), ConsentAnswer.ALLOW_ONCE);
        permissions.capturingCalls(Set.of(CALL));
    }

    private void advance(Duration d) {
        clock.now = clock.now.plus(d);
    }

    @Test
    void aCallGrantIsNeverStoredSoABrowserKilledMidCallAsksAgainAtNextStart() {
        allowAndCapture();
        assertEquals(Decision.Reason.LIVE_CALL_GRANT, decide(CAM));
        // What the store holds when the browser is killed mid-call is the last snapshot: taken now, it has
        // no trace of the call; the next start restores it into a fresh engine.
        PermissionSnapshot onDisk = permissions.snapshot();
        SitePermissions nextStart = new SitePermissions(clock, SitePermissions.DEFAULT_LAPSE, Set.of("callsafe"),
                () -> CallLimits.DEFAULT);
        nextStart.restore(onDisk);
        assertEquals(Decision.Outcome.ASK, nextStart.decide(new MediaRequest(MEET, MEET, CAM, false, CALL)).outcome());
        assertEquals(QueryState.PROMPT, nextStart.query(MEET, MEET, MediaKind.CAMERA, false));
        assertTrue(nextStart.entries().stream().noneMatch(SitePermissions.SiteEntry::liveCall));
    }

    @Test
    void turningTheCameraOffAndOnKeepsTheGrant() {
        allowAndCapture();
        for (int i = 0; i < 3; i++) {
            permissions.capturingCalls(Set.of()); // camera off: the page stopped its tracks
            advance(Duration.ofMinutes(10));
            permissions.expireCalls();
            assertEquals(Decision.Reason.LIVE_CALL_GRANT, decide(CAM), "camera back on, round " + i);
            assertEquals(QueryState.GRANTED, query(MediaKind.CAMERA));
            permissions.capturingCalls(Set.of(CALL));
        }
    }

    @Test
    void thirtyMinutesWithoutATrackEndTheGrant() {
        allowAndCapture();
        advance(Duration.ofHours(2));
        permissions.expireCalls();
        assertEquals(Decision.Reason.LIVE_CALL_GRANT, decide(CAM), "capturing for hours keeps it");
        permissions.capturingCalls(Set.of());
        advance(Duration.ofMinutes(29));
        assertEquals(Decision.Reason.LIVE_CALL_GRANT, decide(CAM));
        advance(Duration.ofMinutes(1));
        assertEquals(Decision.Reason.NO_DECISION_YET, decide(CAM), "past the limit it no longer counts");
        assertEquals(QueryState.PROMPT, query(MediaKind.CAMERA));
        changes.clear();
        permissions.expireCalls();
        assertEquals(List.of(MEET), changes, "ending it is a change pages and the chrome hear of");
        assertTrue(permissions.callGrants(id -> true).isEmpty());
    }

    @Test
    void aGrantNeverUsedEndsAfterTheIdleLimitToo() {
        permissions.record(camera(CALL), ConsentAnswer.ALLOW_ONCE);
        advance(Duration.ofMinutes(30));
        assertEquals(Decision.Reason.NO_DECISION_YET, decide(CAM));
    }

    @Test
    void fiveMinutesInTheBackgroundWithoutCaptureEndTheGrant() {
        allowAndCapture();
        permissions.documentsShown(id -> id.startsWith("4/")); // another tab selected
        advance(Duration.ofMinutes(20));
        assertEquals(Decision.Reason.LIVE_CALL_GRANT, decide(CAM), "capturing in the background keeps it");
        permissions.capturingCalls(Set.of());
        advance(Duration.ofMinutes(4));
        assertEquals(Decision.Reason.LIVE_CALL_GRANT, decide(CAM));
        advance(Duration.ofMinutes(1));
        changes.clear();
        permissions.documentsShown(id -> id.startsWith("3/")); // back to the call's tab, too late
        assertEquals(List.of(MEET), changes);
        assertEquals(Decision.Reason.NO_DECISION_YET, decide(CAM));
        assertEquals(QueryState.PROMPT, query(MediaKind.CAMERA));
    }

    @Test
    void comingBackBeforeTheBackgroundLimitKeepsTheGrant() {
        allowAndCapture();
        permissions.capturingCalls(Set.of());
        permissions.documentsShown(id -> id.startsWith("4/"));
        advance(Duration.ofMinutes(4));
        permissions.documentsShown(id -> id.startsWith("3/"));
        advance(Duration.ofMinutes(10));
        permissions.expireCalls();
        assertEquals(Decision.Reason.LIVE_CALL_GRANT, decide(CAM), "shown again: only the idle limit counts");
    }

    @Test
    void shorterLimitsAreInjected() {
        SitePermissions shortLived = new SitePermissions(clock, SitePermissions.DEFAULT_LAPSE, Set.of("callsafe"),
                () -> new CallLimits(Duration.ofSeconds(3), Duration.ofSeconds(1)));
        shortLived.record(camera(CALL), ConsentAnswer.ALLOW_ONCE);
        shortLived.documentsShown(id -> false);
        advance(Duration.ofSeconds(1));
        assertEquals(Decision.Reason.NO_DECISION_YET, shortLived.decide(camera(CALL)).reason());
    }

    @Test
    void limitsAreReadFromSystemPropertiesAtUse() {
        SitePermissions fromProperties = new SitePermissions(clock, SitePermissions.DEFAULT_LAPSE, Set.of("callsafe"));
        fromProperties.record(camera(CALL), ConsentAnswer.ALLOW_ONCE);
        advance(Duration.ofSeconds(2));
        assertEquals(Decision.Reason.LIVE_CALL_GRANT, fromProperties.decide(camera(CALL)).reason());
        System.setProperty(CallLimits.IDLE_PROPERTY, "2000");
        try {
            assertEquals(Decision.Reason.NO_DECISION_YET, fromProperties.decide(camera(CALL)).reason());
        } finally {
            System.clearProperty(CallLimits.IDLE_PROPERTY);
        }
    }

    @Test
    void navigationStopAndTabCloseEndTheGrant() {
        allowAndCapture();
        permissions.capturingCalls(Set.of());
        permissions.endCalls(id -> id.startsWith("3/")); // the main document navigated
        assertEquals(Decision.Reason.NO_DECISION_YET, decide(CAM));
        permissions.record(camera(CALL), ConsentAnswer.ALLOW_ONCE);
        permissions.callEnded(CALL); // Stop in the chrome
        assertEquals(Decision.Reason.NO_DECISION_YET, decide(CAM));
    }

    @Test
    void resetAndBlockEndTheGrant() {
        allowAndCapture();
        permissions.revoke(MEET, MediaKind.CAMERA);
        assertEquals(Decision.Reason.NO_DECISION_YET, decide(CAM), "Reset");
        assertEquals(QueryState.PROMPT, query(MediaKind.CAMERA));
        permissions.record(camera(CALL), ConsentAnswer.ALLOW_ONCE);
        permissions.block(MEET, MediaKind.CAMERA);
        permissions.revoke(MEET, MediaKind.CAMERA); // lifts the block: no grant is left behind it
        assertEquals(Decision.Reason.NO_DECISION_YET, decide(CAM), "Block");
    }

    @Test
    void anotherKindInTheSameCallStillAsksForTheNewKindOnly() {
        allowAndCapture();
        assertEquals(Decision.Reason.NO_DECISION_YET, decide(MIC));
        assertEquals(Decision.Reason.NO_DECISION_YET, decide(EnumSet.of(MediaKind.CAMERA, MediaKind.MICROPHONE)));
        assertEquals(QueryState.PROMPT, query(MediaKind.MICROPHONE));
        permissions.record(new MediaRequest(MEET, MEET, MIC, false, CALL), ConsentAnswer.ALLOW_ONCE);
        assertEquals(Decision.Reason.LIVE_CALL_GRANT, decide(EnumSet.of(MediaKind.CAMERA, MediaKind.MICROPHONE)));
        assertEquals(List.of(new CallGrant(CALL, MEET, EnumSet.of(MediaKind.CAMERA, MediaKind.MICROPHONE))),
                permissions.callGrants(id -> id.startsWith("3/")));
    }
}
