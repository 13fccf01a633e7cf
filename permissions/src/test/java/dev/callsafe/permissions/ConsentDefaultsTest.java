package dev.callsafe.permissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The browser-wide default answers as the consent engine applies them, and how they are stored. */
class ConsentDefaultsTest {
    static final Origin MEET = Origin.of("https://meet.example");
    static final Set<MediaKind> CAM = EnumSet.of(MediaKind.CAMERA);
    static final Set<MediaKind> MIC = EnumSet.of(MediaKind.MICROPHONE);

    @TempDir
    Path profile;

    private final SitePermissionsTest.TestClock clock = new SitePermissionsTest.TestClock();
    private final ConsentDefaults defaults = new ConsentDefaults();
    private final SitePermissions permissions = new SitePermissions(clock, SitePermissions.DEFAULT_LAPSE,
            Set.of("callsafe"), () -> CallLimits.DEFAULT, defaults);

    private Decision decide(Set<MediaKind> kinds, String callId) {
        return permissions.decide(new MediaRequest(MEET, MEET, kinds, false, callId));
    }

    @Test
    void askIsTheDefault() {
        assertEquals(DefaultAnswer.ASK, defaults.answer(MediaKind.CAMERA));
        assertEquals(Decision.Reason.NO_DECISION_YET, decide(CAM, "c1").reason());
    }

    @Test
    void aBlockedDefaultRefusesWithoutAPromptForThatKindOnly() {
        defaults.setAnswer(CaptureCategory.CAMERA, DefaultAnswer.BLOCK);
        assertEquals(Decision.Reason.DEFAULT_BLOCK, decide(CAM, "c1").reason());
        assertEquals(Decision.Outcome.DENY, decide(CAM, "c1").outcome());
        assertEquals(Decision.Reason.NO_DECISION_YET, decide(MIC, "c1").reason());
        assertEquals(Decision.Reason.DEFAULT_BLOCK, decide(EnumSet.of(MediaKind.CAMERA, MediaKind.MICROPHONE), "c1")
                .reason(), "a request including a blocked kind is refused whole, as with a per-site block");
        assertEquals(QueryState.PROMPT, permissions.query(MEET, MEET, MediaKind.CAMERA, false),
                "permissions.query does not reveal the person's choice before a first success (seed 004)");
    }

    @Test
    void perSiteSettingsOverrideTheDefault() {
        defaults.setAnswer(CaptureCategory.CAMERA, DefaultAnswer.BLOCK);
        permissions.installApplication(MEET, CAM);
        assertEquals(Decision.Reason.APPLICATION_PERMISSION, decide(CAM, "c1").reason(),
                "an installed calling app keeps its camera");
        permissions.block(MEET, MediaKind.MICROPHONE);
        assertEquals(Decision.Reason.STORED_BLOCK, decide(MIC, "c1").reason(), "a per-site block names itself");
        permissions.revoke(MEET, MediaKind.CAMERA);
        assertEquals(Decision.Reason.DEFAULT_BLOCK, decide(CAM, "c1").reason(), "reset falls back to the default");
    }

    @Test
    void aCallAlreadyAllowedKeepsItsGrantButNewCallsAreRefused() {
        MediaRequest call = new MediaRequest(MEET, MEET, CAM, false, "c1");
        permissions.record(call, ConsentAnswer.ALLOW_ONCE);
        defaults.setAnswer(CaptureCategory.CAMERA, DefaultAnswer.BLOCK);
        assertEquals(Decision.Reason.LIVE_CALL_GRANT, decide(CAM, "c1").reason());
        assertEquals(Decision.Reason.DEFAULT_BLOCK, decide(CAM, "c2").reason());
    }

    @Test
    void screenShareDefaultCoversEveryDisplaySourceUnlessTheAppPermissionCoversIt() {
        DisplayConsent display = new DisplayConsent(permissions);
        DisplayRequest app = new DisplayRequest(MEET, MEET, EnumSet.of(DisplaySource.APPLICATION),
                OptionalInt.empty(), FramePolicy.ALLOWS, true);
        assertEquals(DisplayDecision.Reason.USER_CHOICE, display.decide(app).reason());
        defaults.setAnswer(CaptureCategory.SCREEN_SHARE, DefaultAnswer.BLOCK);
        assertEquals(DisplayDecision.Reason.DEFAULT_BLOCK, display.decide(app).reason());
        permissions.installApplication(MEET, EnumSet.of(MediaKind.SCREEN));
        DisplayRequest screenOrApp = new DisplayRequest(MEET, MEET, EnumSet.of(DisplaySource.SCREEN,
                DisplaySource.APPLICATION), OptionalInt.empty(), FramePolicy.ALLOWS, true);
        DisplayDecision d = display.decide(screenOrApp);
        assertEquals(DisplayDecision.Reason.USER_CHOICE, d.reason());
        assertEquals(EnumSet.of(DisplaySource.SCREEN), d.offered(), "only what the site's own permission covers");
    }

    @Test
    void anUnreadableStoredAnswerFailsClosed() {
        List<String> problems = defaults.restore(new SettingsSnapshot(
                Map.of("camera", "ask", "microphone", "maybe", "screen-share", "3", "hologram", "block"),
                Map.of("camera", "v4l2:/dev/video0", "speaker", "x")));
        assertEquals(DefaultAnswer.ASK, defaults.answer(MediaKind.CAMERA));
        assertEquals(DefaultAnswer.BLOCK, defaults.answer(MediaKind.MICROPHONE));
        assertEquals(DefaultAnswer.BLOCK, defaults.answer(MediaKind.TAB));
        assertEquals(2, problems.size(), problems::toString);
        assertTrue(problems.get(0).contains("Block until you choose again"), problems.get(0));
        assertEquals(Decision.Reason.DEFAULT_BLOCK, decide(MIC, "c1").reason());
        assertEquals(Optional.of("v4l2:/dev/video0"), defaults.device(MediaKind.CAMERA));
        assertEquals(Optional.empty(), defaults.device(MediaKind.MICROPHONE));
    }

    @Test
    void settingsSurviveTheStoreAndANullAnswerInTheFileFailsClosed() throws Exception {
        defaults.setAnswer(CaptureCategory.SCREEN_SHARE, DefaultAnswer.BLOCK);
        defaults.setDevice(MediaKind.MICROPHONE, "tone:2");
        try (PermissionStore store = PermissionStore.open(profile, clock)) {
            store.save(permissions.snapshot().with(defaults.snapshot(), List.of()));
        }
        ConsentDefaults again = new ConsentDefaults();
        try (PermissionStore store = PermissionStore.open(profile, clock)) {
            assertEquals(List.of(), again.restore(store.load().snapshot().settings()));
        }
        assertEquals(DefaultAnswer.BLOCK, again.answer(MediaKind.SCREEN));
        assertEquals(DefaultAnswer.ASK, again.answer(MediaKind.CAMERA));
        assertEquals(Optional.of("tone:2"), again.device(MediaKind.MICROPHONE));

        Path file = profile.resolve(PermissionStore.FILE);
        Files.writeString(file, Files.readString(file).replace("\"screen-share\": \"block\"", "\"camera\": null"));
        try (PermissionStore store = PermissionStore.open(profile, clock)) {
            PermissionStore.LoadResult r = store.load();
            assertTrue(r.problem().isEmpty(), "the permissions themselves are fine");
            assertEquals(1, again.restore(r.snapshot().settings()).size());
        }
        assertEquals(DefaultAnswer.BLOCK, again.answer(MediaKind.CAMERA));
    }
}
