package dev.callsafe.permissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.callsafe.permissions.IpHandlingDecision.Reason;

/** Per-site WebRTC IP handling: which handling a frame's connections get, and that choices are kept. */
class IpHandlingTest {
    static final Origin MEET = Origin.of("https://meet.example");
    static final Origin WIDGET = Origin.of("https://widget.example");

    private static SitePermissions permissions() {
        return new SitePermissions(new SitePermissionsTest.TestClock(), SitePermissions.DEFAULT_LAPSE, Set.of());
    }

    /** name, setup, frame origin, top-level origin, verified, expected handling, expected reason. */
    static Stream<Arguments> table() {
        IpHandling d = IpHandling.DEFAULT;
        IpHandling r = IpHandling.RELAY_ONLY;
        return Stream.of(
                row("nothing set: the browser's default", p -> { }, MEET, MEET, true, d, Reason.BROWSER_DEFAULT),
                row("browser-wide relay only", p -> p.setIpHandlingDefault(r), MEET, MEET, true, r, Reason.BROWSER_DEFAULT),
                row("the site chose relay only", p -> p.setIpHandling(MEET, r), MEET, MEET, true, r, Reason.SITE_SETTING),
                row("the site chose Default under a relay-only browser",
                        p -> { p.setIpHandlingDefault(r); p.setIpHandling(MEET, d); }, MEET, MEET, true, d, Reason.SITE_SETTING),
                row("an iframe of a relay-only site is relay only", p -> p.setIpHandling(MEET, r), WIDGET, MEET, true, r,
                        Reason.TOP_LEVEL_SITE_SETTING),
                row("an iframe that chose Default in a relay-only site is still relay only",
                        p -> { p.setIpHandling(MEET, r); p.setIpHandling(WIDGET, d); }, WIDGET, MEET, true, r,
                        Reason.TOP_LEVEL_SITE_SETTING),
                row("a relay-only origin is relay only in another site's page", p -> p.setIpHandling(WIDGET, r), WIDGET,
                        MEET, true, r, Reason.SITE_SETTING),
                row("a Default site does not loosen its iframes under a relay-only browser",
                        p -> { p.setIpHandlingDefault(r); p.setIpHandling(MEET, d); }, WIDGET, MEET, true, r,
                        Reason.BROWSER_DEFAULT),
                row("an unverified frame is relay only", p -> { }, MEET, MEET, false, r, Reason.UNVERIFIED_FRAME),
                row("an opaque frame is relay only", p -> p.setIpHandling(MEET, d), Origin.opaque(), MEET, true, r,
                        Reason.UNVERIFIED_FRAME));
    }

    private static Arguments row(String name, Consumer<SitePermissions> setup, Origin frame, Origin top,
                                 boolean verified, IpHandling handling, Reason reason) {
        return Arguments.of(name, setup, frame, top, verified, handling, reason);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void decides(String name, Consumer<SitePermissions> setup, Origin frame, Origin top, boolean verified,
                 IpHandling handling, Reason reason) {
        SitePermissions p = permissions();
        setup.accept(p);
        assertEquals(new IpHandlingDecision(handling, reason), p.decideIpHandling(frame, top, verified));
    }

    @Test
    void choicesSurviveARestartThroughTheStore(@TempDir Path profile) throws Exception {
        SitePermissions p = permissions();
        p.setIpHandlingDefault(IpHandling.RELAY_ONLY);
        p.setIpHandling(MEET, IpHandling.DEFAULT);
        p.setIpHandling(WIDGET, IpHandling.RELAY_ONLY);
        try (PermissionStore store = PermissionStore.open(profile, new SitePermissionsTest.TestClock())) {
            store.save(p.snapshot());
        }
        SitePermissions again = permissions();
        try (PermissionStore store = PermissionStore.open(profile, new SitePermissionsTest.TestClock())) {
            PermissionStore.LoadResult loaded = store.load();
            assertEquals(Optional.empty(), loaded.problem());
            again.restore(loaded.snapshot());
        }
        assertEquals(IpHandling.RELAY_ONLY, again.ipHandlingDefault());
        assertEquals(Optional.of(IpHandling.DEFAULT), again.ipHandling(MEET));
        assertEquals(Optional.of(IpHandling.RELAY_ONLY), again.ipHandling(WIDGET));
    }

    @Test
    void aFileWithoutTheSettingReadsAsDefaultAndAnUnknownValueAsRelayOnly(@TempDir Path profile) throws Exception {
        Files.writeString(profile.resolve(PermissionStore.FILE), "{\"schema\":1,\"ipHandlingDefault\":\"tor-only\","
                + "\"sites\":{\"https://meet.example\":{\"permissions\":{},\"everGranted\":false,\"dismissals\":0},"
                + "\"https://widget.example\":{\"permissions\":{},\"everGranted\":false,\"dismissals\":0,"
                + "\"ipHandling\":\"something-newer\"}}}", StandardCharsets.UTF_8);
        SitePermissions p = permissions();
        try (PermissionStore store = PermissionStore.open(profile, new SitePermissionsTest.TestClock())) {
            p.restore(store.load().snapshot());
        }
        assertEquals(IpHandling.RELAY_ONLY, p.ipHandlingDefault());
        assertEquals(Optional.empty(), p.ipHandling(MEET));
        assertEquals(Optional.of(IpHandling.RELAY_ONLY), p.ipHandling(WIDGET));
    }

    @Test
    void relayOnlyEverywhereOnlyWhenTheDefaultIsRelayOnlyAndNoSiteChoseDefault() {
        SitePermissions p = permissions();
        p.setIpHandling(MEET, IpHandling.RELAY_ONLY);
        assertFalse(p.relayOnlyEverywhere(), "one relay-only site is not every site");
        p.setIpHandlingDefault(IpHandling.RELAY_ONLY);
        assertTrue(p.relayOnlyEverywhere());
        p.setIpHandling(WIDGET, IpHandling.DEFAULT);
        assertFalse(p.relayOnlyEverywhere(), "a site set to Default is an exception");
        p.setIpHandling(WIDGET, null);
        assertTrue(p.relayOnlyEverywhere());
    }

    @Test
    void clearingSiteDataKeepsTheChoiceAndFollowingTheDefaultForgetsIt() {
        SitePermissions p = permissions();
        p.setIpHandling(MEET, IpHandling.RELAY_ONLY);
        p.deviceSalt(MEET);
        p.clearSiteData(MEET);
        assertEquals(Optional.of(IpHandling.RELAY_ONLY), p.ipHandling(MEET));
        p.setIpHandling(MEET, null);
        assertEquals(Optional.empty(), p.ipHandling(MEET));
        assertTrue(p.snapshot().sites().isEmpty(), "an origin with nothing left is not stored");
    }
}
