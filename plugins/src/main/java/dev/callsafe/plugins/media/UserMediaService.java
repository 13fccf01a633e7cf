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
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;

import javax.swing.SwingUtilities;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import dev.callsafe.capture.audio.AudioSource;
import dev.callsafe.capture.device.Camera;
import dev.callsafe.capture.device.DeviceBusyException;
import dev.callsafe.capture.device.DeviceCatalog;
import dev.callsafe.capture.device.FileCamera;
import dev.callsafe.capture.device.FileMicrophone;
import dev.callsafe.capture.device.MediaFile;
import dev.callsafe.capture.device.Microphone;
import dev.callsafe.capture.video.TrackAdapter;
import dev.callsafe.capture.video.VideoFormat;
import dev.callsafe.capture.video.VideoFrame;
import dev.callsafe.capture.video.VideoSource;
import dev.callsafe.permissions.ConsentAnswer;
import dev.callsafe.permissions.Decision;
import dev.callsafe.permissions.DeviceUse;
import dev.callsafe.permissions.MediaKind;
import dev.callsafe.permissions.MediaRequest;
import dev.callsafe.permissions.Origin;
import dev.callsafe.permissions.SitePermissions;
import dev.callsafe.plugins.media.constraints.ConstrainableProperty;
import dev.callsafe.plugins.media.constraints.MediaConstraints;
import dev.callsafe.plugins.media.constraints.TrackKind;
import dev.callsafe.plugins.media.constraints.VideoMode;
import dev.callsafe.plugins.spi.FrameRef;
import dev.callsafe.plugins.spi.MessageHandler;
import dev.callsafe.plugins.spi.PluginContext;
import dev.callsafe.plugins.spi.Tab;

/**
 * Answers the page script's {@code media} messages: getUserMedia (decide, prompt, capture), enumerateDevices
 * and stop. The requesting origin always comes from the browser's {@link FrameRef}.
 */
final class UserMediaService implements MessageHandler {
    private static final Logger LOG = Logger.getLogger(UserMediaService.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();
    /** getUserMedia calls one document may have waiting for the person (they share its prompt). */
    static final int MAX_CALLS_PER_FRAME = 8;
    /** Prompts (one per frame) a tab may have queued, the showing one included. */
    static final int MAX_PROMPTS_PER_TAB = 8;

    private final PluginContext context;
    private final SitePermissions permissions;
    private final DeviceCatalog devices;
    private final PageDevices pageDevices;
    private final LiveTracks tracks;
    /** Calls waiting for the person: one prompt per tab at a time, a frame's calls merged into one. */
    private final ConsentQueue<Call> consents;
    private final ExecutorService opener;
    private final PermissionWatchers watchers;
    private final FrameChecks frames;
    private final DeviceContext deviceContext;
    private final SubstitutedFiles substitutedFiles;
    private final EndedDocuments ended;

    private volatile java.util.function.BiConsumer<Integer, String> captureFailures = (tab, message) -> { };

    /** Tells the listener (tab id, message) when a device's capture ends by itself, on the capture thread. */
    void onCaptureFailure(java.util.function.BiConsumer<Integer, String> listener) {
        captureFailures = listener;
    }

    UserMediaService(PluginContext context, SitePermissions permissions, DeviceCatalog devices,
                     PageDevices pageDevices, LiveTracks tracks, ExecutorService opener,
                     PermissionWatchers watchers, SubstitutedFiles substitutedFiles, DeviceContext deviceContext,
                     EndedDocuments ended) {
        this.ended = ended;
        this.deviceContext = deviceContext;
        this.substitutedFiles = substitutedFiles;
        this.context = context;
        this.permissions = permissions;
        this.devices = devices;
        this.pageDevices = pageDevices;
        this.tracks = tracks;
        this.consents = new ConsentQueue<>(true, MAX_CALLS_PER_FRAME, MAX_PROMPTS_PER_TAB, this::show);
        this.opener = opener;
        this.watchers = watchers;
        this.frames = new FrameChecks(context);
    }

    /** A call lasts as long as its document: the frame (ids change when a document is replaced). */
    static String callId(FrameRef frame) {
        return frame.tabId() + "/" + frame.frameId();
    }

    /** The device id this frame sees (see {@link PageDevices#id}). */
    private String pageDeviceId(FrameRef frame, String deviceId) {
        return pageDevices.id(frame, deviceId);
    }

    /** The ids this frame sees for devices (device and group), for the constraint algorithm. */
    private DeviceOptions.PageIds pageIds(FrameRef frame) {
        return new DeviceOptions.PageIds() {
            @Override
            public String deviceId(String id) {
                return pageDeviceId(frame, id);
            }

            @Override
            public String groupId(String id) {
                return pageDeviceId(frame, "group:" + id);
            }
        };
    }

    @Override
    public void onMessage(FrameRef frame, String payload, Reply reply) {
        JsonObject msg;
        try {
            msg = JsonParser.parseString(payload).getAsJsonObject();
        } catch (RuntimeException e) {
            fail(reply, MediaError.typeError("malformed message"));
            return;
        }
        String op = string(msg, "op");
        switch (op) {
            case "getUserMedia":
                getUserMedia(frame, msg, reply);
                break;
            case "enumerateDevices":
                // Kinds the frame's permissions policy blocks are left out (Media Capture spec), all of them
                // when the engine cannot vouch for the frame.
                frames.check(frame).thenAccept(check -> reply.success(pageDevices.list(check).toString()));
                break;
            case "query":
                String name = string(msg, "name");
                if (!name.equals("camera") && !name.equals("microphone")) {
                    fail(reply, MediaError.typeError("unsupported permission name"));
                    break;
                }
                watchers.states(frame).thenAccept(states -> reply.success(states.toString()));
                break;
            case "watch":
                watchers.add(frame, msg.has("known") && msg.get("known").isJsonObject()
                        ? msg.getAsJsonObject("known") : new com.google.gson.JsonObject(), reply);
                break;
            case "watchDevices":
                String knownDevices = msg.has("known") && msg.get("known").isJsonPrimitive()
                        ? msg.get("known").getAsString() : null;
                // Only what this frame's own device list shows can change for it (see PageDevices).
                frames.check(frame).thenAccept(check -> {
                    // The answer may come after the tab closed: a gone tab's frames wait for nothing.
                    if (context.tabs().stream().anyMatch(t -> t.id() == frame.tabId())) {
                        deviceContext.watchers().add(check, knownDevices, reply);
                    }
                });
                break;
            case "enabled":
                String paused = string(msg, "token");
                boolean enabled = !msg.has("enabled") || msg.get("enabled").getAsBoolean();
                tracks.get(paused).filter(t -> t.isOwnedBy(frame)).ifPresent(t -> tracks.pause(t.token(), !enabled));
                reply.success("{}");
                break;
            case "applyConstraints":
                applyConstraints(frame, msg, reply);
                break;
            case "stop":
                if (!msg.has("token") || string(msg, "token").isEmpty()) {
                    fail(reply, MediaError.typeError("stop needs a track token"));
                    break;
                }
                tracks.get(string(msg, "token")).filter(t -> t.isOwnedBy(frame))
                        .ifPresent(t -> tracks.end(t.token(), "stopped by page"));
                reply.success("{}");
                break;
            default:
                fail(reply, MediaError.typeError("unknown operation"));
        }
    }

    /** A member that must be a JSON string; anything else (number, object, null) reads as empty. */
    private static String string(JsonObject msg, String key) {
        JsonElement e = msg.get(key);
        return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isString() ? e.getAsString() : "";
    }

    private void getUserMedia(FrameRef frame, JsonObject msg, Reply reply) {
        StreamConstraints constraints;
        Set<MediaKind> kinds = EnumSet.noneOf(MediaKind.class);
        try {
            constraints = StreamConstraints.parse(msg.get("constraints"));
        } catch (MediaError e) {
            fail(reply, e);
            return;
        }
        constraints.video().ifPresent(v -> kinds.add(MediaKind.CAMERA));
        constraints.audio().ifPresent(a -> kinds.add(MediaKind.MICROPHONE));
        // The frame's origin and permissions policy (allow=, delegation, the page's header) come from the engine.
        frames.check(frame).thenAccept(check -> decide(frame, constraints, check.request(kinds, callId(frame)), reply))
                .exceptionally(e -> {
                    LOG.warning("getUserMedia failed: " + e);
                    fail(reply, MediaError.notAllowed("Permission denied"));
                    return null;
                });
    }

    private void decide(FrameRef frame, StreamConstraints constraints, MediaRequest request, Reply reply) {
        Selection selection;
        Decision decision;
        try {
            decision = permissions.decide(request);
            if (decision.outcome() == Decision.Outcome.DENY) {
                throw MediaError.notAllowed(denialMessage(decision.reason()));
            }
            selection = select(frame, constraints);
        } catch (MediaError e) {
            fail(reply, e);
            return;
        }
        // The core says whether a grant still asks: a device another origin holds is only taken over when the
        // person says so; a file the person sent in this call is never silently replaced by a real device.
        Decision withDevices = permissions.decide(request, new DeviceUse(selection.needsTakeover(),
                substitutedFiles.any(request.callId(), request.kinds())));
        if (withDevices.isGranted()) {
            LOG.info(() -> "granted without prompt (" + withDevices.reason() + ") for " + request.kinds() + " by "
                    + request.requester());
            opener.execute(() -> startCapture(frame, request, selection, reply, false));
            return;
        }
        if (withDevices.outcome() == Decision.Outcome.DENY) {
            fail(reply, MediaError.notAllowed(denialMessage(withDevices.reason())));
            return;
        }
        SwingUtilities.invokeLater(() -> ask(frame, request, selection, reply));
    }

    private static String denialMessage(Decision.Reason reason) {
        switch (reason) {
            case OPAQUE_ORIGIN: return "This frame has an opaque origin (sandboxed without allow-same-origin):"
                    + " there is no site to ask for";
            case INSECURE_ORIGIN: return "Media capture needs a secure (https or loopback) page";
            case UNVERIFIED_FRAME: return "The browser could not verify this frame's origin and permissions policy";
            case NOT_DELEGATED: return "This frame was not delegated camera or microphone access (allow=)";
            case BLOCKED_BY_POLICY: return "Blocked by this page's permissions policy";
            case STORED_BLOCK: return "Blocked in this browser's site settings";
            case DEFAULT_BLOCK: return "Blocked for every site in this browser's settings";
            case EMBARGOED: return "Permission dismissed too often; asking again later";
            default: return "Permission denied";
        }
    }

    /** One getUserMedia call waiting for the person: what it asked, the devices chosen before asking, its reply. */
    private final class Call extends ConsentRequest {
        final MediaRequest request;
        final Selection selection;
        final Reply reply;
        /** The device choice of the prompt that answered it (null until a prompt shows). */
        DeviceChooser chooser;

        Call(FrameRef frame, MediaRequest request, Selection selection, Reply reply) {
            super(frame);
            this.request = request;
            this.selection = selection;
            this.reply = reply;
        }

        @Override
        protected void onGranted() {
            Selection chosen = chooser == null ? selection : chosen(frame(), selection, chooser);
            opener.execute(() -> startCapture(frame(), request, chosen, reply, true));
        }

        @Override
        protected void onRefused(MediaError error) {
            fail(reply, error);
        }
    }

    private void ask(FrameRef frame, MediaRequest request, Selection selection, Reply reply) {
        Call call = new Call(frame, request, selection, reply);
        if (ended.hasEnded(frame)) {
            call.withdraw("its document went away"); // while its frame was being looked up
            return;
        }
        consents.add(call);
    }

    /** Withdraws the calls of documents that went away; their prompts close with their previews. Swing thread. */
    void withdraw(java.util.function.Predicate<FrameRef> gone, String why) {
        consents.withdraw(gone, why);
    }

    /** How many prompts the tab has queued, the showing one included. Swing thread. */
    int prompts(int tabId) {
        return consents.prompts(tabId);
    }

    /** The union of what a prompt's calls ask for. */
    private static MediaRequest merged(List<Call> calls) {
        Set<MediaKind> kinds = EnumSet.noneOf(MediaKind.class);
        calls.forEach(c -> kinds.addAll(c.request.kinds()));
        return calls.get(0).request.withKinds(kinds);
    }

    /**
     * Puts up the prompt of a frame's waiting calls, when they come to the front of their tab's queue. Decided
     * again first: a block stored while they waited refuses them without a prompt.
     */
    private Optional<ConsentQueue.PromptView<Call>> show(ConsentQueue.Group<Call> group) {
        FrameRef frame = group.frame();
        List<Call> calls = group.requests();
        Optional<Tab> tab = context.tabs().stream().filter(t -> t.id() == frame.tabId()).findFirst();
        if (tab.isEmpty()) {
            calls.forEach(c -> c.refuse(MediaError.notAllowed("The requesting tab is gone")));
            return Optional.empty();
        }
        Decision now = permissions.decide(merged(calls));
        if (now.outcome() == Decision.Outcome.DENY) {
            calls.forEach(c -> c.refuse(MediaError.notAllowed(denialMessage(now.reason()))));
            return Optional.empty();
        }
        ConsentPrompt[] prompt = new ConsentPrompt[1];
        DeviceChooser[] chooserOf = new DeviceChooser[1];
        prompt[0] = new ConsentPrompt(merged(calls), answer -> consents.answer(group, answered -> {
            MediaRequest merged = merged(answered);
            permissions.record(merged, answer);
            if (answer.toDecision().isGranted()) {
                rememberChoice(merged.requester(), chooserOf[0]);
                rememberFiles(merged, chooserOf[0]);
            }
            LOG.info(() -> "consent " + answer + " for " + merged.kinds() + " by " + merged.requester());
            for (Call c : answered) {
                if (answer.toDecision().isGranted()) {
                    c.grant();
                } else {
                    c.refuse(MediaError.notAllowed(answer == ConsentAnswer.DISMISS
                            ? "Permission dismissed" : "Permission denied by the user"));
                }
            }
        }));
        java.util.List<String> pinned = permissions.pinnedPeers(frame.topLevelOrigin()).stream()
                .map(dev.callsafe.permissions.PinnedPeer::name).toList();
        if (!pinned.isEmpty()) {
            prompt[0].offerPinnedPeersOnly(pinned);
        }
        Selection first = calls.get(0).selection;
        DeviceChooser chooser = new DeviceChooser(deviceContext.previews(), fileOptions(frame, first), opener,
                () -> prompt[0].setAllowText(chooserOf[0] != null && chooserOf[0].takesOver() ? "Take over" : "Allow"));
        chooserOf[0] = chooser;
        for (Call c : calls) {
            c.chooser = chooser;
            offer(chooser, c.selection);
        }
        // Devices plugged or unplugged while the prompt is open show up in (or leave) its lists.
        Runnable devicesChanged = () -> {
            List<DeviceOption<Camera>> cams = first.video().map(v -> DeviceOptions.cameras(devices.cameras(), v,
                    pageIds(frame), id -> holder(frame, id))).orElse(null);
            List<DeviceOption<Microphone>> mics = first.audio().map(a -> DeviceOptions.microphones(
                    devices.microphones(), a, pageIds(frame), id -> holder(frame, id))).orElse(null);
            SwingUtilities.invokeLater(() -> chooser.devicesChanged(cams, mics));
        };
        devices.addListener(devicesChanged);
        prompt[0].attach(chooser, () -> {
            devices.removeListener(devicesChanged);
            chooser.close();
        });
        tab.get().showPrompt(prompt[0]);
        return Optional.of(new ConsentQueue.PromptView<Call>() {
            @Override
            public void merged(Call call) {
                // Several calls before the person answers: one prompt covers them all.
                call.chooser = chooser;
                offer(chooser, call.selection);
                prompt[0].update(UserMediaService.merged(group.requests()));
            }

            @Override
            public void close() {
                tab.get().removePrompt(prompt[0]);
                prompt[0].withdraw();
            }
        });
    }

    private static void offer(DeviceChooser chooser, Selection s) {
        if (s.video().isPresent()) {
            chooser.offerCameras(s.cameraOptions(), s.camera());
        }
        if (s.audio().isPresent()) {
            chooser.offerMicrophones(s.microphoneOptions(), s.microphone());
        }
    }

    /** Files the user picks in the prompt, judged against this request's constraints. */
    private DeviceChooser.FileOptions fileOptions(FrameRef frame, Selection s) {
        return new DeviceChooser.FileOptions() {
            @Override
            public DeviceOption<Camera> camera(java.nio.file.Path file) throws MediaFile.Unusable {
                FileCamera cam = new FileCamera(MediaFile.probe(file, true));
                return DeviceOptions.camera(cam, s.video().orElseThrow(), null, id -> holder(frame, id));
            }

            @Override
            public DeviceOption<Microphone> microphone(java.nio.file.Path file) throws MediaFile.Unusable {
                FileMicrophone mic = new FileMicrophone(MediaFile.probe(file, false));
                return DeviceOptions.microphone(mic, s.audio().orElseThrow(), null, id -> holder(frame, id));
            }
        };
    }

    /** The prompt's choice applied to one waiting request: used where that request's constraints allow it. */
    private Selection chosen(FrameRef frame, Selection s, DeviceChooser chooser) {
        Optional<DeviceOption<Camera>> cam = s.camera();
        if (s.video().isPresent() && chooser.camera().isPresent()) {
            DeviceOption<Camera> pick = chooser.camera().get();
            DeviceOption<Camera> mine = DeviceOptions.camera(pick.device(), s.video().get(),
                    isFile(pick.id()) ? null : pageIds(frame), id -> holder(frame, id));
            cam = mine.suitable() ? Optional.of(mine) : cam;
        }
        Optional<DeviceOption<Microphone>> mic = s.microphone();
        if (s.audio().isPresent() && chooser.microphone().isPresent()) {
            DeviceOption<Microphone> pick = chooser.microphone().get();
            DeviceOption<Microphone> mine = DeviceOptions.microphone(pick.device(), s.audio().get(),
                    isFile(pick.id()) ? null : pageIds(frame), id -> holder(frame, id));
            mic = mine.suitable() ? Optional.of(mine) : mic;
        }
        return new Selection(cam, s.video(), s.cameraOptions(), mic, s.audio(), s.microphoneOptions());
    }

    private static boolean isFile(String deviceId) {
        return deviceId.startsWith("file:");
    }

    private void rememberChoice(Origin origin, DeviceChooser chooser) {
        if (chooser == null) {
            return;
        }
        chooser.camera().filter(o -> !isFile(o.id()))
                .ifPresent(o -> deviceContext.remembered().remember(origin, MediaKind.CAMERA, o.id()));
        chooser.microphone().filter(o -> !isFile(o.id()))
                .ifPresent(o -> deviceContext.remembered().remember(origin, MediaKind.MICROPHONE, o.id()));
    }

    /** Which kinds of this call the person answered with a file (see {@link SubstitutedFiles}). */
    private void rememberFiles(MediaRequest request, DeviceChooser chooser) {
        if (chooser == null || request.callId() == null) {
            return;
        }
        if (request.kinds().contains(MediaKind.CAMERA)) {
            chooser.camera().ifPresent(o -> substitutedFiles.chosen(request.callId(), MediaKind.CAMERA, isFile(o.id())));
        }
        if (request.kinds().contains(MediaKind.MICROPHONE)) {
            chooser.microphone().ifPresent(o -> substitutedFiles.chosen(request.callId(), MediaKind.MICROPHONE,
                    isFile(o.id())));
        }
    }

    /** Who holds a device now, as seen from a requesting frame: another origin first (that one is busy). */
    private Optional<DeviceHolder> holder(FrameRef frame, String deviceId) {
        List<LiveTrack> using = tracks.matching(t -> deviceId.equals(t.device()));
        Optional<LiveTrack> other = using.stream().filter(t -> !t.owner().origin().equals(frame.origin())).findFirst();
        return other.or(() -> using.stream().findFirst()).map(t -> new DeviceHolder(t.owner().tabId(),
                context.tabs().stream().filter(tab -> tab.id() == t.owner().tabId()).map(Tab::title).findFirst()
                        .orElse(""), t.owner().origin(), t.owner().origin().equals(frame.origin())));
    }

    /**
     * Devices chosen for a request before asking (so impossible requests fail without a prompt), with every
     * option the prompt lists.
     */
    record Selection(Optional<DeviceOption<Camera>> camera, Optional<TrackConstraints> video,
                     List<DeviceOption<Camera>> cameraOptions, Optional<DeviceOption<Microphone>> microphone,
                     Optional<TrackConstraints> audio, List<DeviceOption<Microphone>> microphoneOptions) {
        /** Whether a chosen device is held by another origin (only the user may take it over). */
        boolean needsTakeover() {
            return camera.map(DeviceOption::needsTakeover).orElse(false)
                    || microphone.map(DeviceOption::needsTakeover).orElse(false);
        }
    }

    /**
     * The devices and modes the spec's SelectSettings picks for each kind; when no device can meet the
     * required constraints, the {@code OverconstrainedError} names one no candidate met (or "" when no single
     * one is to blame).
     */
    private Selection select(FrameRef frame, StreamConstraints c) throws MediaError {
        Origin origin = frame.origin();
        Optional<DeviceOption<Camera>> camera = Optional.empty();
        List<DeviceOption<Camera>> cameraOptions = List.of();
        if (c.video().isPresent()) {
            TrackConstraints v = c.video().get();
            cameraOptions = DeviceOptions.cameras(devices.cameras(), v, pageIds(frame), id -> holder(frame, id));
            camera = DeviceOptions.preferred(cameraOptions, v.spec(), startingDevice(origin, MediaKind.CAMERA));
            if (camera.isEmpty()) {
                throw cameraOptions.isEmpty() ? MediaError.notFound("No camera is available")
                        : TrackSettings.overconstrained(DeviceOptions.failedConstraint(devices.cameras(), v,
                                pageIds(frame)), "any camera");
            }
        }
        Optional<DeviceOption<Microphone>> mic = Optional.empty();
        List<DeviceOption<Microphone>> micOptions = List.of();
        if (c.audio().isPresent()) {
            TrackConstraints a = c.audio().get();
            micOptions = DeviceOptions.microphones(devices.microphones(), a, pageIds(frame), id -> holder(frame, id));
            mic = DeviceOptions.preferred(micOptions, a.spec(), startingDevice(origin,
                    MediaKind.MICROPHONE));
            if (mic.isEmpty()) {
                throw micOptions.isEmpty() ? MediaError.notFound("No microphone is available")
                        : TrackSettings.overconstrained(DeviceOptions.failedMicrophoneConstraint(devices.microphones(),
                                a, pageIds(frame)), "any microphone");
            }
        }
        return new Selection(camera, c.video(), cameraOptions, mic, c.audio(), micOptions);
    }

    /** The device a prompt starts on: the site's last choice, else the browser-wide default (Settings). */
    private Optional<String> startingDevice(Origin origin, MediaKind kind) {
        return deviceContext.remembered().last(origin, kind).or(() -> permissions.defaults().device(kind));
    }

    /** {@code applyConstraints} on a running track of this frame: changes what it delivers, or says why not. */
    private void applyConstraints(FrameRef frame, JsonObject msg, Reply reply) {
        // On the opener thread: new constraints may reopen a camera (see fitCapture).
        opener.execute(() -> applyConstraintsNow(frame, msg, reply));
    }

    private void applyConstraintsNow(FrameRef frame, JsonObject msg, Reply reply) {
        String token = msg.has("token") && msg.get("token").isJsonPrimitive() ? msg.get("token").getAsString() : "";
        Optional<LiveTrack> track = tracks.get(token).filter(t -> t.isOwnedBy(frame));
        if (track.isEmpty()) {
            fail(reply, new MediaError("InvalidStateError", "The track has ended"));
            return;
        }
        try {
            JsonObject raw = msg.has("constraints") && msg.get("constraints").isJsonObject()
                    ? msg.getAsJsonObject("constraints") : new JsonObject();
            TrackConstraints c = TrackConstraints.from(raw);
            LiveTrack.Reconstraint r = track.get().reconstraint().orElseThrow(() ->
                    MediaError.overconstrained("", "This track cannot take new constraints"));
            JsonObject res = new JsonObject();
            res.add("settings", r.apply(c));
            res.add("constraints", raw);
            reply.success(res.toString());
        } catch (MediaError e) {
            fail(reply, e);
        } catch (RuntimeException e) {
            // Off the message thread now: nothing else would answer the page.
            LOG.warning("applyConstraints failed: " + e);
            fail(reply, MediaError.notReadable("Could not apply the constraints: " + e.getMessage()));
        }
    }

    /**
     * Opens the chosen devices. {@code userChose}: the user saw this choice in the prompt, so a device another
     * origin holds is taken over (its tracks end); otherwise a device that became busy meanwhile is refused.
     */
    private void startCapture(FrameRef frame, MediaRequest request, Selection s, Reply reply, boolean userChose) {
        List<LiveTrack> started = new ArrayList<>();
        try {
            for (DeviceOption<?> o : new DeviceOption<?>[] {s.camera().orElse(null), s.microphone().orElse(null)}) {
                if (o == null) {
                    continue;
                }
                if (!isFile(o.id()) && !devices.isPresent(o.id())) {
                    throw new MediaError("NotReadableError", o.label() + " was unplugged");
                }
                if (holder(frame, o.id()).filter(h -> !h.sameOrigin()).isPresent()) {
                    if (!userChose) {
                        throw new MediaError("NotReadableError", o.label() + " is in use by another page");
                    }
                    tracks.endAll(t -> o.id().equals(t.device()) && !t.owner().origin().equals(frame.origin()),
                            "taken over by " + frame.origin().serialize());
                }
            }
            if (s.camera().isPresent()) {
                started.add(openCamera(frame, s.camera().get(), s.video().get()));
            }
            if (s.microphone().isPresent()) {
                started.add(openMicrophone(frame, s.microphone().get().device(), s.audio().get()));
            }
        } catch (MediaError e) {
            started.forEach(t -> tracks.end(t.token(), "start failed"));
            fail(reply, e);
            return;
        } catch (IOException | RuntimeException e) {
            LOG.warning("could not start capture: " + e);
            started.forEach(t -> tracks.end(t.token(), "start failed"));
            fail(reply, MediaError.notReadable(e instanceof DeviceBusyException ? e.getMessage()
                    : "Could not start the device: " + e.getMessage()));
            return;
        }
        // The page may have gone while the devices opened: then nothing may keep running. Checked after the
        // tracks were added, and a document is marked ended before its tracks are ended, so one of the two
        // sees the other.
        boolean stillThere = context.tabs().stream().anyMatch(t -> t.id() == frame.tabId()) && !ended.hasEnded(frame);
        if (!stillThere) {
            started.forEach(t -> tracks.end(t.token(), "tab gone"));
            fail(reply, MediaError.notAllowed("The requesting tab is gone"));
            return;
        }
        permissions.markUsed(request.grantOrigin(), request.kinds());
        JsonArray out = new JsonArray();
        started.forEach(t -> out.add(t.description()));
        JsonObject res = new JsonObject();
        res.add("tracks", out);
        // A document that captures may play media with sound, as in Chromium; granted before the page hears
        // of its tracks, so a play() right after getUserMedia resolves is already allowed.
        long asked = System.nanoTime();
        context.tabs().stream().filter(t -> t.id() == frame.tabId()).findFirst()
                .map(t -> t.allowPlayback(frame))
                .orElse(java.util.concurrent.CompletableFuture.completedFuture(false))
                .whenComplete((allowed, e) -> {
                    long ms = (System.nanoTime() - asked) / 1_000_000;
                    LOG.info(() -> "playback " + (Boolean.TRUE.equals(allowed) ? "allowed" : "not allowed") + " for "
                            + frame.origin() + " in " + ms + " ms" + (e != null ? ": " + e : ""));
                    reply.success(res.toString());
                });
    }

    private LiveTrack openCamera(FrameRef frame, DeviceOption<Camera> option, TrackConstraints c)
            throws IOException, MediaError {
        Camera cam = option.device();
        String token = newToken();
        FramedPipe pipe = new FramedPipe(2, () -> tracks.end(token, "stream closed by page"));
        TrackPause pause = new TrackPause();
        // Each track cuts its own frames (size, shape, rate) from the camera's; none pass until it knows how.
        AtomicReference<TrackAdapter> adapter = new AtomicReference<>();
        // One capture per device: a second track of a running camera joins it at its format.
        AtomicReference<VideoSource> running = new AtomicReference<>();
        var lease = deviceContext.captures().camera(cam, option.format().orElseThrow(), f -> {
            TrackAdapter a = adapter.get();
            VideoFrame g = a == null ? null : a.adapt(f);
            if (g != null) {
                offerVideo(pipe, pause, g);
            }
        }, () -> deviceEnded(token, "Camera", cam.label(),
                running.get() == null ? Optional.empty() : running.get().failure()));
        running.set(lease.source());
        Map<String, Object> ids = ids(frame, cam.id());
        // A file the person chose has no id the page could have asked for.
        java.util.function.Function<TrackConstraints, MediaConstraints> spec = k -> isFile(cam.id())
                ? k.spec().without(ConstrainableProperty.DEVICE_ID, ConstrainableProperty.GROUP_ID) : k.spec();
        VideoMode mode;
        try {
            // A running capture that cannot meet this track's required constraints is reopened, if the camera can.
            fitCapture(cam, lease.source(), spec.apply(c), ids, token, CameraReopening.When.REQUIRED);
            mode = TrackSettings.mode(lease.source().format(), spec.apply(c), ids);
        } catch (MediaError e) {
            lease.close();
            throw e;
        }
        adapter.set(new TrackAdapter(TrackSettings.cameraTarget(mode)));
        Map<String, Object> settings = new LinkedHashMap<>(ids);
        settings.putAll(mode.settings());
        JsonObject description = describe("video", token, cam.label(), TrackSettings.json(settings),
                TrackSettings.cameraCapabilities(cam.capabilities(), ids), c);
        LiveTrack track = new LiveTrack(token, frame, MediaKind.CAMERA, description, pipe, lease, cam.id(), pause);
        track.cameraDemand(new CameraDemand(spec.apply(c), ids, mode));
        track.onApplyConstraints(k -> {
            MediaConstraints want = spec.apply(k);
            // Reopened first, then retargeted: the track's new size is cut from the new frames, never blown up.
            fitCapture(cam, lease.source(), want, ids, token, CameraReopening.When.BETTER);
            VideoMode m = TrackSettings.mode(lease.source().format(), want, ids);
            adapter.get().retarget(TrackSettings.cameraTarget(m));
            track.cameraDemand(new CameraDemand(want, ids, m));
            Map<String, Object> now = new LinkedHashMap<>(ids);
            now.putAll(m.settings());
            return changed(description, TrackSettings.json(now), k);
        });
        tracks.add(track);
        return track;
    }

    /**
     * Reopens a camera's shared capture when a track needs a mode it cannot give but the camera can, keeping
     * every other live track of the camera at its mode (see {@link CameraReopening}). A camera that cannot open
     * at the new format goes back to the old one (the track then takes what that gives, or fails). Opener thread,
     * like every open of a device, so no two tracks reopen one camera at once.
     */
    private void fitCapture(Camera cam, VideoSource capture, MediaConstraints want, Map<String, Object> ids,
                            String token, CameraReopening.When when) throws MediaError {
        List<CameraDemand> others = tracks.matching(t -> cam.id().equals(t.device()) && !t.token().equals(token))
                .stream().flatMap(t -> t.cameraDemand().stream()).toList();
        VideoFormat before = capture.format();
        Optional<VideoFormat> format = CameraReopening.format(cam.capabilities(), before, want, ids, others, when);
        if (format.isEmpty()) {
            return;
        }
        long started = System.nanoTime();
        try {
            deviceContext.captures().reopenCamera(cam, format.get());
            LOG.info(() -> "reopened " + cam.label() + " at " + format.get() + " (was " + before + ") in "
                    + (System.nanoTime() - started) / 1_000_000 + " ms for " + (others.size() + 1) + " tracks");
        } catch (IOException e) {
            LOG.warning("could not reopen " + cam.label() + " at " + format.get() + ": " + e.getMessage());
        }
        if (!capture.isRunning()) {
            throw MediaError.notReadable(cam.label() + " stopped while it was reopened");
        }
    }

    /**
     * Sends one frame of a camera track: a JPEG as it came from the camera or file when the track takes it
     * unchanged (the page decodes it; a fraction of the bytes through the stream transport), else I420 (a
     * scaled or cropped track, a paused one's black, a source that delivers pixels).
     */
    private void offerVideo(FramedPipe pipe, TrackPause pause, VideoFrame g) {
        java.util.Optional<byte[]> jpeg = pause.paused() ? java.util.Optional.empty() : g.jpeg();
        if (jpeg.isPresent()) {
            sentFrames.jpeg.incrementAndGet();
            pipe.offer(FramedPipe.JPEG_MAGIC, g.width(), g.height(), g.sequence(), g.captureTimeMillis(), jpeg.get());
            return;
        }
        sentFrames.i420.incrementAndGet();
        byte[] pixels = pause.paused() ? pause.video(g.width(), g.height(), null) : g.i420();
        pipe.offer(FramedPipe.VIDEO_MAGIC, g.width(), g.height(), g.sequence(), g.captureTimeMillis(), pixels);
    }

    /** Camera frames sent to pages since start, by form (diagnostics, tests). */
    static final class SentFrames {
        final java.util.concurrent.atomic.AtomicLong jpeg = new java.util.concurrent.atomic.AtomicLong();
        final java.util.concurrent.atomic.AtomicLong i420 = new java.util.concurrent.atomic.AtomicLong();
    }

    private final SentFrames sentFrames = new SentFrames();

    /** Camera frames sent to pages since start, by form. */
    SentFrames sentFrames() {
        return sentFrames;
    }

    /** A track's new settings and constraints, kept in its description (the page reads them from there too). */
    private static JsonObject changed(JsonObject description, JsonObject settings, TrackConstraints c) {
        synchronized (description) {
            description.add("settings", settings);
            description.add("constraints", c.raw());
        }
        return settings;
    }

    private Map<String, Object> ids(FrameRef frame, String deviceId) {
        Map<String, Object> ids = new LinkedHashMap<>();
        ids.put("deviceId", pageDeviceId(frame, deviceId));
        ids.put("groupId", pageDeviceId(frame, "group:" + deviceId));
        return ids;
    }

    /**
     * A device's capture ended by itself (input error, file gone, unplugged) or was closed: the track ends; if
     * it was still live, the chrome says which device stopped and why.
     */
    private void deviceEnded(String token, String kind, String label, Optional<String> failure) {
        Optional<LiveTrack> track = tracks.get(token);
        tracks.end(token, kind.toLowerCase(java.util.Locale.ROOT) + " ended");
        String why = failure.orElse("it stopped");
        track.ifPresent(t -> captureFailures.accept(t.owner().tabId(), kind + " stopped: " + label + " — " + why + "."));
    }

    private LiveTrack openMicrophone(FrameRef frame, Microphone mic, TrackConstraints c) throws IOException, MediaError {
        String token = newToken();
        FramedPipe pipe = new FramedPipe(50, () -> tracks.end(token, "stream closed by page"));
        TrackPause pause = new TrackPause();
        AtomicReference<AudioSource> running = new AtomicReference<>();
        var lease = deviceContext.captures().microphone(mic,
                chunk -> pipe.offer(FramedPipe.AUDIO_MAGIC, chunk.sampleRate(), 1, chunk.sequence(),
                        chunk.captureTimeMillis(), floats(pause.audio(chunk.samples()))),
                () -> deviceEnded(token, "Microphone", mic.label(),
                        running.get() == null ? Optional.empty() : running.get().failure()));
        AudioSource source = lease.source();
        running.set(source);
        Map<String, Object> ids = ids(frame, mic.id());
        Map<String, Object> settings = new LinkedHashMap<>(ids);
        settings.putAll(DeviceOptions.audioSettings(source.sampleRate()));
        java.util.function.Function<TrackConstraints, MediaConstraints> spec = k -> isFile(mic.id())
                ? k.spec().without(ConstrainableProperty.DEVICE_ID, ConstrainableProperty.GROUP_ID) : k.spec();
        try {
            TrackSettings.check(TrackKind.AUDIO, settings, spec.apply(c));
        } catch (MediaError e) {
            lease.close();
            throw e;
        }
        JsonObject json = TrackSettings.json(settings);
        JsonObject description = describe("audio", token, mic.label(), json,
                TrackSettings.microphoneCapabilities(settings, ids), c);
        LiveTrack track = new LiveTrack(token, frame, MediaKind.MICROPHONE, description, pipe, lease, mic.id(), pause);
        track.onApplyConstraints(k -> {
            TrackSettings.check(TrackKind.AUDIO, settings, spec.apply(k));
            return changed(description, json, k);
        });
        tracks.add(track);
        return track;
    }

    private static JsonObject describe(String kind, String token, String label, JsonObject settings,
                                       JsonObject caps, TrackConstraints c) {
        JsonObject d = new JsonObject();
        d.addProperty("kind", kind);
        d.addProperty("token", token);
        d.addProperty("label", label);
        d.add("settings", settings);
        d.add("capabilities", caps);
        d.add("constraints", c.raw());
        return d;
    }

    private static byte[] floats(float[] samples) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(samples.length * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(samples);
        return b.array();
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
