package dev.callsafe.plugins.media;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
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

import dev.callsafe.capture.screen.DisplayCapture;
import dev.callsafe.capture.screen.ShareOptions;
import dev.callsafe.capture.screen.ShareTarget;
import dev.callsafe.capture.video.VideoFormat;
import dev.callsafe.capture.video.VideoSource;
import dev.callsafe.permissions.DisplayConsent;
import dev.callsafe.permissions.DisplayDecision;
import dev.callsafe.permissions.DisplayRequest;
import dev.callsafe.permissions.DisplaySource;
import dev.callsafe.permissions.SitePermissions;
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
    /** Frame rate when the page asks for none (and the most it may ask for). */
    static final double DEFAULT_FRAME_RATE = 30;
    /** Largest tab picture sent (Chromium scales the screencast down to fit). */
    static final int TAB_MAX_WIDTH = 1920;
    static final int TAB_MAX_HEIGHT = 1080;

    private final PluginContext context;
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
    record Ask(Set<DisplaySource> wanted, OptionalInt tabId, double frameRate, JsonObject constraints) {
    }

    @Override
    public void onMessage(FrameRef frame, String payload, Reply reply) {
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
        return new Ask(wanted, tabId, frameRate, video);
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
                        named.get(), dev.callsafe.capture.screen.OcclusionStyle.GREY);
                opener.execute(() -> start(frame, ask, choice, reply));
                return;
            default:
                opener.execute(() -> {
                    List<ShareCandidates.Candidate> candidates = ShareCandidates.gather(decision.offered(),
                            context.tabs(), own);
                    SwingUtilities.invokeLater(() -> pick(frame, ask, decision.offered(), candidates, reply));
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

    /** How many share requests the tab has queued, the open picker's included. Swing thread. */
    int pickers(int tabId) {
        return pickers.prompts(tabId);
    }

    /** Closes the pickers of documents that went away and withdraws their requests. Swing thread. */
    void withdraw(Predicate<FrameRef> gone, String why) {
        pickers.withdraw(gone, why);
    }

    private void start(FrameRef frame, Ask ask, ShareChoice choice, Reply reply) {
        VideoSource source;
        try {
            source = open(choice, ask.frameRate());
        } catch (MediaError e) {
            fail(reply, e);
            return;
        } catch (IOException | RuntimeException e) {
            LOG.warning("could not start display capture: " + e);
            fail(reply, MediaError.notReadable("Could not start sharing: " + e.getMessage()));
            return;
        }
        if (tabById(frame.tabId()).isEmpty() || ended.hasEnded(frame)) {
            source.close();
            fail(reply, MediaError.notAllowed("The requesting document is gone"));
            return;
        }
        VideoFormat real = source.format();
        String token = newToken();
        FramedPipe pipe = new FramedPipe(2, () -> tracks.end(token, "stream closed by page"));
        source.addSink(f -> pipe.offer(FramedPipe.VIDEO_MAGIC, f.width(), f.height(), f.sequence(),
                f.captureTimeMillis(), f.i420()));
        source.onEnded(() -> tracks.end(token, "shared source ended"));
        JsonObject settings = new JsonObject();
        settings.addProperty("width", real.width());
        settings.addProperty("height", real.height());
        settings.addProperty("frameRate", real.frameRate());
        settings.addProperty("aspectRatio", (double) real.width() / real.height());
        settings.addProperty("resizeMode", "none");
        settings.addProperty("displaySurface", surface(choice.source()));
        settings.addProperty("logicalSurface", true);
        settings.addProperty("cursor", "never");
        JsonObject caps = new JsonObject();
        caps.addProperty("displaySurface", surface(choice.source()));
        JsonObject d = new JsonObject();
        d.addProperty("kind", "video");
        d.addProperty("token", token);
        d.addProperty("label", choice.label());
        d.add("settings", settings);
        d.add("capabilities", caps);
        d.add("constraints", ask.constraints());
        if (choice.tab() != null) {
            d.addProperty("sharedTab", choice.tab().id()); // for the tab strip's mark (SharingReminders)
        }
        LiveTrack track = new LiveTrack(token, frame, choice.source().kind(), d, pipe, source);
        tracks.add(track);
        JsonArray out = new JsonArray();
        out.add(d);
        JsonObject res = new JsonObject();
        res.add("tracks", out);
        reply.success(res.toString());
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
