package dev.callsafe.permissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SitePermissionsTest {
    static final Origin MEET = Origin.of("https://meet.example");
    static final Origin WIDGET = Origin.of("https://widget.example");
    static final Set<MediaKind> CAM = EnumSet.of(MediaKind.CAMERA);
    static final Set<MediaKind> CAM_MIC = EnumSet.of(MediaKind.CAMERA, MediaKind.MICROPHONE);

    /** A clock tests move by hand. */
    static final class TestClock extends Clock {
        Instant now = Instant.parse("2026-11-23T10:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static SitePermissions permissions(TestClock clock) {
        return new SitePermissions(clock, SitePermissions.DEFAULT_LAPSE, Set.of("callsafe"));
    }

    private static MediaRequest call(Origin o, Set<MediaKind> kinds, String callId) {
        return new MediaRequest(o, o, kinds, false, callId);
    }

    /** The decision table: one row per case (name, setup, request, expected reason). */
    static Stream<Arguments> table() {
        return Stream.of(
                row("nothing remembered asks", p -> { }, call(MEET, CAM, "c1"), Decision.Reason.NO_DECISION_YET),
                row("insecure origin is refused before anything", p -> p.installApplication(Origin.of("http://meet.example"), CAM),
                        call(Origin.of("http://meet.example"), CAM, "c1"), Decision.Reason.INSECURE_ORIGIN),
                row("application permission grants", p -> p.installApplication(MEET, CAM_MIC), call(MEET, CAM, "c1"),
                        Decision.Reason.APPLICATION_PERMISSION),
                row("application permission for camera only does not cover the microphone",
                        p -> p.installApplication(MEET, CAM), call(MEET, CAM_MIC, "c1"), Decision.Reason.NO_DECISION_YET),
                row("stored block wins over application permission of another kind", p -> {
                    p.installApplication(MEET, EnumSet.of(MediaKind.MICROPHONE));
                    p.block(MEET, MediaKind.CAMERA);
                }, call(MEET, CAM_MIC, "c1"), Decision.Reason.STORED_BLOCK),
                row("grant of one origin does not cover http of the same host",
                        p -> p.installApplication(MEET, CAM), call(Origin.of("http://localhost"), CAM, "c1"),
                        Decision.Reason.NO_DECISION_YET),
                row("grant does not cover another port", p -> p.installApplication(MEET, CAM),
                        call(Origin.of("https://meet.example:8443"), CAM, "c1"), Decision.Reason.NO_DECISION_YET),
                row("grant does not cover a subdomain", p -> p.installApplication(MEET, CAM),
                        call(Origin.of("https://sub.meet.example"), CAM, "c1"), Decision.Reason.NO_DECISION_YET),
                row("allow once covers the same call", p -> p.record(call(MEET, CAM_MIC, "c1"), ConsentAnswer.ALLOW_ONCE),
                        call(MEET, CAM, "c1"), Decision.Reason.LIVE_CALL_GRANT),
                row("allow once does not cover another document", p -> p.record(call(MEET, CAM, "c1"), ConsentAnswer.ALLOW_ONCE),
                        call(MEET, CAM, "c2"), Decision.Reason.NO_DECISION_YET),
                row("allow once ends with the call", p -> {
                    p.record(call(MEET, CAM, "c1"), ConsentAnswer.ALLOW_ONCE);
                    p.callEnded("c1");
                }, call(MEET, CAM, "c1"), Decision.Reason.NO_DECISION_YET),
                row("block for this call is not remembered", p -> p.record(call(MEET, CAM, "c1"), ConsentAnswer.BLOCK),
                        call(MEET, CAM, "c2"), Decision.Reason.NO_DECISION_YET),
                row("block always is remembered", p -> p.record(call(MEET, CAM, "c1"), ConsentAnswer.BLOCK_ALWAYS),
                        call(MEET, CAM, "c2"), Decision.Reason.STORED_BLOCK),
                row("two dismissals do not embargo", p -> {
                    p.record(call(MEET, CAM, "c1"), ConsentAnswer.DISMISS);
                    p.record(call(MEET, CAM, "c2"), ConsentAnswer.DISMISS);
                }, call(MEET, CAM, "c3"), Decision.Reason.NO_DECISION_YET),
                row("three dismissals embargo", p -> {
                    for (int i = 0; i < 3; i++) {
                        p.record(call(MEET, CAM, "c" + i), ConsentAnswer.DISMISS);
                    }
                }, call(MEET, CAM, "c9"), Decision.Reason.EMBARGOED),
                row("an embargo is per origin", p -> {
                    for (int i = 0; i < 3; i++) {
                        p.record(call(WIDGET, CAM, "c" + i), ConsentAnswer.DISMISS);
                    }
                }, call(MEET, CAM, "c9"), Decision.Reason.NO_DECISION_YET),
                row("revoke forgets the application permission", p -> {
                    p.installApplication(MEET, CAM);
                    p.revoke(MEET, MediaKind.CAMERA);
                }, call(MEET, CAM, "c1"), Decision.Reason.NO_DECISION_YET),
                row("revoke ends a live call grant", p -> {
                    p.record(call(MEET, CAM, "c1"), ConsentAnswer.ALLOW_ONCE);
                    p.revoke(MEET, MediaKind.CAMERA);
                }, call(MEET, CAM, "c1"), Decision.Reason.NO_DECISION_YET),
                row("cross-origin frame without allow= is refused", p -> p.installApplication(MEET, CAM),
                        new MediaRequest(WIDGET, MEET, CAM, false, "c1"), Decision.Reason.NOT_DELEGATED),
                row("delegated frame uses the top-level origin's grant", p -> p.installApplication(MEET, CAM),
                        new MediaRequest(WIDGET, MEET, CAM, true, "c1"), Decision.Reason.APPLICATION_PERMISSION),
                row("delegated frame is not covered by its own origin's grant", p -> p.installApplication(WIDGET, CAM),
                        new MediaRequest(WIDGET, MEET, CAM, true, "c1"), Decision.Reason.NO_DECISION_YET),
                row("clear site data forgets blocks", p -> {
                    p.block(MEET, MediaKind.CAMERA);
                    p.clearSiteData(MEET);
                }, call(MEET, CAM, "c1"), Decision.Reason.NO_DECISION_YET));
    }

    private static Arguments row(String name, Consumer<SitePermissions> setup, MediaRequest r, Decision.Reason expected) {
        return Arguments.of(name, setup, r, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void decisionTable(String name, Consumer<SitePermissions> setup, MediaRequest request, Decision.Reason expected) {
        SitePermissions p = permissions(new TestClock());
        setup.accept(p);
        assertEquals(expected, p.decide(request).reason());
    }

    @Test
    void unusedApplicationPermissionsLapseAndUseKeepsThemAlive() {
        TestClock clock = new TestClock();
        SitePermissions p = permissions(clock);
        p.installApplication(MEET, CAM);
        p.installApplication(WIDGET, CAM);
        clock.now = clock.now.plus(Duration.ofDays(80));
        p.markUsed(MEET, CAM);
        clock.now = clock.now.plus(Duration.ofDays(20));
        assertEquals(Decision.Reason.APPLICATION_PERMISSION, p.decide(call(MEET, CAM, "x")).reason());
        assertEquals(Decision.Reason.NO_DECISION_YET, p.decide(call(WIDGET, CAM, "x")).reason(), "lapsed after 90 days");
    }

    @Test
    void embargoLiftsAfterSevenDays() {
        TestClock clock = new TestClock();
        SitePermissions p = permissions(clock);
        for (int i = 0; i < 3; i++) {
            p.record(call(MEET, CAM, "c" + i), ConsentAnswer.DISMISS);
        }
        clock.now = clock.now.plus(Duration.ofDays(7)).minusSeconds(1);
        assertEquals(Decision.Reason.EMBARGOED, p.decide(call(MEET, CAM, "c")).reason());
        clock.now = clock.now.plusSeconds(2);
        assertEquals(Decision.Reason.NO_DECISION_YET, p.decide(call(MEET, CAM, "c")).reason());
    }

    @Test
    void queryFollowsTheOneTimeModelWithTheFingerprintingMitigation() {
        SitePermissions p = permissions(new TestClock());
        assertEquals(QueryState.PROMPT, p.query(MEET, MEET, MediaKind.CAMERA, false));
        p.block(MEET, MediaKind.CAMERA);
        assertEquals(QueryState.PROMPT, p.query(MEET, MEET, MediaKind.CAMERA, false), "denied reads as prompt at first");
        assertEquals(QueryState.DENIED, p.query(WIDGET, MEET, MediaKind.CAMERA, false),
                "an iframe without allow= reads denied: the page's markup, not the user's block (seed 004)");
        p.revoke(MEET, MediaKind.CAMERA);
        p.record(call(MEET, CAM, "c1"), ConsentAnswer.ALLOW_ONCE);
        p.markUsed(MEET, CAM);
        assertEquals(QueryState.GRANTED, p.query(MEET, MEET, MediaKind.CAMERA, false), "live one-time grant");
        assertEquals(QueryState.PROMPT, p.query(MEET, MEET, MediaKind.MICROPHONE, false));
        assertEquals(QueryState.DENIED, p.query(WIDGET, MEET, MediaKind.CAMERA, false), "iframe without allow=");
        p.callEnded("c1");
        assertEquals(QueryState.PROMPT, p.query(MEET, MEET, MediaKind.CAMERA, false));
        p.block(MEET, MediaKind.CAMERA);
        assertEquals(QueryState.DENIED, p.query(MEET, MEET, MediaKind.CAMERA, false));
        p.installApplication(MEET, CAM);
        assertEquals(QueryState.GRANTED, p.query(MEET, MEET, MediaKind.CAMERA, false));
        p.clearSiteData(MEET);
        p.block(MEET, MediaKind.CAMERA);
        assertEquals(QueryState.PROMPT, p.query(MEET, MEET, MediaKind.CAMERA, false), "clearing forgets the success");
    }

    private static MediaRequest framed(Origin requester, FramePolicy policy) {
        return new MediaRequest(requester, MEET, CAM, policy, "c1");
    }

    @Test
    void aFrameRefusedByItsOwnPolicyQueriesAsDeniedFromTheStart() {
        SitePermissions p = permissions(new TestClock());
        assertEquals(QueryState.DENIED, p.query(framed(MEET, FramePolicy.REFUSES)),
                "the page's own policy is its markup: no mitigation hides it");
        assertEquals(QueryState.DENIED, p.query(framed(WIDGET, FramePolicy.REFUSES)), "iframe without allow=");
        assertEquals(QueryState.PROMPT, p.query(framed(MEET, FramePolicy.ALLOWS)));
        assertEquals(QueryState.PROMPT, p.query(framed(WIDGET, FramePolicy.ALLOWS)), "delegated iframe");
    }

    @Test
    void framesThePolicyOrTheEngineRefuseAreDeniedEvenUnderAnApplicationPermission() {
        SitePermissions p = permissions(new TestClock());
        p.installApplication(MEET, CAM);
        assertEquals(Decision.Reason.APPLICATION_PERMISSION, p.decide(framed(MEET, FramePolicy.ALLOWS)).reason());
        assertEquals(Decision.Reason.BLOCKED_BY_POLICY, p.decide(framed(MEET, FramePolicy.REFUSES)).reason());
        assertEquals(Decision.Reason.NOT_DELEGATED, p.decide(framed(WIDGET, FramePolicy.REFUSES)).reason());
        assertEquals(Decision.Reason.UNVERIFIED_FRAME, p.decide(framed(MEET, FramePolicy.UNVERIFIED)).reason(),
                "an engine that cannot answer never reads as same-origin");
        assertEquals(Decision.Reason.OPAQUE_ORIGIN, p.decide(framed(Origin.opaque(), FramePolicy.ALLOWS)).reason(),
                "a sandboxed frame has no origin to grant to");
        for (FramePolicy policy : FramePolicy.values()) {
            assertEquals(Decision.Outcome.DENY, p.decide(framed(Origin.opaque(), policy)).outcome());
        }
        assertEquals(QueryState.GRANTED, p.query(framed(MEET, FramePolicy.ALLOWS)));
        assertEquals(QueryState.DENIED, p.query(framed(MEET, FramePolicy.REFUSES)));
        assertEquals(QueryState.DENIED, p.query(framed(MEET, FramePolicy.UNVERIFIED)));
        assertEquals(QueryState.DENIED, p.query(framed(Origin.opaque(), FramePolicy.ALLOWS)));
    }

    @Test
    void theUsersBlockStillReadsAsPromptUntilTheOriginSucceeded() {
        SitePermissions p = permissions(new TestClock());
        p.block(MEET, MediaKind.CAMERA);
        assertEquals(Decision.Reason.STORED_BLOCK, p.decide(framed(MEET, FramePolicy.ALLOWS)).reason());
        assertEquals(QueryState.PROMPT, p.query(framed(MEET, FramePolicy.ALLOWS)));
        p.record(call(MEET, EnumSet.of(MediaKind.MICROPHONE), "c2"), ConsentAnswer.ALLOW_ONCE);
        p.markUsed(MEET, EnumSet.of(MediaKind.MICROPHONE));
        assertEquals(QueryState.DENIED, p.query(framed(MEET, FramePolicy.ALLOWS)));
    }

    private static Decision.Reason labels(SitePermissions p, MediaRequest r) {
        return p.revealsLabels(r).reason();
    }

    @Test
    void devicesAreRevealedOnlyWithAGrantOfThatKindAndSaltsChangeWithSiteData() {
        SitePermissions p = permissions(new TestClock());
        MediaRequest cam = call(MEET, CAM, null);
        MediaRequest mic = call(MEET, EnumSet.of(MediaKind.MICROPHONE), null);
        assertEquals(Decision.Reason.NO_DECISION_YET, labels(p, cam));
        String salt = p.deviceSalt(MEET);
        assertEquals(salt, p.deviceSalt(MEET));
        assertNotEquals(salt, p.deviceSalt(WIDGET));
        p.record(call(MEET, CAM, "c1"), ConsentAnswer.ALLOW_ONCE);
        assertEquals(Decision.Reason.LIVE_CALL_GRANT, labels(p, cam), "any live call of the origin reveals");
        assertTrue(p.revealsLabels(cam).isGranted());
        assertFalse(p.revealsLabels(mic).isGranted(), "a camera grant says nothing of microphones");
        p.clearSiteData(MEET);
        assertFalse(p.revealsLabels(cam).isGranted());
        assertNotEquals(salt, p.deviceSalt(MEET));
        p.installApplication(MEET, CAM_MIC);
        assertEquals(Decision.Reason.APPLICATION_PERMISSION, labels(p, mic));
    }

    @Test
    void labelsFollowTheFramesPolicyAndTheTopLevelGrant() {
        SitePermissions p = permissions(new TestClock());
        p.record(call(MEET, CAM, "c1"), ConsentAnswer.ALLOW_ONCE);
        assertEquals(Decision.Reason.LIVE_CALL_GRANT, labels(p, framed(WIDGET, FramePolicy.ALLOWS)),
                "a delegated frame sees what its top-level origin was granted");
        assertEquals(Decision.Reason.NOT_DELEGATED, labels(p, framed(WIDGET, FramePolicy.REFUSES)));
        assertEquals(Decision.Reason.BLOCKED_BY_POLICY, labels(p, framed(MEET, FramePolicy.REFUSES)));
        assertEquals(Decision.Reason.UNVERIFIED_FRAME, labels(p, framed(MEET, FramePolicy.UNVERIFIED)));
        assertEquals(Decision.Reason.NO_DECISION_YET, labels(p, new MediaRequest(MEET, WIDGET, CAM, true, null)),
                "the origin's grant as a top-level site does not follow it into other sites");
        p.block(MEET, MediaKind.CAMERA);
        assertEquals(Decision.Reason.STORED_BLOCK, labels(p, framed(MEET, FramePolicy.ALLOWS)));
    }

    @Test
    void aGrantStillAsksToTakeOverADeviceOrToReplaceAFileOfTheCall() {
        SitePermissions p = permissions(new TestClock());
        p.record(call(MEET, CAM, "c1"), ConsentAnswer.ALLOW_ONCE);
        MediaRequest again = call(MEET, CAM, "c1");
        assertEquals(Decision.Reason.LIVE_CALL_GRANT, p.decide(again, DeviceUse.PLAIN).reason());
        assertEquals(Decision.Reason.TAKEOVER, p.decide(again, new DeviceUse(true, false)).reason());
        assertEquals(Decision.Outcome.ASK, p.decide(again, new DeviceUse(true, false)).outcome());
        assertEquals(Decision.Reason.REPLACES_FILE, p.decide(again, new DeviceUse(false, true)).reason());
        p.installApplication(MEET, CAM);
        assertEquals(Decision.Reason.TAKEOVER, p.decide(again, new DeviceUse(true, false)).reason(),
                "an installed app asks too before taking a device another site holds");
        assertEquals(Decision.Reason.APPLICATION_PERMISSION, p.decide(again, new DeviceUse(false, true)).reason(),
                "a file substitution binds the call grant only");
        assertEquals(Decision.Reason.NOT_DELEGATED,
                p.decide(new MediaRequest(WIDGET, MEET, CAM, false, "c1"), new DeviceUse(true, true)).reason(),
                "refusals come first");
        assertEquals(Decision.Reason.NO_DECISION_YET, p.decide(call(MEET, CAM_MIC, "c2"),
                new DeviceUse(true, false)).reason(), "nothing granted: an ordinary prompt");
    }

    @Test
    void snapshotsRoundTripAndListenersHearEveryChange() {
        TestClock clock = new TestClock();
        SitePermissions p = permissions(clock);
        AtomicInteger changes = new AtomicInteger();
        p.addListener(o -> changes.incrementAndGet());
        p.installApplication(MEET, CAM_MIC);
        p.block(WIDGET, MediaKind.MICROPHONE);
        p.markUsed(MEET, CAM);
        assertEquals(3, changes.get());
        SitePermissions copy = permissions(clock);
        copy.restore(p.snapshot());
        assertEquals(p.snapshot(), copy.snapshot());
        assertEquals(Decision.Reason.APPLICATION_PERMISSION, copy.decide(call(MEET, CAM_MIC, "c")).reason());
        assertEquals(Decision.Reason.STORED_BLOCK,
                copy.decide(call(WIDGET, EnumSet.of(MediaKind.MICROPHONE), "c")).reason());
        assertEquals(3, copy.entries().size());
    }
}
