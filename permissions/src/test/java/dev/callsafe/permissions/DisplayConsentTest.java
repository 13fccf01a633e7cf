package dev.callsafe.permissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DisplayConsentTest {
    static final Origin MEET = Origin.of("https://meet.example");
    static final Origin WIDGET = Origin.of("https://widget.example");
    static final Set<DisplaySource> ANY = EnumSet.allOf(DisplaySource.class);
    static final Set<DisplaySource> SCREEN = Set.of(DisplaySource.SCREEN);
    static final Set<DisplaySource> APP = Set.of(DisplaySource.APPLICATION);
    static final Set<DisplaySource> TAB = Set.of(DisplaySource.BROWSER);
    static final Set<MediaKind> DISPLAY = EnumSet.of(MediaKind.SCREEN, MediaKind.WINDOW, MediaKind.TAB);

    private static DisplayRequest ask(Set<DisplaySource> wanted) {
        return new DisplayRequest(MEET, MEET, wanted, OptionalInt.empty(), false, true);
    }

    private static DisplayRequest askTab(int tabId) {
        return new DisplayRequest(MEET, MEET, TAB, OptionalInt.of(tabId), false, true);
    }

    /** Seed 001's table and the checks before it: one row per case (name, setup, request, reason, offered). */
    static Stream<Arguments> table() {
        Consumer<SitePermissions> none = p -> { };
        Consumer<SitePermissions> installed = p -> p.installApplication(MEET, DISPLAY);
        return Stream.of(
                row("application sharing needs only the user's choice", none, ask(APP),
                        DisplayDecision.Reason.USER_CHOICE, APP),
                row("screen sharing without the application permission is refused", none, ask(SCREEN),
                        DisplayDecision.Reason.NEEDS_APPLICATION_PERMISSION, Set.of()),
                row("screen sharing with the application permission still needs the user's choice", installed,
                        ask(SCREEN), DisplayDecision.Reason.USER_CHOICE, SCREEN),
                row("tab sharing without the application permission is refused", none, ask(TAB),
                        DisplayDecision.Reason.NEEDS_APPLICATION_PERMISSION, Set.of()),
                row("tab sharing with the application permission and no tabId needs the user's choice", installed,
                        ask(TAB), DisplayDecision.Reason.USER_CHOICE, TAB),
                row("tab sharing with the application permission and a tabId needs no choice", installed, askTab(7),
                        DisplayDecision.Reason.NAMED_TAB_WITH_APPLICATION_PERMISSION, TAB),
                row("a tabId without the application permission is refused", none, askTab(7),
                        DisplayDecision.Reason.NEEDS_APPLICATION_PERMISSION, Set.of()),
                row("camera and microphone installation does not allow screen sharing",
                        p -> p.installApplication(MEET, EnumSet.of(MediaKind.CAMERA, MediaKind.MICROPHONE)),
                        ask(SCREEN), DisplayDecision.Reason.NEEDS_APPLICATION_PERMISSION, Set.of()),
                row("getDisplayMedia without installation offers applications only", none, ask(ANY),
                        DisplayDecision.Reason.USER_CHOICE, APP),
                row("getDisplayMedia after installation offers every source", installed, ask(ANY),
                        DisplayDecision.Reason.USER_CHOICE, ANY),
                row("a blocked source is not offered", p -> {
                    p.installApplication(MEET, DISPLAY);
                    p.block(MEET, MediaKind.SCREEN);
                }, ask(ANY), DisplayDecision.Reason.USER_CHOICE, EnumSet.of(DisplaySource.APPLICATION, DisplaySource.BROWSER)),
                row("a blocked application source is refused", p -> p.block(MEET, MediaKind.WINDOW), ask(APP),
                        DisplayDecision.Reason.STORED_BLOCK, Set.of()),
                row("a block wins over the application permission", p -> {
                    p.installApplication(MEET, DISPLAY);
                    p.block(MEET, MediaKind.SCREEN);
                }, ask(SCREEN), DisplayDecision.Reason.STORED_BLOCK, Set.of()),
                row("no user activation is refused before anything is offered", installed,
                        new DisplayRequest(MEET, MEET, ANY, OptionalInt.empty(), false, false),
                        DisplayDecision.Reason.NO_USER_ACTIVATION, Set.of()),
                row("an insecure origin is refused before activation is considered", none,
                        new DisplayRequest(Origin.of("http://meet.example"), Origin.of("http://meet.example"), APP,
                                OptionalInt.empty(), false, false),
                        DisplayDecision.Reason.INSECURE_ORIGIN, Set.of()),
                row("a cross-origin frame without allow= is refused", installed,
                        new DisplayRequest(WIDGET, MEET, APP, OptionalInt.empty(), false, true),
                        DisplayDecision.Reason.NOT_DELEGATED, Set.of()),
                row("an opaque-origin (sandboxed) frame is refused even under the application permission", installed,
                        new DisplayRequest(Origin.opaque(), MEET, APP, OptionalInt.empty(), FramePolicy.ALLOWS, true),
                        DisplayDecision.Reason.OPAQUE_ORIGIN, Set.of()),
                row("a frame the engine could not vouch for is refused, never taken as same-origin", installed,
                        new DisplayRequest(MEET, MEET, APP, OptionalInt.empty(), FramePolicy.UNVERIFIED, true),
                        DisplayDecision.Reason.UNVERIFIED_FRAME, Set.of()),
                row("the page's own policy refuses display-capture", installed,
                        new DisplayRequest(MEET, MEET, SCREEN, OptionalInt.empty(), FramePolicy.REFUSES, true),
                        DisplayDecision.Reason.BLOCKED_BY_POLICY, Set.of()),
                row("a delegated frame uses the top-level origin's application permission", installed,
                        new DisplayRequest(WIDGET, MEET, SCREEN, OptionalInt.empty(), true, true),
                        DisplayDecision.Reason.USER_CHOICE, SCREEN),
                row("the application permission of another origin does not count",
                        p -> p.installApplication(WIDGET, DISPLAY), ask(SCREEN),
                        DisplayDecision.Reason.NEEDS_APPLICATION_PERMISSION, Set.of()),
                row("a granted camera call does not cover screen sharing",
                        p -> p.record(new MediaRequest(MEET, MEET, Set.of(MediaKind.CAMERA), false, "c1"),
                                ConsentAnswer.ALLOW_ONCE),
                        ask(SCREEN), DisplayDecision.Reason.NEEDS_APPLICATION_PERMISSION, Set.of()),
                row("an embargoed origin is refused", p -> {
                    for (int i = 0; i < SitePermissions.EMBARGO_AFTER_DISMISSALS; i++) {
                        p.record(new MediaRequest(MEET, MEET, Set.of(MediaKind.CAMERA), false, "c" + i),
                                ConsentAnswer.DISMISS);
                    }
                }, ask(APP), DisplayDecision.Reason.EMBARGOED, Set.of()),
                row("revoking the screen permission refuses screen sharing again", p -> {
                    p.installApplication(MEET, DISPLAY);
                    p.revoke(MEET, MediaKind.SCREEN);
                }, ask(SCREEN), DisplayDecision.Reason.NEEDS_APPLICATION_PERMISSION, Set.of()));
    }

    private static Arguments row(String name, Consumer<SitePermissions> setup, DisplayRequest r,
                                 DisplayDecision.Reason reason, Set<DisplaySource> offered) {
        return Arguments.of(name, setup, r, reason, offered);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void consentTable(String name, Consumer<SitePermissions> setup, DisplayRequest request,
                      DisplayDecision.Reason reason, Set<DisplaySource> offered) {
        SitePermissions p = new SitePermissions(new SitePermissionsTest.TestClock(), SitePermissions.DEFAULT_LAPSE,
                Set.of("callsafe"));
        setup.accept(p);
        DisplayDecision d = new DisplayConsent(p).decide(request);
        assertEquals(reason, d.reason());
        assertEquals(reason.outcome(), d.outcome());
        assertEquals(offered, d.offered());
    }

    @Test
    void applicationSharingCanNeverBeThisBrowser() {
        assertFalse(DisplayConsent.mayShareApplication(true));
        assertTrue(DisplayConsent.mayShareApplication(false));
    }

    @Test
    void screenSharingMasksEveryWindowOfThisBrowserAndOnlyThose() {
        assertTrue(DisplayConsent.masksInScreenShare(true));
        assertFalse(DisplayConsent.masksInScreenShare(false));
    }

    @Test
    void mediaSourceValuesMapToSources() {
        assertEquals(DisplaySource.SCREEN, DisplaySource.fromMediaSource("screen").orElseThrow());
        assertEquals(DisplaySource.APPLICATION, DisplaySource.fromMediaSource("application").orElseThrow());
        assertEquals(DisplaySource.APPLICATION, DisplaySource.fromMediaSource("window").orElseThrow());
        assertEquals(DisplaySource.BROWSER, DisplaySource.fromMediaSource("browser").orElseThrow());
        assertTrue(DisplaySource.fromMediaSource("camera").isEmpty());
        assertTrue(DisplaySource.fromMediaSource("desktop").isEmpty());
    }
}
