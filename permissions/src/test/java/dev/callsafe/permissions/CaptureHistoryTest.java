package dev.callsafe.permissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaptureHistoryTest {
    static final Origin MEET = Origin.of("https://meet.example");
    static final Origin WIDGET = Origin.of("https://widget.example");
    static final Origin SHOP = Origin.of("https://shop.example");

    @TempDir
    Path profile;

    private final SitePermissionsTest.TestClock clock = new SitePermissionsTest.TestClock();
    private final CaptureHistory history = new CaptureHistory(clock);

    @Test
    void aSessionIsWrittenWhenItStartsAndClosedWhenItEnds() {
        int[] changes = {0};
        history.addListener(() -> changes[0]++);
        String id = history.begin(MEET, MEET, MediaKind.CAMERA, "Synthetic camera 1");
        assertEquals(1, changes[0], "recorded at the start, not only at the end");
        CaptureSession s = history.sessions(HistoryFilter.ALL).get(0);
        assertEquals(CaptureSession.State.ONGOING, s.state());
        assertEquals(Optional.empty(), s.duration());
        assertEquals(1, history.snapshot().size());
        assertEquals(null, history.snapshot().get(0).ended(), "the stored session is open while it runs");

        clock.now = clock.now.plusSeconds(95);
        history.end(id);
        assertEquals(2, changes[0]);
        s = history.sessions(HistoryFilter.ALL).get(0);
        assertEquals(CaptureSession.State.ENDED, s.state());
        assertEquals(Optional.of(Duration.ofSeconds(95)), s.duration());
        assertEquals("Synthetic camera 1", s.source());
        history.end(id);
        assertEquals(2, changes[0], "ending twice changes nothing");
    }

    @Test
    void newestFirstAndFilteredBySiteAndKind() {
        history.begin(MEET, MEET, MediaKind.CAMERA, "cam");
        clock.now = clock.now.plusSeconds(1);
        history.begin(WIDGET, MEET, MediaKind.MICROPHONE, "mic"); // an embedded frame of meet's page
        clock.now = clock.now.plusSeconds(1);
        history.begin(SHOP, SHOP, MediaKind.TAB, "Tab: Basket");
        List<CaptureSession> all = history.sessions(HistoryFilter.ALL);
        assertEquals(List.of("Tab: Basket", "mic", "cam"), all.stream().map(CaptureSession::source).toList());
        assertEquals(List.of("mic", "cam"), history.sessions(new HistoryFilter(Optional.of(MEET), Optional.empty()))
                .stream().map(CaptureSession::source).toList(), "a site's sessions include its embedded frames'");
        assertEquals(List.of("mic"), history.sessions(new HistoryFilter(Optional.of(WIDGET), Optional.empty()))
                .stream().map(CaptureSession::source).toList());
        assertEquals(List.of("cam"), history.sessions(new HistoryFilter(Optional.of(MEET), Optional.of(MediaKind.CAMERA)))
                .stream().map(CaptureSession::source).toList());
        assertEquals(List.of(), history.sessions(new HistoryFilter(Optional.of(SHOP), Optional.of(MediaKind.CAMERA))));
        assertEquals(List.of(MEET, SHOP, WIDGET), history.origins());
    }

    @Test
    void keptNinetyDaysAndAtMostTheBoundButNeverARunningSession() {
        String running = history.begin(MEET, MEET, MediaKind.CAMERA, "long call");
        history.end(history.begin(SHOP, SHOP, MediaKind.MICROPHONE, "old"));
        clock.now = clock.now.plus(CaptureHistory.KEEP).plusSeconds(1);
        history.end(history.begin(WIDGET, WIDGET, MediaKind.CAMERA, "new"));
        assertEquals(List.of("new", "long call"), history.sessions(HistoryFilter.ALL).stream()
                .map(CaptureSession::source).toList(), "older than 90 days goes, unless it still runs");

        history.end(running);
        for (int i = 0; i < CaptureHistory.MAX_SESSIONS + 5; i++) {
            clock.now = clock.now.plusSeconds(1);
            history.end(history.begin(MEET, MEET, MediaKind.CAMERA, "s" + i));
        }
        List<CaptureSession> kept = history.sessions(HistoryFilter.ALL);
        assertEquals(CaptureHistory.MAX_SESSIONS, kept.size());
        assertEquals("s" + (CaptureHistory.MAX_SESSIONS + 4), kept.get(0).source());
        assertEquals("s5", kept.get(kept.size() - 1).source(), "the oldest went first");
    }

    @Test
    void clearingASitesDataForgetsItsSessionsAsFrameOrPage() {
        history.begin(MEET, MEET, MediaKind.CAMERA, "cam");
        history.begin(WIDGET, MEET, MediaKind.MICROPHONE, "embedded mic");
        history.begin(WIDGET, WIDGET, MediaKind.CAMERA, "widget cam");
        history.begin(SHOP, SHOP, MediaKind.SCREEN, "Entire screen");
        history.forget(MEET);
        assertEquals(List.of("Entire screen", "widget cam"), history.sessions(HistoryFilter.ALL).stream()
                .map(CaptureSession::source).toList());
        history.clear();
        assertEquals(List.of(), history.sessions(HistoryFilter.ALL));
    }

    @Test
    void anOpenSessionFromAnEarlierRunReadsAsEndUnknownAndBadEntriesAreSkipped() {
        String id = history.begin(MEET, MEET, MediaKind.CAMERA, "cam");
        history.end(history.begin(SHOP, SHOP, MediaKind.WINDOW, "Editor"));
        List<CaptureSession.Stored> stored = new java.util.ArrayList<>(history.snapshot());
        stored.add(new CaptureSession.Stored("x", "https://a.example", null, "hologram", "?", clock.now.toString(), null));
        stored.add(new CaptureSession.Stored("y", "https://a.example", null, "camera", "?", "yesterday", null));
        stored.add(new CaptureSession.Stored("z", "data:,x", null, "camera", "?", clock.now.toString(), null));

        CaptureHistory next = new CaptureHistory(clock);
        assertEquals(3, next.restore(stored), "unreadable sessions are skipped and counted");
        List<CaptureSession> sessions = next.sessions(HistoryFilter.ALL);
        assertEquals(2, sessions.size());
        CaptureSession cut = sessions.stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
        assertEquals(CaptureSession.State.END_UNKNOWN, cut.state(), "not running in this run: its end is unknown");
        next.end(id);
        assertEquals(CaptureSession.State.END_UNKNOWN, next.sessions(HistoryFilter.ALL).stream()
                .filter(s -> s.id().equals(id)).findFirst().orElseThrow().state(), "this run cannot end it");
    }

    @Test
    void aSessionSurvivesTheStoreAndANewEngineOnTheSameProfile() throws Exception {
        history.end(history.begin(MEET, MEET, MediaKind.CAMERA, "Synthetic camera 1"));
        SitePermissions p = new SitePermissions(clock, SitePermissions.DEFAULT_LAPSE, Set.of());
        try (PermissionStore store = PermissionStore.open(profile, clock)) {
            store.save(p.snapshot().with(p.defaults().snapshot(), history.snapshot()));
        }
        try (PermissionStore store = PermissionStore.open(profile, clock)) {
            PermissionStore.LoadResult r = store.load();
            assertTrue(r.problem().isEmpty());
            CaptureHistory again = new CaptureHistory(clock);
            assertEquals(0, again.restore(r.snapshot().history()));
            assertEquals(history.sessions(HistoryFilter.ALL), again.sessions(HistoryFilter.ALL));
        }
    }

    @Test
    void aBrowserKilledMidCallLeavesTheSessionWithItsEndUnknown() throws Exception {
        // A real SIGKILL of a JVM that began a session and saved it, as a crash mid-call would.
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                HistoryWriterProcess.class.getName(), profile.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals("capturing", out.readLine());
            child.destroyForcibly();
            assertTrue(child.waitFor(10, TimeUnit.SECONDS));
        }
        try (PermissionStore store = PermissionStore.open(profile, Clock.systemUTC())) {
            CaptureHistory after = new CaptureHistory(Clock.systemUTC());
            after.restore(store.load().snapshot().history());
            List<CaptureSession> s = after.sessions(HistoryFilter.ALL);
            assertEquals(1, s.size(), "never lost");
            assertEquals(CaptureSession.State.END_UNKNOWN, s.get(0).state());
            assertEquals(HistoryWriterProcess.DEVICE, s.get(0).source());
        }
    }
}
