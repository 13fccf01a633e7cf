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
import dev.callsafe.permissions.ConsentPolicy;
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
    private final PendingConsents pending = new PendingConsents();
    private ExecutorService opener;

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
        UserMediaService service = new UserMediaService(context, new ConsentPolicy(BROWSER_SCHEMES),
                new DeviceCatalog(DeviceCatalog.Mode.fromEnvironment()), deviceIds, tracks, pending, opener);
        context.addDocumentScript(asset("media-shim.js"));
        context.addMessageHandler("media", service);
        context.addStreamHandler("media", this::openStream);
        CaptureIndicator indicator = new CaptureIndicator(tracks,
                tabId -> tracks.endAll(t -> t.owner().tabId() == tabId, "stopped by the user"));
        context.addChromeWidget(indicator);
        context.addTabListener(new TabListener() {
            @Override
            public void mainFrameNavigated(Tab tab) {
                pending.withdraw(p -> p.tab().id() == tab.id());
                tracks.endAll(t -> t.owner().tabId() == tab.id(), "navigation");
            }

            @Override
            public void frameNavigated(Tab tab, String frameId) {
                pending.withdraw(p -> p.tab().id() == tab.id() && p.frame().frameId().equals(frameId));
                tracks.endAll(t -> t.owner().tabId() == tab.id() && t.owner().frameId().equals(frameId),
                        "frame navigation");
            }

            @Override
            public void tabSelected(Tab tab) {
                indicator.select(tab.id());
            }

            @Override
            public void tabClosed(Tab tab) {
                pending.withdraw(p -> p.tab().id() == tab.id());
                tracks.endAll(t -> t.owner().tabId() == tab.id(), "tab closed");
            }
        });
    }

    /** A stream opens only for the frame its track was granted to, and only once. */
    private Optional<StreamBody> openStream(FrameRef frame, String path) {
        return tracks.get(path).filter(t -> t.isOwnedBy(frame)).filter(LiveTrack::claimStream)
                .map(LiveTrack::pipe);
    }

    @Override
    public void stop() {
        tracks.endAll(t -> true, "browser quitting");
        if (opener != null) {
            opener.shutdownNow();
        }
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
