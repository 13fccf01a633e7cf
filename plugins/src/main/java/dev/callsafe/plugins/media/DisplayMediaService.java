package dev.callsafe.plugins.media;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.logging.Logger;

import javax.swing.JComponent;
import javax.swing.SwingUtilities;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import dev.callsafe.capture.screen.CursorMode;
import dev.callsafe.capture.screen.DisplayCapture;
import dev.callsafe.capture.screen.ScreenShareSource;
import dev.callsafe.capture.screen.ShareOptions;
import dev.callsafe.capture.screen.ShareTarget;
import dev.callsafe.capture.video.SwitchableVideoSource;
import dev.callsafe.capture.video.TrackAdapter;
import dev.callsafe.capture.video.VideoFormat;
import dev.callsafe.capture.video.VideoFrame;
import dev.callsafe.capture.video.VideoSource;
import dev.callsafe.permissions.DisplayConsent;
import dev.callsafe.permissions.DisplayDecision;
import dev.callsafe.permissions.DisplayRequest;
import dev.callsafe.permissions.DisplaySource;
import dev.callsafe.permissions.SitePermissions;
import dev.callsafe.plugins.media.constraints.Candidate;
import dev.callsafe.plugins.media.constraints.MediaConstraints;
import dev.callsafe.plugins.media.constraints.SelectSettings;
import dev.callsafe.plugins.media.constraints.TrackKind;
import dev.callsafe.plugins.media.constraints.VideoMode;
import dev.callsafe.plugins.media.constraints.VideoModes;
import dev.callsafe.plugins.spi.FrameRef;
import dev.callsafe.plugins.spi.MessageHandler;
import dev.callsafe.plugins.spi.PluginContext;
import dev.callsafe.plugins.spi.Tab;

/**
 * Answers the page script's {@code display} messages: getDisplayMedia and getUserMedia with a display
 * {@code mediaSource}. Checks real user activation in the tab (read by the browser, not the page), applies
 * seed 001's consent table ({@link DisplayConsent}), lets the user choose in the {@link SharePicker} and
 * starts capture: masked screen and application frames from {@link DisplayCapture}, a tab's own rendering
 * from {@link TabVideoSource}. The requesting origin always comes from the browser's {@link FrameRef}.
 */
final class DisplayMediaService implements MessageHandler {
    private static final Logger LOG = Logger.getLogger(DisplayMediaService.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Shared pictures sent to pages as JPEGs (a tab's screencast pictures) since start. */
    long jpegPicturesSent() {
        return jpegPictures.get();
    }
    /** Frame rate when the page asks for none (and the most it may ask for). */
    static final double DEFAULT_FRAME_RATE = 30;
    /** Largest tab picture sent (Chromium scales the screencast down to fit). */
    static final int TAB_MAX_WIDTH = 1920;
    static final int TAB_MAX_HEIGHT = 1080;

    private final PluginContext context;
    private final java.util.concurrent.atomic.AtomicLong jpegPictures = new java.util.concurrent.atomic.AtomicLong();
    private final DisplayConsent consent;
    private final LiveTracks tracks;
    private final ExecutorService opener;
    private final Supplier<JComponent> chrome;
    private final OwnWindows own = new OwnWindows();
    private final FrameChecks frames;
    private final EndedDocuments ended;
    /**
     * Share requests waiting for the person: one picker per tab at a time, the others wait their turn (each
     * needed its own click; a frame may have two waiting, a tab four).
     */
    private final ConsentQueue<Share> pickers = new ConsentQueue<>(false, 2, 4, this::show);
    /** A tab share the person may move to another tab (surfaceSwitching), by track token. */
    private record Switchable(SwitchableVideoSource source, double frameRate, int requestingTab, boolean selfIncluded) {
    }

    private final Map<String, Switchable> switchables = new java.util.concurrent.ConcurrentHashMap<>();
    /** Shares whose page may still ask to bring the shared surface forward, with their start time. */
    private final Map<String, Long> focusable = new java.util.concurrent.ConcurrentHashMap<>();
    /** How long after a share starts its page may ask that (the spec's decision is made at once). */
    static final long FOCUS_WINDOW_MS = 2000;

    DisplayMediaService(PluginContext context, SitePermissions permissions, LiveTracks tracks, ExecutorService opener,
                        Supplier<JComponent> chrome, EndedDocuments ended) {
        this.ended = ended;
        this.context = context;
        this.consent = new DisplayConsent(permissions);
        this.tracks = tracks;
        this.opener = opener;
        this.chrome = chrome;
        this.frames = new FrameChecks(context);
    }

    /** What the page asked for, validated again here (the page script can be bypassed). */
    record Ask(Set<DisplaySource> wanted, OptionalInt tabId, double frameRate, JsonObject constraints,
               ShareHints hints, boolean audio) {
    }

    @Override
    public void onMessage(FrameRef frame, String payload, Reply reply) {
        if (focus(frame, payload, reply)) {
            return;
        }
        Ask ask;
        try {
            ask = parse(payload);
        } catch (MediaError e) {
            fail(reply, e);
            return;
        }
        Optional<Tab> tab = tabById(frame.tabId());
        if (tab.isEmpty()) {
            fail(reply, MediaError.notAllowed("The requesting tab is gone"));
            return;
        }
        // Read in the requesting frame (a parent's click does not activate its iframes) and consumed, as the
        // Screen Capture spec says: one click, one picker.
        java.util.concurrent.CompletableFuture<Boolean> activation = tab.get().consumeTransientActivation(frame)
                .orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> {
                    LOG.warning("user activation could not be read: " + e);
                    return false;
                });
        // The frame's origin and its permissions policy for "display-capture", as the engine enforces them: a
        // cross-origin frame needs it delegated by its embedders (allow=), a page's own policy can refuse it,
        // an opaque-origin frame has no site to share with, and an engine that cannot say refuses.
        frames.check(frame).thenCombine(activation, (check, active) -> {
            decide(frame, check, ask, Boolean.TRUE.equals(active), reply);
            return null;
        });
    }

    /**
     * {@code CaptureController.setFocusBehavior('focus-captured-surface')}: brings the shared tab forward, once,
     * within a moment of the share starting. Only ever the tab the person chose to share. True when handled.
     */
    private boolean focus(FrameRef frame, String payload, Reply reply) {
        JsonObject msg;
        try {
            msg = JsonParser.parseString(payload).getAsJsonObject();
        } catch (RuntimeException e) {
            return false;
        }
        if (!"focus".equals(str(msg, "op"))) {
            return false;
        }
        String token = str(msg, "token");
        Long started = focusable.remove(token);
        Optional<LiveTrack> track = tracks.get(token).filter(t -> t.isOwnedBy(frame));
        if (started != null && System.currentTimeMillis() - started < FOCUS_WINDOW_MS && track.isPresent()
                && track.get().description().has("sharedTab")) {
            int shared = track.get().description().get("sharedTab").getAsInt();
            SwingUtilities.invokeLater(() -> tabById(shared).ifPresent(Tab::select));
        }
        reply.success("{}");
        return true;
    }

    static Ask parse(String payload) throws MediaError {
        JsonObject msg;
        try {
            msg = JsonParser.parseString(payload).getAsJsonObject();
        } catch (RuntimeException e) {
            throw MediaError.typeError("malformed message");
        }
        if (!"share".equals(str(msg, "op"))) {
            throw MediaError.typeError("unknown operation");
        }
        Set<DisplaySource> wanted = EnumSet.allOf(DisplaySource.class);
        if (msg.has("mediaSource") && !msg.get("mediaSource").isJsonNull()) {
            wanted = EnumSet.of(DisplaySource.fromMediaSource(str(msg, "mediaSource"))
                    .orElseThrow(() -> MediaError.typeError("unknown mediaSource")));
        }
        OptionalInt tabId = OptionalInt.empty();
        if (msg.has("tabId") && !msg.get("tabId").isJsonNull()) {
            try {
                tabId = OptionalInt.of(msg.get("tabId").getAsInt());
            } catch (RuntimeException e) {
                throw MediaError.typeError("tabId must be an integer");
            }
            if (!wanted.equals(EnumSet.of(DisplaySource.BROWSER))) {
                throw MediaError.typeError("tabId goes with mediaSource 'browser'");
            }
        }
        JsonObject video = msg.has("video") && msg.get("video").isJsonObject() ? msg.getAsJsonObject("video")
                : new JsonObject();
        double frameRate = DEFAULT_FRAME_RATE;
        for (Map.Entry<String, JsonElement> e : video.entrySet()) {
            if (e.getKey().equals("advanced")) {
                throw MediaError.typeError("advanced constraints are not allowed for display capture");
            }
            if (e.getValue().isJsonObject()) {
                JsonObject c = e.getValue().getAsJsonObject();
                if (c.has("min") || c.has("exact")) {
                    throw MediaError.typeError(e.getKey() + " may not use min or exact for display capture");
                }
            }
        }
        if (video.has("frameRate")) {
            JsonElement f = video.get("frameRate");
            Double asked = f.isJsonPrimitive() && f.getAsJsonPrimitive().isNumber() ? f.getAsDouble()
                    : f.isJsonObject() && f.getAsJsonObject().has("max") ? f.getAsJsonObject().get("max").getAsDouble()
                    : f.isJsonObject() && f.getAsJsonObject().has("ideal") ? f.getAsJsonObject().get("ideal").getAsDouble()
                    : null;
            if (asked != null && asked > 0) {
                frameRate = Math.min(DEFAULT_FRAME_RATE, asked);
            }
        }
        MediaConstraints.parse(video); // wrongly typed members are TypeErrors before any picker
        // getDisplayMedia's audio: true or constraints (a tab's sound); absent or false: none
        JsonElement audio = msg.get("audio");
        boolean wantsAudio = audio != null && (audio.isJsonObject()
                || audio.isJsonPrimitive() && audio.getAsJsonPrimitive().isBoolean() && audio.getAsBoolean());
        return new Ask(wanted, tabId, frameRate, video, ShareHints.parse(msg, video), wantsAudio);
    }

    private static String str(JsonObject o, String key) {
        return o.has(key) && o.get(key).isJsonPrimitive() ? o.get(key).getAsString() : "";
    }

    private void decide(FrameRef frame, FrameCheck check, Ask ask, boolean activation, Reply reply) {
        DisplayRequest request = new DisplayRequest(check.requester(), frame.topLevelOrigin(), ask.wanted(), ask.tabId(),
                check.policy(Set.of(dev.callsafe.permissions.MediaKind.SCREEN)), activation);
        DisplayDecision decision = consent.decide(request);
        LOG.info(() -> "display request " + ask.wanted() + " by " + frame.origin() + ": " + decision.reason());
        switch (decision.outcome()) {
            case DENY:
                fail(reply, errorFor(decision.reason()));
                return;
            case GRANT:
                Optional<Tab> named = tabById(ask.tabId().getAsInt());
                if (named.isEmpty()) {
                    fail(reply, MediaError.notFound("No tab has that tabId"));
                    return;
                }
                ShareChoice choice = new ShareChoice(DisplaySource.BROWSER, "Tab: " + named.get().title(), null,
                        named.get(), dev.callsafe.capture.screen.OcclusionStyle.GREY, ask.audio());
                opener.execute(() -> start(frame, ask, choice, reply));
                return;
            default:
                Set<DisplaySource> offered = EnumSet.copyOf(decision.offered());
                if (!ask.hints().monitorsIncluded() && offered.size() > 1) {
                    offered.remove(DisplaySource.SCREEN);
                }
                opener.execute(() -> {
                    List<ShareCandidates.Candidate> candidates = ShareCandidates.forPage(ShareCandidates.gather(offered,
                            context.tabs(), own), frame.tabId(), ask.hints());
                    SwingUtilities.invokeLater(() -> pick(frame, ask, offered, candidates, reply));
                });
        }
    }

    private static MediaError errorFor(DisplayDecision.Reason reason) {
        switch (reason) {
            case NO_USER_ACTIVATION:
                return new MediaError("InvalidStateError", "Sharing the display needs a user gesture (a click or key"
                        + " press) in the page");
            case OPAQUE_ORIGIN:
                return MediaError.notAllowed("This frame has an opaque origin (sandboxed without allow-same-origin):"
                        + " there is no site to share with");
            case INSECURE_ORIGIN:
                return MediaError.notAllowed("Display capture needs a secure (https or loopback) page");
            case UNVERIFIED_FRAME:
                return MediaError.notAllowed("The browser could not verify this frame's origin and permissions policy");
            case NOT_DELEGATED:
                return MediaError.notAllowed("This frame was not delegated display capture (allow=)");
            case BLOCKED_BY_POLICY:
                return MediaError.notAllowed("Blocked by this page's permissions policy");
            case STORED_BLOCK:
                return MediaError.notAllowed("Blocked in this browser's site settings");
            case DEFAULT_BLOCK:
                return MediaError.notAllowed("Sharing is blocked for every site in this browser's settings");
            case EMBARGOED:
                return MediaError.notAllowed("Permission dismissed too often; asking again later");
            case NEEDS_APPLICATION_PERMISSION:
                return MediaError.notAllowed("Sharing the screen or a browser tab needs this site installed as a"
                        + " calling app with screen sharing (Site > Install as calling app)");
            default:
                return MediaError.notAllowed("Permission denied");
        }
    }

    /** One share request waiting for the person's choice in the picker. */
    private final class Share extends ConsentRequest {
        final Ask ask;
        final Set<DisplaySource> offered;
        final List<ShareCandidates.Candidate> candidates;
        final Reply reply;
        /** What the person chose, set just before the grant. */
        ShareChoice choice;

        Share(FrameRef frame, Ask ask, Set<DisplaySource> offered, List<ShareCandidates.Candidate> candidates,
              Reply reply) {
            super(frame);
            this.ask = ask;
            this.offered = offered;
            this.candidates = candidates;
            this.reply = reply;
        }

        @Override
        protected void onGranted() {
            LOG.info(() -> "user chose to share " + choice.label() + " with " + frame().origin());
            opener.execute(() -> start(frame(), ask, choice, reply));
        }

        @Override
        protected void onRefused(MediaError error) {
            fail(reply, error);
        }
    }

    private void pick(FrameRef frame, Ask ask, Set<DisplaySource> offered, List<ShareCandidates.Candidate> candidates,
                      Reply reply) {
        Share share = new Share(frame, ask, offered, candidates, reply);
        if (ended.hasEnded(frame)) {
            share.withdraw("its document went away");
            return;
        }
        pickers.add(share);
    }

    /** Opens the picker of a share request when it comes to the front of its tab's queue. */
    private Optional<ConsentQueue.PromptView<Share>> show(ConsentQueue.Group<Share> group) {
        Share share = group.requests().get(0);
        FrameRef frame = group.frame();
        if (tabById(frame.tabId()).isEmpty()) {
            share.refuse(MediaError.notAllowed("The requesting tab is gone"));
            return Optional.empty();
        }
        JComponent strip = chrome.get();
        SharePicker picker = new SharePicker(strip == null ? null : SwingUtilities.getWindowAncestor(strip), strip,
                frame.origin(), frame.topLevelOrigin(), share.offered, share.candidates,
                choice -> pickers.answer(group, shares -> {
                    share.choice = choice;
                    share.grant();
                }),
                () -> pickers.answer(group, shares -> share.refuse(MediaError.notAllowed("Permission denied by the user"))));
        ShareCandidates.preselected(share.candidates, frame.tabId(), share.ask.hints()).ifPresent(picker::preselect);
        picker.offerTabAudio(share.ask.audio() && share.offered.contains(DisplaySource.BROWSER));
        picker.open();
        return Optional.of(new ConsentQueue.PromptView<Share>() {
            @Override
            public void merged(Share request) {
                // pickers never merge: each share is its own choice
            }

            @Override
            public void close() {
                picker.withdraw();
            }
        });
    }

    /**
     * The person's "Share the front tab instead": every switchable tab share now shows the selected tab (not the
     * sharing page's own tab when it excluded itself). Only the person's click in the chrome calls this.
     */
    void shareSelectedTab() {
        Optional<Tab> front = context.selectedTab();
        if (front.isEmpty()) {
            return;
        }
        Tab tab = front.get();
        switchables.forEach((token, s) -> {
            Optional<LiveTrack> track = tracks.get(token);
            if (track.isEmpty() || !s.selfIncluded() && tab.id() == s.requestingTab()
                    || track.get().description().get("sharedTab").getAsInt() == tab.id()) {
                return;
            }
            opener.execute(() -> {
                TabVideoSource next = new TabVideoSource(tab, TAB_MAX_WIDTH, TAB_MAX_HEIGHT, s.frameRate());
                try {
                    next.awaitFirst(5000);
                } catch (IOException e) {
                    next.close();
                    LOG.warning("could not switch the share to tab " + tab.id() + ": " + e.getMessage());
                    return;
                }
                s.source().switchTo(next);
                JsonObject d = track.get().description();
                synchronized (d) {
                    d.addProperty("sharedTab", tab.id());
                    d.addProperty("label", "Tab: " + tab.title());
                }
                LOG.info(() -> "share switched to tab " + tab.id() + " by the person");
                tracks.changed();
            });
        });
    }

    /** How many share requests the tab has queued, the open picker's included. Swing thread. */
    int pickers(int tabId) {
        return pickers.prompts(tabId);
    }

    /** Closes the pickers of documents that went away and withdraws their requests. Swing thread. */
    void withdraw(Predicate<FrameRef> gone, String why) {
        pickers.withdraw(gone, why);
    }

    private void start(FrameRef frame, Ask ask, ShareChoice choice, Reply reply) {
        VideoSource opened;
        try {
            opened = open(choice, ask.frameRate());
        } catch (MediaError e) {
            fail(reply, e);
            return;
        } catch (IOException | RuntimeException e) {
            LOG.warning("could not start display capture: " + e);
            fail(reply, MediaError.notReadable("Could not start sharing: " + e.getMessage()));
            return;
        }
        // A tab share the page allows switching: the person may move it to another tab (the sharing bar).
        VideoSource source = choice.tab() != null && ask.hints().surfaceSwitching()
                ? new SwitchableVideoSource(opened) : opened;
        if (tabById(frame.tabId()).isEmpty() || ended.hasEnded(frame)) {
            source.close();
            fail(reply, MediaError.notAllowed("The requesting document is gone"));
            return;
        }
        String token = newToken();
        FramedPipe pipe = new FramedPipe(2, () -> tracks.end(token, "stream closed by page"));
        Map<String, Object> fixed = surfaceSettings(choice.source());
        // screens and windows draw the pointer (Chrome's default, "always"), a tab share does not
        List<CursorMode> cursors = opened instanceof ScreenShareSource screen
                ? CURSOR_PREFERENCE.stream().filter(screen.cursorModes()::contains).toList() : List.of(CursorMode.NEVER);
        MediaConstraints spec;
        DisplayMode chosen;
        try {
            spec = MediaConstraints.parse(ask.constraints());
            chosen = displayMode(source.format(), spec, fixed, cursors);
        } catch (MediaError e) {
            source.close();
            fail(reply, e);
            return;
        }
        VideoMode mode = chosen.video();
        drawPointer(opened, chosen.cursor());
        // The share is shrunk to fit the size asked for, keeping its shape, and thinned to the rate asked for.
        TrackAdapter adapter = new TrackAdapter(displayTarget(mode));
        source.addSink(f -> {
            VideoFrame g = adapter.adapt(f);
            if (g != null) {
                if (g.jpeg().isPresent()) {
                    jpegPictures.incrementAndGet();
                }
                pipe.offerPicture(g); // only what changed travels, or a tab's picture as its JPEG
            }
        });
        source.onEnded(() -> tracks.end(token, "shared source ended"));
        Map<String, Object> settings = chosen.settings(fixed);
        VideoFormat real = source.format();
        Map<String, Object> caps = new LinkedHashMap<>();
        caps.put("width", TrackSettings.range(VideoModes.MIN_SIZE, real.width()));
        caps.put("height", TrackSettings.range(VideoModes.MIN_SIZE, real.height()));
        caps.put("frameRate", TrackSettings.range(VideoModes.MIN_FRAME_RATE, real.frameRate()));
        caps.put("aspectRatio", TrackSettings.range((double) VideoModes.MIN_SIZE / real.height(),
                (double) real.width() / VideoModes.MIN_SIZE));
        caps.put("resizeMode", List.of("none", "crop-and-scale"));
        caps.put("displaySurface", fixed.get("displaySurface"));
        caps.put("logicalSurface", true);
        caps.put("cursor", cursors.stream().map(CursorMode::setting).toList());
        JsonObject d = new JsonObject();
        d.addProperty("kind", "video");
        d.addProperty("token", token);
        d.addProperty("label", choice.label());
        d.add("settings", TrackSettings.json(settings));
        d.add("capabilities", TrackSettings.json(caps));
        d.add("constraints", ask.constraints());
        if (choice.tab() != null) {
            d.addProperty("sharedTab", choice.tab().id()); // for the tab strip's mark (SharingReminders)
            focusable.put(token, System.currentTimeMillis());
        }
        if (source instanceof SwitchableVideoSource switchable) {
            d.addProperty("surfaceSwitching", true); // the sharing bar offers "Share the front tab instead"
            switchable.onEnded(() -> switchables.remove(token));
            switchables.put(token, new Switchable(switchable, ask.frameRate(), frame.tabId(), ask.hints().selfIncluded()));
        }
        LiveTrack track = new LiveTrack(token, frame, choice.source().kind(), d, pipe, source);
        track.onApplyConstraints(k -> {
            DisplayMode m = displayMode(source.format(), k.spec(), fixed, cursors);
            adapter.retarget(displayTarget(m.video()));
            drawPointer(opened, m.cursor());
            JsonObject json = TrackSettings.json(m.settings(fixed));
            synchronized (d) {
                d.add("settings", json);
                d.add("constraints", k.raw());
            }
            return json;
        });
        tracks.add(track);
        JsonArray out = new JsonArray();
        out.add(d);
        if (choice.tab() != null && choice.tabAudio()) {
            LiveTrack sound = tabAudio(frame, choice);
            source.onEnded(() -> tracks.end(sound.token(), "shared source ended"));
            out.add(sound.description());
        }
        JsonObject res = new JsonObject();
        res.add("tracks", out);
        reply.success(res.toString());
    }

    /**
     * The shared tab's sound as an audio track: its media elements' sound ({@link Tab#mediaSound}), sent as a
     * microphone's is (float32 chunks, "CSA1"). It has a life of its own, as the page's tracks do, and ends with
     * the share's picture source (the tab closed, Stop in the chrome).
     */
    private LiveTrack tabAudio(FrameRef frame, ShareChoice choice) {
        String token = newToken();
        FramedPipe pipe = new FramedPipe(50, () -> tracks.end(token, "stream closed by page"));
        TrackPause pause = new TrackPause();
        java.util.concurrent.atomic.AtomicLong sequence = new java.util.concurrent.atomic.AtomicLong();
        AutoCloseable capture = choice.tab().mediaSound(samples -> pipe.offer(FramedPipe.AUDIO_MAGIC,
                Tab.SOUND_SAMPLE_RATE, 1, sequence.getAndIncrement(), System.currentTimeMillis(),
                floats(pause.audio(samples))));
        Map<String, Object> settings = DeviceOptions.audioSettings(Tab.SOUND_SAMPLE_RATE);
        settings.put("sampleSize", 16);
        JsonObject d = new JsonObject();
        d.addProperty("kind", "audio");
        d.addProperty("token", token);
        // its own label, so the indicator and the sharing bar say that the tab's sound goes too
        d.addProperty("label", "Tab audio: " + choice.tab().title());
        d.addProperty("sharedTab", choice.tab().id());
        d.add("settings", TrackSettings.json(settings));
        d.add("capabilities", TrackSettings.microphoneCapabilities(settings, Map.of()));
        d.add("constraints", new JsonObject());
        LiveTrack track = new LiveTrack(token, frame, choice.source().kind(), d, pipe, capture, null, pause);
        tracks.add(track);
        return track;
    }

    private static byte[] floats(float[] samples) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(samples.length * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(samples);
        return b.array();
    }

    private VideoSource open(ShareChoice choice, double frameRate) throws IOException, MediaError {
        switch (choice.source()) {
            case BROWSER:
                TabVideoSource tab = new TabVideoSource(choice.tab(), TAB_MAX_WIDTH, TAB_MAX_HEIGHT, frameRate);
                try {
                    tab.awaitFirst(5000);
                } catch (IOException e) {
                    tab.close();
                    throw e;
                }
                return tab;
            case APPLICATION:
                ShareTarget.Application app = (ShareTarget.Application) choice.target();
                if (!DisplayConsent.mayShareApplication(OwnWindows.isThisBrowser(app.pid()))) {
                    throw MediaError.notAllowed("This browser cannot share itself");
                }
                return DisplayCapture.open(app, new ShareOptions(choice.occlusion(), frameRate, own));
            default:
                return DisplayCapture.open(choice.target(), new ShareOptions(choice.occlusion(), frameRate, own));
        }
    }

    /** Cursor modes in the order a share prefers them when the page asks for none (Chrome's "always" first). */
    static final List<CursorMode> CURSOR_PREFERENCE = List.of(CursorMode.ALWAYS, CursorMode.MOTION, CursorMode.NEVER);

    /** What a share sends: its size and rate, and when it draws the pointer. */
    record DisplayMode(VideoMode video, CursorMode cursor) {
        /** The track's settings: the mode's, the surface's ({@code fixed}) and the cursor. */
        Map<String, Object> settings(Map<String, Object> fixed) {
            Map<String, Object> s = new LinkedHashMap<>(video.settings());
            s.putAll(fixed);
            s.put("cursor", cursor.setting());
            return s;
        }
    }

    private static void drawPointer(VideoSource source, CursorMode mode) {
        if (source instanceof ScreenShareSource screen) {
            screen.setCursor(mode);
        }
    }

    /**
     * A share's best mode for these constraints: the surface as it is, or shrunk (never cropped: a shared
     * surface is shown whole, as the Screen Capture spec asks) and thinned, with one of the {@code cursors} it can
     * draw the pointer as (in order of preference); {@code OverconstrainedError} when no mode meets the required
     * constraints (possible only through {@code applyConstraints}).
     */
    static DisplayMode displayMode(VideoFormat native_, MediaConstraints c, Map<String, Object> fixed,
                                   List<CursorMode> cursors) throws MediaError {
        List<Candidate<DisplayMode>> candidates = new ArrayList<>();
        for (VideoMode m : VideoModes.of(VideoModes.Range.fixed(native_.width(), native_.height(),
                native_.frameRate()), c)) {
            VideoMode shown = m;
            if (m.cropAndScale()) {
                int[] fit = TrackAdapter.fitted(native_.width(), native_.height(), m.width(), m.height());
                shown = new VideoMode(m.nativeWidth(), m.nativeHeight(), m.nativeFrameRate(), fit[0], fit[1],
                        m.frameRate(), true);
            }
            for (CursorMode cursor : cursors) {
                DisplayMode d = new DisplayMode(shown, cursor);
                candidates.add(new Candidate<>(d, TrackKind.VIDEO, d.settings(fixed)));
            }
        }
        SelectSettings.Result<DisplayMode> r = SelectSettings.select(c, candidates);
        if (!r.succeeded()) {
            throw TrackSettings.overconstrained(r.failedConstraint(), "this share");
        }
        return r.chosen().get().source();
    }

    private static TrackAdapter.Target displayTarget(VideoMode m) {
        return new TrackAdapter.Target(m.width(), m.height(), m.frameRate(), false);
    }

    /** What a share of this kind reports of its surface. */
    private static Map<String, Object> surfaceSettings(DisplaySource source) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("displaySurface", surface(source));
        s.put("logicalSurface", true);
        return s;
    }

    private static String surface(DisplaySource source) {
        switch (source) {
            case SCREEN: return "monitor";
            case APPLICATION: return "window";
            default: return "browser";
        }
    }

    private Optional<Tab> tabById(int id) {
        return context.tabs().stream().filter(t -> t.id() == id).findFirst();
    }

    private static String newToken() {
        byte[] b = new byte[24];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static void fail(Reply reply, MediaError e) {
        reply.failure(1, e.toJson());
    }
}
