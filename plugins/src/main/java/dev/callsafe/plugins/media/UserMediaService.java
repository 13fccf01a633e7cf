package dev.callsafe.plugins.media;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
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
import dev.callsafe.capture.device.VideoCapabilities;
import dev.callsafe.capture.video.VideoFormat;
import dev.callsafe.capture.video.VideoSource;
import dev.callsafe.permissions.ConsentAnswer;
import dev.callsafe.permissions.Decision;
import dev.callsafe.permissions.DeviceIdScope;
import dev.callsafe.permissions.MediaKind;
import dev.callsafe.permissions.MediaRequest;
import dev.callsafe.permissions.Origin;
import dev.callsafe.permissions.SitePermissions;
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

    private final PluginContext context;
    private final SitePermissions permissions;
    private final DeviceCatalog devices;
    private final DeviceIdScope deviceIds;
    private final LiveTracks tracks;
    private final PendingConsents pending;
    private final ExecutorService opener;
    private final PermissionWatchers watchers;
    private final FrameChecks frames;
    private final DeviceContext deviceContext;
    private final SubstitutedFiles substitutedFiles;

    private volatile java.util.function.BiConsumer<Integer, String> captureFailures = (tab, message) -> { };

    /** Tells the listener (tab id, message) when a device's capture ends by itself, on the capture thread. */
    void onCaptureFailure(java.util.function.BiConsumer<Integer, String> listener) {
        captureFailures = listener;
    }

    UserMediaService(PluginContext context, SitePermissions permissions, DeviceCatalog devices,
                     DeviceIdScope deviceIds, LiveTracks tracks, PendingConsents pending, ExecutorService opener,
                     PermissionWatchers watchers, SubstitutedFiles substitutedFiles, DeviceContext deviceContext) {
        this.deviceContext = deviceContext;
        this.substitutedFiles = substitutedFiles;
        this.context = context;
        this.permissions = permissions;
        this.devices = devices;
        this.deviceIds = deviceIds;
        this.tracks = tracks;
        this.pending = pending;
        this.opener = opener;
        this.watchers = watchers;
        this.frames = new FrameChecks(context);
    }

    /** A call lasts as long as its document: the frame (ids change when a document is replaced). */
    static String callId(FrameRef frame) {
        return frame.tabId() + "/" + frame.frameId();
    }

    /** The device id this origin sees: scoped by the profile secret and the origin's salt. */
    private String pageDeviceId(Origin origin, String deviceId) {
        return deviceIds.pageId(origin, permissions.deviceSalt(origin) + "\u0000" + deviceId);
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
                frames.check(frame).thenAccept(check -> reply.success(enumerateDevices(frame,
                        check.usable(EnumSet.of(MediaKind.CAMERA, MediaKind.MICROPHONE))).toString()));
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
                // Only the kinds this frame may enumerate (allow= for a cross-origin frame) can change for it.
                frames.check(frame).thenApply(check -> check.usable(EnumSet.of(MediaKind.CAMERA, MediaKind.MICROPHONE)))
                        .thenAccept(kinds -> {
                            // The answer may come after the tab closed: a gone tab's frames wait for nothing.
                            if (context.tabs().stream().anyMatch(t -> t.id() == frame.tabId())) {
                                deviceContext.watchers().add(frame, kinds, knownDevices, reply);
                            }
                        });
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
        // A device another page holds is only taken over when the user says so: then ask even when granted.
        // A call grant covers kinds, not devices (a page may switch cameras mid-call, as in Chrome), except
        // where the person sent a file: that is never silently replaced by a real device.
        boolean fileReplaced = decision.reason() == Decision.Reason.LIVE_CALL_GRANT
                && substitutedFiles.any(request.callId(), request.kinds());
        if (decision.outcome() == Decision.Outcome.GRANT && !selection.needsTakeover() && !fileReplaced) {
            LOG.info(() -> "granted without prompt (" + decision.reason() + ") for " + request.kinds() + " by "
                    + request.requester());
            opener.execute(() -> startCapture(frame, request, selection, reply, false));
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
            case EMBARGOED: return "Permission dismissed too often; asking again later";
            default: return "Permission denied";
        }
    }

    private void ask(FrameRef frame, MediaRequest request, Selection selection, Reply reply) {
        DeviceChooser[] chooserOf = new DeviceChooser[1];
        Optional<Tab> tab = context.tabs().stream().filter(t -> t.id() == frame.tabId()).findFirst();
        if (tab.isEmpty()) {
            fail(reply, MediaError.notAllowed("The requesting tab is gone"));
            return;
        }
        PendingConsents.Waiter waiter = new PendingConsents.Waiter() {
            @Override
            public MediaRequest request() {
                return request;
            }

            @Override
            public void granted() {
                DeviceChooser chooser = chooserOf[0];
                Selection chosen = chooser == null ? selection : chosen(frame, selection, chooser);
                opener.execute(() -> startCapture(frame, request, chosen, reply, true));
            }

            @Override
            public void refused(MediaError error) {
                fail(reply, error);
            }
        };
        Optional<PendingConsents.Pending> open = pending.forFrame(frame);
        if (open.isPresent()) {
            // Several calls before the user answers: one prompt covers them all.
            chooserOf[0] = open.get().chooser;
            open.get().waiters.add(waiter);
            offer(open.get().chooser, selection);
            open.get().prompt.update(open.get().merged());
            return;
        }
        ConsentPrompt[] holder = new ConsentPrompt[1];
        holder[0] = new ConsentPrompt(request, answer -> pending.answered(holder[0]).ifPresent(p -> {
            MediaRequest merged = p.merged();
            permissions.record(merged, answer);
            if (answer.toDecision().isGranted()) {
                rememberChoice(merged.requester(), p.chooser);
                rememberFiles(merged, p.chooser);
            }
            LOG.info(() -> "consent " + answer + " for " + merged.kinds() + " by " + merged.requester());
            for (PendingConsents.Waiter w : p.waiters) {
                if (answer.toDecision().isGranted()) {
                    w.granted();
                } else {
                    w.refused(MediaError.notAllowed(answer == ConsentAnswer.DISMISS
                            ? "Permission dismissed" : "Permission denied by the user"));
                }
            }
        }));
        DeviceChooser chooser = new DeviceChooser(deviceContext.previews(), fileOptions(frame, selection), opener,
                () -> holder[0].setAllowText(chooserOf[0] != null && chooserOf[0].takesOver() ? "Take over" : "Allow"));
        chooserOf[0] = chooser;
        offer(chooser, selection);
        // Devices plugged or unplugged while the prompt is open show up in (or leave) its lists.
        Runnable devicesChanged = () -> {
            List<DeviceOption<Camera>> cams = selection.video().map(v -> DeviceOptions.cameras(devices.cameras(), v,
                    id -> v.deviceIds().contains(pageDeviceId(frame.origin(), id)), id -> holder(frame, id)))
                    .orElse(null);
            List<DeviceOption<Microphone>> mics = selection.audio().map(a -> DeviceOptions.microphones(
                    devices.microphones(), a, id -> a.deviceIds().contains(pageDeviceId(frame.origin(), id)),
                    id -> holder(frame, id))).orElse(null);
            SwingUtilities.invokeLater(() -> chooser.devicesChanged(cams, mics));
        };
        devices.addListener(devicesChanged);
        holder[0].attach(chooser, () -> {
            devices.removeListener(devicesChanged);
            chooser.close();
        });
        PendingConsents.Pending p = new PendingConsents.Pending(tab.get(), frame, holder[0]);
        p.chooser = chooser;
        p.waiters.add(waiter);
        pending.add(p);
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
                return DeviceOptions.camera(cam, s.video().orElseThrow(), id -> true, id -> holder(frame, id));
            }

            @Override
            public DeviceOption<Microphone> microphone(java.nio.file.Path file) throws MediaFile.Unusable {
                FileMicrophone mic = new FileMicrophone(MediaFile.probe(file, false));
                return DeviceOptions.microphone(mic, s.audio().orElseThrow(), id -> true, id -> holder(frame, id));
            }
        };
    }

    /** The prompt's choice applied to one waiting request: used where that request's constraints allow it. */
    private Selection chosen(FrameRef frame, Selection s, DeviceChooser chooser) {
        Optional<DeviceOption<Camera>> cam = s.camera();
        if (s.video().isPresent() && chooser.camera().isPresent()) {
            DeviceOption<Camera> pick = chooser.camera().get();
            DeviceOption<Camera> mine = DeviceOptions.camera(pick.device(), s.video().get(),
                    id -> s.video().get().deviceIds().contains(pageDeviceId(frame.origin(), id))
                            || isFile(id), id -> holder(frame, id));
            cam = mine.suitable() ? Optional.of(mine) : cam;
        }
        Optional<DeviceOption<Microphone>> mic = s.microphone();
        if (s.audio().isPresent() && chooser.microphone().isPresent()) {
            DeviceOption<Microphone> pick = chooser.microphone().get();
            DeviceOption<Microphone> mine = DeviceOptions.microphone(pick.device(), s.audio().get(),
                    id -> s.audio().get().deviceIds().contains(pageDeviceId(frame.origin(), id))
                            || isFile(id), id -> holder(frame, id));
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

    private Selection select(FrameRef frame, StreamConstraints c) throws MediaError {
        Origin origin = frame.origin();
        Optional<DeviceOption<Camera>> camera = Optional.empty();
        List<DeviceOption<Camera>> cameraOptions = List.of();
        if (c.video().isPresent()) {
            TrackConstraints v = c.video().get();
            cameraOptions = DeviceOptions.cameras(devices.cameras(), v,
                    id -> v.deviceIds().contains(pageDeviceId(origin, id)), id -> holder(frame, id));
            camera = DeviceOptions.preferred(cameraOptions, id -> v.deviceIds().contains(pageDeviceId(origin, id)),
                    deviceContext.remembered().last(origin, MediaKind.CAMERA));
            if (camera.isEmpty()) {
                MediaError last = MediaError.notFound("No camera is available");
                for (DeviceOption<Camera> o : cameraOptions) {
                    if (!matchesDevice(origin, o.id(), v)) {
                        last = MediaError.overconstrained("deviceId", "no camera has that deviceId");
                        continue;
                    }
                    try {
                        chooseFormat(o.device().capabilities(), v);
                    } catch (MediaError e) {
                        last = e;
                    }
                }
                throw last;
            }
        }
        Optional<DeviceOption<Microphone>> mic = Optional.empty();
        List<DeviceOption<Microphone>> micOptions = List.of();
        if (c.audio().isPresent()) {
            TrackConstraints a = c.audio().get();
            micOptions = DeviceOptions.microphones(devices.microphones(), a,
                    id -> a.deviceIds().contains(pageDeviceId(origin, id)), id -> holder(frame, id));
            mic = DeviceOptions.preferred(micOptions, id -> a.deviceIds().contains(pageDeviceId(origin, id)),
                    deviceContext.remembered().last(origin, MediaKind.MICROPHONE));
            if (mic.isEmpty()) {
                throw micOptions.isEmpty() ? MediaError.notFound("No microphone is available")
                        : MediaError.overconstrained("deviceId", "no microphone has that deviceId");
            }
        }
        return new Selection(camera, c.video(), cameraOptions, mic, c.audio(), micOptions);
    }

    private boolean matchesDevice(Origin origin, String deviceId, TrackConstraints c) {
        // A non-exact deviceId is only a preference: any device will do when none matches.
        return c.deviceIds().isEmpty() || !c.deviceIdExact()
                || c.deviceIds().contains(pageDeviceId(origin, deviceId));
    }

    static VideoFormat chooseFormat(VideoCapabilities cap, TrackConstraints v) throws MediaError {
        int w = (int) v.width().choose(cap.minWidth(), cap.maxWidth(), 640);
        int h = (int) v.height().choose(cap.minHeight(), cap.maxHeight(), 480);
        double fps = v.frameRate().choose(cap.minFrameRate(), cap.maxFrameRate(), 30);
        // I420 needs even sizes; round down unless that breaks a lower bound.
        w = evenWithin(w, cap.minWidth(), v.width());
        h = evenWithin(h, cap.minHeight(), v.height());
        return new VideoFormat(w, h, fps);
    }

    private static int evenWithin(int value, int capMin, NumericConstraint c) throws MediaError {
        if (value % 2 == 0) {
            return value;
        }
        double lo = Math.max(capMin, Math.max(c.min().orElse(0), c.exact().orElse(0)));
        if (value - 1 >= lo) {
            return value - 1;
        }
        if (c.exact().isPresent() || c.max().isPresent() && c.max().getAsDouble() < value + 1) {
            throw MediaError.overconstrained(c.name(), "only even frame sizes can be captured");
        }
        return value + 1;
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
        // The page may have gone while the devices opened: then nothing may keep running.
        boolean stillThere = context.tabs().stream().anyMatch(t -> t.id() == frame.tabId());
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
        reply.success(res.toString());
    }

    private LiveTrack openCamera(FrameRef frame, DeviceOption<Camera> option, TrackConstraints c)
            throws IOException {
        Camera cam = option.device();
        String token = newToken();
        FramedPipe pipe = new FramedPipe(2, () -> tracks.end(token, "stream closed by page"));
        // One capture per device: a second track of a running camera joins it (and gets its format).
        java.util.concurrent.atomic.AtomicReference<VideoSource> running = new java.util.concurrent.atomic.AtomicReference<>();
        var lease = deviceContext.captures().camera(cam, option.format().orElseThrow(),
                f -> pipe.offer(FramedPipe.VIDEO_MAGIC, f.width(), f.height(), f.sequence(),
                        f.captureTimeMillis(), f.i420()),
                () -> cameraEnded(token, cam.label(), running.get()));
        running.set(lease.source());
        VideoFormat real = lease.source().format();
        String pageId = pageDeviceId(frame.origin(), cam.id());
        JsonObject settings = new JsonObject();
        settings.addProperty("deviceId", pageId);
        settings.addProperty("groupId", pageDeviceId(frame.origin(), "group:" + cam.id()));
        settings.addProperty("width", real.width());
        settings.addProperty("height", real.height());
        settings.addProperty("frameRate", real.frameRate());
        settings.addProperty("aspectRatio", (double) real.width() / real.height());
        settings.addProperty("resizeMode", "none");
        VideoCapabilities cap = cam.capabilities();
        JsonObject caps = new JsonObject();
        caps.addProperty("deviceId", pageId);
        caps.addProperty("groupId", settings.get("groupId").getAsString());
        caps.add("width", range(cap.minWidth(), cap.maxWidth()));
        caps.add("height", range(cap.minHeight(), cap.maxHeight()));
        caps.add("frameRate", range(cap.minFrameRate(), cap.maxFrameRate()));
        LiveTrack track = new LiveTrack(token, frame, MediaKind.CAMERA,
                describe("video", token, cam.label(), settings, caps, c), pipe, lease, cam.id());
        tracks.add(track);
        return track;
    }

    /** The camera's capture ended by itself (input error, file gone, unplugged): the track ends, the chrome says why. */
    private void cameraEnded(String token, String label, VideoSource source) {
        Optional<LiveTrack> track = tracks.get(token);
        tracks.end(token, "camera ended");
        String why = source == null ? "it stopped" : source.failure().orElse("it stopped");
        track.ifPresent(t -> captureFailures.accept(t.owner().tabId(), "Camera stopped: " + label + " — " + why + "."));
    }

    private LiveTrack openMicrophone(FrameRef frame, Microphone mic, TrackConstraints c) throws IOException {
        String token = newToken();
        FramedPipe pipe = new FramedPipe(50, () -> tracks.end(token, "stream closed by page"));
        var lease = deviceContext.captures().microphone(mic,
                chunk -> pipe.offer(FramedPipe.AUDIO_MAGIC, chunk.sampleRate(), 1, chunk.sequence(),
                        chunk.captureTimeMillis(), floats(chunk.samples())),
                () -> tracks.end(token, "microphone ended"));
        AudioSource source = lease.source();
        String pageId = pageDeviceId(frame.origin(), mic.id());
        JsonObject settings = new JsonObject();
        settings.addProperty("deviceId", pageId);
        settings.addProperty("groupId", pageDeviceId(frame.origin(), "group:" + mic.id()));
        settings.addProperty("sampleRate", source.sampleRate());
        settings.addProperty("sampleSize", 32);
        settings.addProperty("channelCount", 1);
        settings.addProperty("echoCancellation", false);
        settings.addProperty("autoGainControl", false);
        settings.addProperty("noiseSuppression", false);
        JsonObject caps = new JsonObject();
        caps.addProperty("deviceId", pageId);
        caps.add("sampleRate", range(source.sampleRate(), source.sampleRate()));
        caps.add("channelCount", range(1, 1));
        LiveTrack track = new LiveTrack(token, frame, MediaKind.MICROPHONE,
                describe("audio", token, mic.label(), settings, caps, c), pipe, lease, mic.id());
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

    private static JsonObject range(double min, double max) {
        JsonObject r = new JsonObject();
        r.addProperty("min", min);
        r.addProperty("max", max);
        return r;
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

    /**
     * Before the origin was ever granted media, a page sees one entry per kind with empty ids and labels;
     * afterwards, every device with its label and an origin-scoped id. Kinds the frame may not use (not
     * delegated to a cross-origin frame) are left out.
     */
    private JsonArray enumerateDevices(FrameRef frame, Set<MediaKind> allowed) {
        boolean revealed = permissions.revealsDevices(frame.topLevelOrigin())
                || tracks.matching(t -> t.owner().origin().equals(frame.origin())).size() > 0;
        JsonArray out = new JsonArray();
        List<Camera> cams = allowed.contains(MediaKind.CAMERA) ? devices.cameras() : List.of();
        List<Microphone> mics = allowed.contains(MediaKind.MICROPHONE) ? devices.microphones() : List.of();
        if (!revealed) {
            if (!cams.isEmpty()) {
                out.add(device("videoinput", "", "", ""));
            }
            if (!mics.isEmpty()) {
                out.add(device("audioinput", "", "", ""));
            }
            return out;
        }
        for (Camera c : cams) {
            out.add(device("videoinput", pageDeviceId(frame.origin(), c.id()), c.label(),
                    pageDeviceId(frame.origin(), "group:" + c.id())));
        }
        for (Microphone m : mics) {
            out.add(device("audioinput", pageDeviceId(frame.origin(), m.id()), m.label(),
                    pageDeviceId(frame.origin(), "group:" + m.id())));
        }
        // A file the user chose stands in as a device while this origin uses it.
        java.util.Set<String> files = new java.util.TreeSet<>();
        for (LiveTrack t : tracks.matching(t -> t.owner().origin().equals(frame.origin())
                && t.device() != null && isFile(t.device()) && allowed.contains(t.kind()))) {
            if (files.add(t.device())) {
                out.add(device(t.kind() == MediaKind.CAMERA ? "videoinput" : "audioinput",
                        pageDeviceId(frame.origin(), t.device()), t.description().get("label").getAsString(),
                        pageDeviceId(frame.origin(), "group:" + t.device())));
            }
        }
        return out;
    }

    private static JsonObject device(String kind, String id, String label, String group) {
        JsonObject o = new JsonObject();
        o.addProperty("kind", kind);
        o.addProperty("deviceId", id);
        o.addProperty("label", label);
        o.addProperty("groupId", group);
        return o;
    }

    private static void fail(Reply reply, MediaError e) {
        reply.failure(1, e.toJson());
    }
}
