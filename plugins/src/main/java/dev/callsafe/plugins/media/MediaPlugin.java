package dev.callsafe.plugins.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.callsafe.capture.device.DeviceCatalog;
import dev.callsafe.permissions.MediaKind;
import dev.callsafe.permissions.Origin;
import dev.callsafe.permissions.SitePermissions;
import dev.callsafe.permissions.DeviceChoices;
import dev.callsafe.permissions.DeviceIdScope;
import dev.callsafe.plugins.spi.BrowserPlugin;
import dev.callsafe.plugins.spi.FrameRef;
import dev.callsafe.plugins.spi.PluginContext;
import dev.callsafe.plugins.spi.StreamBody;
import dev.callsafe.plugins.spi.Tab;
import dev.callsafe.plugins.spi.TabListener;

/**
 * The media-consent plugin: gives pages camera and microphone only through the browser's prompt, feeds
 * captured frames into the page and shows in the chrome what is being captured.
 */
public final class MediaPlugin implements BrowserPlugin {
    /** The schemes of the browser's own pages, secure contexts like https. */
    public static final Set<String> BROWSER_SCHEMES = Set.of("callsafe");

    private final LiveTracks tracks = new LiveTracks();
    private final SubstitutedFiles substitutedFiles = new SubstitutedFiles();
    private final EndedDocuments ended = new EndedDocuments();
    private java.util.concurrent.ScheduledExecutorService callTimer;
    private ExecutorService opener;
    private SitePermissionService store;
    private PermissionWatchers watchers;
    private DisplayMediaService display;
    private UserMediaService service;
    private DeviceCatalog devices;
    private Captures captures;
    private DeviceChoices deviceChoices;
    private DeviceWatchers deviceWatchers;
    private PeerConnections peers;
    private CallPrivacyPanel callPanel;
    private CaptureHistoryWindow historyWindow;
    private SiteSettings siteSettings;

    @Override
    public String id() {
        return "media";
    }

    @Override
    public void start(PluginContext context) {
        DeviceIdScope deviceIds;
        try {
            deviceIds = new DeviceIdScope(ProfileSecret.load(context.profileDirectory()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the profile's device-id secret", e);
        }
        opener = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "media-open");
            t.setDaemon(true);
            return t;
        });
        store = new SitePermissionService(context.profileDirectory(), java.time.Clock.systemUTC());
        SitePermissions permissions = store.permissions();
        watchers = new PermissionWatchers(permissions, new FrameChecks(context));
        permissions.addListener(watchers::changed);
        // A call outlives its tracks (a meeting turns its camera off and on); stopping them only starts the
        // quiet period after which the grant ends. Serialised so the last listener to run reads the latest set.
        tracks.addListener(() -> {
            synchronized (tracks) {
                permissions.capturingCalls(tracks.matching(t -> true).stream()
                        .map(t -> UserMediaService.callId(t.owner())).collect(java.util.stream.Collectors.toSet()));
            }
        });
        // Quiet calls end within a second of their limit, so pages and the indicator hear of it.
        callTimer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "call-grants");
            t.setDaemon(true);
            return t;
        });
        callTimer.scheduleWithFixedDelay(permissions::expireCalls, 1, 1, java.util.concurrent.TimeUnit.SECONDS);
        devices = new DeviceCatalog(DeviceCatalog.Mode.fromEnvironment());
        captures = new Captures();
        deviceChoices = DeviceChoices.open(context.profileDirectory());
        PageDevices pageDevices = new PageDevices(permissions, devices, deviceIds, tracks);
        deviceWatchers = new DeviceWatchers(pageDevices::fingerprint);
        devices.addListener(this::devicesChanged);
        devices.startWatching();
        service = new UserMediaService(context, permissions, devices, pageDevices, tracks,
                opener, watchers, substitutedFiles, new DeviceContext(captures, deviceChoices, new DevicePreviews(captures, opener),
                        deviceWatchers), ended);
        context.addDocumentScript(asset("media-shim.js"));
        context.addMessageHandler("media", service);
        ChromeNotice failures = new ChromeNotice("capture.failure", ChromeNotice.FAILURE);
        context.addChromeWidget(failures);
        service.onCaptureFailure((tabId, message) -> javax.swing.SwingUtilities.invokeLater(() -> failures.say(
                context.tabs().stream().filter(t -> t.id() == tabId).findFirst().map(t -> message + " (tab: " + t.title() + ")")
                        .orElse(message))));
        context.addStreamHandler("media", this::openStream);
        CaptureIndicator indicator = new CaptureIndicator(tracks,
                tabId -> permissions.callGrants(id -> id.startsWith(tabId + "/")), this::stopTab);
        permissions.addListener(origin -> indicator.changed());
        context.addChromeWidget(indicator);
        // Call privacy: the page script's reports of its connections, checked against pinned peers.
        peers = new PeerConnections(java.time.Clock.systemUTC(),
                (tabId, token) -> tracks.get(token).filter(t -> t.owner().tabId() == tabId).isPresent(),
                ended::hasEnded);
        context.addMessageHandler("peers", peers);
        PinnedPeerGuard guard = new PinnedPeerGuard(peers, tracks, permissions, (callId, why) -> {
            if (tracks.matching(t -> UserMediaService.callId(t.owner()).equals(callId)).isEmpty()) {
                return;
            }
            tracks.endAll(t -> UserMediaService.callId(t.owner()).equals(callId), "not a pinned peer");
            substitutedFiles.forget(callId::equals);
            permissions.endCalls(callId::equals);
            javax.swing.SwingUtilities.invokeLater(() -> failures.say("Camera and microphone stopped: " + why
                    + ". You allowed this call only while connected to pinned peers."));
        });
        guard.addListener(indicator::changed);
        callTimer.scheduleWithFixedDelay(guard::tick, 1, 1, java.util.concurrent.TimeUnit.SECONDS);
        callPanel = new CallPrivacyPanel(peers, guard, permissions, tabId -> context.tabs().stream()
                .filter(t -> t.id() == tabId).findFirst().map(Tab::title).orElse("closed tab"));
        indicator.callPrivacy(tabId -> callPanel.open(tabId, indicator), tabId -> guard.status(tabId).text());
        display = new DisplayMediaService(context, permissions, tracks, opener,
                () -> (javax.swing.JComponent) indicator.getParent(), ended);
        context.addMessageHandler("display", display);
        DisplayMediaService shares = display;
        new SharingReminders(tracks, context::tabs, this::stopCapture, shares::shareSelectedTab);
        PermissionsWarning warning = new PermissionsWarning(store.problem().orElse(null));
        context.addChromeWidget(warning);
        store.onSaveProblem(problem -> javax.swing.SwingUtilities.invokeLater(() -> warning.setMessage(problem.orElse(null))));
        new CaptureHistoryRecorder(store.history(), tracks);
        historyWindow = new CaptureHistoryWindow(store.history(), this::clearHistory);
        // The engine's own profile-wide policy backs the page script only when every site is relay only.
        context.setEngineRelayOnly(permissions.relayOnlyEverywhere());
        permissions.addListener(origin -> context.setEngineRelayOnly(permissions.relayOnlyEverywhere()));
        ChromeNotice ipNotice = new ChromeNotice("webrtc.notice", ChromeNotice.WARNING);
        context.addChromeWidget(ipNotice);
        context.addMessageHandler("webrtc", new IpHandlingService(permissions, new FrameChecks(context),
                (tabId, message) -> javax.swing.SwingUtilities.invokeLater(() -> ipNotice.say(context.tabs().stream()
                        .filter(t -> t.id() == tabId).findFirst().map(t -> message + " (tab: " + t.title() + ")")
                        .orElse(message)))));
        SiteSettings settings = new SiteSettings(this, context);
        siteSettings = settings;
        context.addAddressBarWidget(settings.button());
        context.addMenuItem("menu.history", "Capture history\u2026", () -> showHistory(Optional.empty()));
        new CaptureSettings(this, store.defaults(), devices).addTo(context);
        // A default changes what every site may do: pages watching their permission state hear it, and the
        // site popup says it.
        store.defaults().addListener(() -> {
            watchers.everyOriginChanged();
            javax.swing.SwingUtilities.invokeLater(settings::refresh);
        });
        context.addTabListener(new TabListener() {
            @Override
            public void mainFrameNavigated(Tab tab) {
                documentGone(tab, null, "navigation");
                settings.refresh();
            }

            @Override
            public void pageCrashed(Tab tab) {
                documentGone(tab, null, "the page's process ended");
                settings.refresh();
            }

            @Override
            public void frameNavigated(Tab tab, String frameId) {
                documentGone(tab, frameId, "frame navigation");
            }

            @Override
            public void frameGone(Tab tab, String frameId) {
                // Marked before the cleanup, so work in flight for it (a frame lookup, devices opening) that
                // checks afterwards ends too. Not on frameNavigated: CEF may report the new document's frame.
                ended.ended(tab.id(), frameId);
                documentGone(tab, frameId, "its frame was removed or replaced");
            }

            @Override
            public void tabSelected(Tab tab) {
                // Every other tab's calls are in the background from now: their grants start counting.
                permissions.documentsShown(id -> id.startsWith(tab.id() + "/"));
                indicator.select(tab.id());
            }

            @Override
            public void tabClosed(Tab tab) {
                documentGone(tab, null, "tab closed");
                // A shared tab that closes ends its shares, as a shared application's last window does.
                tracks.endAll(t -> t.description().has("sharedTab")
                        && t.description().get("sharedTab").getAsInt() == tab.id(), "shared tab closed");
            }
        });
        context.addTabListener(new TabListener() {
            @Override
            public void tabSelected(Tab tab) {
                settings.refresh();
            }
        });
    }

    /** A document went away (frameId null: every document of the tab): its prompts, tracks and call end. */
    private void documentGone(Tab tab, String frameId, String why) {
        java.util.function.Predicate<FrameRef> gone = f -> f.tabId() == tab.id()
                && (frameId == null || f.frameId().equals(frameId));
        service.withdraw(gone, why);
        display.withdraw(gone, why);
        tracks.endAll(t -> gone.test(t.owner()), why);
        watchers.remove(gone);
        deviceWatchers.remove(gone);
        peers.forget(gone);
        String prefix = tab.id() + "/";
        java.util.function.Predicate<String> calls = id -> frameId == null ? id.startsWith(prefix)
                : id.equals(prefix + frameId);
        substitutedFiles.forget(calls);
        store.permissions().endCalls(calls);
    }

    /** The person's Stop in the chrome: the tab's capture ends and so do its calls' grants. */
    private void stopTab(int tabId) {
        tracks.endAll(t -> t.owner().tabId() == tabId, "stopped by the user");
        java.util.function.Predicate<String> calls = id -> id.startsWith(tabId + "/");
        substitutedFiles.forget(calls);
        store.permissions().endCalls(calls);
    }

    /**
     * The person's Stop for a tab's line in the sharing bar: its camera and microphone end and so do its
     * calls' grants; what it shares has its own Stop.
     */
    private void stopCapture(int tabId) {
        tracks.endAll(t -> t.owner().tabId() == tabId && !t.kind().isDisplay(), "stopped from the sharing bar");
        java.util.function.Predicate<String> calls = id -> id.startsWith(tabId + "/");
        substitutedFiles.forget(calls);
        store.permissions().endCalls(calls);
    }

    /** Opens the call privacy panel for a tab, near the chrome component the person clicked. Swing thread. */
    void openCallPrivacy(int tabId, java.awt.Component near) {
        callPanel.open(tabId, near);
    }

    /** The consent engine's state (site settings, tests). */
    public SitePermissions permissions() {
        return store.permissions();
    }

    /** Forgets a remembered state and ends the origin's live tracks of that kind. */
    public void revoke(Origin origin, MediaKind kind) {
        store.permissions().revoke(origin, kind);
        endTracks(origin, kind, "permission revoked");
    }

    /** Blocks a kind for an origin from now on and ends its live tracks of that kind. */
    public void block(Origin origin, MediaKind kind) {
        store.permissions().block(origin, kind);
        endTracks(origin, kind, "blocked in site settings");
    }

    /** Clears permissions, one-time memory, device ids and capture history of an origin; ends its tracks. */
    public void clearSiteData(Origin origin) {
        store.permissions().clearSiteData(origin);
        store.history().forget(origin);
        deviceChoices.forget(origin);
        tracks.endAll(t -> t.owner().topLevelOrigin().equals(origin) || t.owner().origin().equals(origin),
                "site data cleared");
    }

    /**
     * Clears every site's permissions, call grants, remembered devices and device ids (Settings); every
     * capture ends. The capture history is kept: it has its own Clear.
     */
    public void clearAllSiteData() {
        store.permissions().clearAll();
        deviceChoices.forgetAll();
        tracks.endAll(t -> true, "every site's permissions cleared");
    }

    /** Forgets every capture session in the history. */
    public void clearHistory() {
        store.history().clear();
    }

    /** The capture history (the history window, tests). */
    public dev.callsafe.permissions.CaptureHistory history() {
        return store.history();
    }

    /** The browser-wide defaults the consent engine applies (Settings, tests). */
    public dev.callsafe.permissions.ConsentDefaults defaults() {
        return store.defaults();
    }

    /** Opens the capture history window, for one site or for all. Swing thread. */
    void showHistory(Optional<Origin> site) {
        historyWindow.open(javax.swing.SwingUtilities.getWindowAncestor(siteSettings.button()), site);
    }

    /**
     * Sets an origin's WebRTC IP handling ({@code null}: follow the browser-wide one). Page scripts ask for it
     * when a connection is made and again when one negotiates, so open pages apply it from their next
     * offer or answer (candidates already sent are not withdrawn).
     */
    public void setIpHandling(Origin origin, dev.callsafe.permissions.IpHandling handling) {
        store.permissions().setIpHandling(origin, handling);
    }

    /** Sets the browser-wide WebRTC IP handling (sites without their own choice). */
    public void setIpHandlingDefault(dev.callsafe.permissions.IpHandling handling) {
        store.permissions().setIpHandlingDefault(handling);
    }

    /** Grants the install-style Application Permission for camera and microphone (chrome install flow only). */
    public void installApplication(Origin origin) {
        store.permissions().installApplication(origin, java.util.EnumSet.of(MediaKind.CAMERA, MediaKind.MICROPHONE));
    }

    /**
     * Adds screen and tab sharing to an installed calling app's Application Permission (the chrome's install
     * flow only, after its own explanation); the user still chooses what to share each time.
     */
    public void installDisplayCapture(Origin origin) {
        store.permissions().installApplication(origin, java.util.EnumSet.of(MediaKind.SCREEN, MediaKind.TAB));
    }

    private void endTracks(Origin origin, MediaKind kind, String why) {
        tracks.endAll(t -> t.kind() == kind
                && (t.owner().topLevelOrigin().equals(origin) || t.owner().origin().equals(origin)), why);
    }

    /** Waits until the permission file holds every change made so far. */
    public void flushPermissions() {
        store.flush();
    }

    /** A stream opens only for the frame its track was granted to, and only once. */
    private Optional<StreamBody> openStream(FrameRef frame, String path) {
        return tracks.get(path).filter(t -> t.isOwnedBy(frame)).filter(LiveTrack::claimStream)
                .map(LiveTrack::pipe);
    }

    /** A device came or went: tracks of a vanished device end, and pages hear {@code devicechange}. */
    private void devicesChanged() {
        for (LiveTrack t : tracks.matching(t -> t.device() != null && !t.device().startsWith("file:")
                && !devices.isPresent(t.device()))) {
            captures.closeDevice(t.device());
            tracks.end(t.token(), "device unplugged");
        }
        deviceWatchers.changed();
    }

    /** The cameras and microphones on offer (tests plug and unplug synthetic devices here). */
    public DeviceCatalog devices() {
        return devices;
    }

    /** Captures running now; a device feeding several tracks and the prompt's preview counts once. */
    public int runningCaptureCount() {
        return captures.running();
    }

    /** Captures opened since start. */
    public long openedCaptureCount() {
        return captures.opened();
    }

    /** How many consent prompts a tab has queued, the showing one included (diagnostics, tests). Swing thread. */
    public int queuedPrompts(int tabId) {
        return service.prompts(tabId);
    }

    /** How many share requests a tab has queued, the open picker's included (diagnostics, tests). Swing thread. */
    public int queuedShares(int tabId) {
        return display.pickers(tabId);
    }

    /** How many frames of a tab wait for {@code devicechange} now (diagnostics, tests). */
    public int deviceWatcherCount(int tabId) {
        return deviceWatchers.waiting(tabId);
    }

    /** The size and rate a camera's shared capture runs at now, e.g. {@code 1280x720@30.0}; empty when it is not running. */
    public java.util.Optional<String> cameraCaptureFormat(String deviceId) {
        return captures.cameraFormat(deviceId).map(Object::toString);
    }

    /** How many consumers (tracks, previews) share a device's capture now. */
    public int captureConsumers(String deviceId) {
        return captures.consumers(deviceId);
    }

    @Override
    public void stop() {
        tracks.endAll(t -> true, "browser quitting");
        if (store != null) {
            store.close();
        }
        if (opener != null) {
            opener.shutdownNow();
        }
        if (callTimer != null) {
            callTimer.shutdownNow();
        }
        if (devices != null) {
            devices.close();
        }
    }

    /** Camera frames sent to pages as JPEG (passed through from an MJPEG camera or file) since start. */
    public long cameraJpegFramesSent() {
        return service.sentFrames().jpeg.get();
    }

    /** Shared tab pictures sent to pages as JPEG (the tab's screencast pictures as they are) since start. */
    public long tabJpegFramesSent() {
        return display.jpegPicturesSent();
    }

    /** Shared tab pictures taken from the tabs' own paints (converted where they changed) since start. */
    public long tabPaintedPicturesTaken() {
        return TabVideoSource.paintedPictures();
    }

    /** Camera frames sent to pages as I420 since start. */
    public long cameraI420FramesSent() {
        return service.sentFrames().i420.get();
    }

    /** Counts of what is live, for tests and diagnostics. */
    public int liveTrackCount() {
        return tracks.matching(t -> true).size();
    }

    /** Stream tokens of a tab's live tracks (diagnostics and isolation tests). */
    public java.util.List<String> liveTokens(int tabId) {
        return tracks.matching(t -> t.owner().tabId() == tabId).stream().map(LiveTrack::token).toList();
    }

    private static String asset(String name) {
        try (InputStream in = MediaPlugin.class.getResourceAsStream("/dev/callsafe/assets/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing asset " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
