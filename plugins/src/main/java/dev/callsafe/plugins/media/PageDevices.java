package dev.callsafe.plugins.media;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import dev.callsafe.capture.device.Camera;
import dev.callsafe.capture.device.DeviceCatalog;
import dev.callsafe.capture.device.Microphone;
import dev.callsafe.permissions.DeviceIdScope;
import dev.callsafe.permissions.MediaKind;
import dev.callsafe.permissions.Site;
import dev.callsafe.permissions.SitePermissions;
import dev.callsafe.plugins.spi.FrameRef;

/**
 * The devices as one frame may see them: ids scoped to (top-level site, frame origin, profile, the origin's
 * salt), the {@code enumerateDevices} list (ids and labels only where the consent core reveals them), and a
 * fingerprint of exactly that list for {@code devicechange}, so no device signal tells a page more than its
 * own list does, nor links it to another site.
 */
final class PageDevices {
    private static final Set<MediaKind> DEVICE_KINDS = EnumSet.of(MediaKind.CAMERA, MediaKind.MICROPHONE);

    private final SitePermissions permissions;
    private final DeviceCatalog devices;
    private final DeviceIdScope ids;
    private final LiveTracks tracks;

    PageDevices(SitePermissions permissions, DeviceCatalog devices, DeviceIdScope ids, LiveTracks tracks) {
        this.permissions = permissions;
        this.devices = devices;
        this.ids = ids;
        this.tracks = tracks;
    }

    /** The id a frame sees for a machine device id (or any other per-device value, e.g. its group). */
    String id(FrameRef frame, String deviceId) {
        return ids.pageId(Site.of(frame.topLevelOrigin()), frame.origin(),
                permissions.deviceSalt(frame.origin()) + "\u0000" + deviceId);
    }

    /**
     * {@code enumerateDevices} for a frame: kinds its permissions policy refuses are left out; a kind whose
     * information the core does not reveal yet is one blank entry (when a device of it exists), as in Chrome;
     * a revealed kind lists every device with its label and scoped id, and the files this origin uses.
     */
    JsonArray list(FrameCheck check) {
        FrameRef frame = check.frame();
        Set<MediaKind> usable = check.usable(DEVICE_KINDS);
        JsonArray out = new JsonArray();
        for (MediaKind kind : new MediaKind[] {MediaKind.CAMERA, MediaKind.MICROPHONE}) {
            if (!usable.contains(kind)) {
                continue;
            }
            String type = kind == MediaKind.CAMERA ? "videoinput" : "audioinput";
            List<?> present = kind == MediaKind.CAMERA ? devices.cameras() : devices.microphones();
            boolean revealed = permissions.revealsLabels(check.request(Set.of(kind), null)).isGranted();
            if (!revealed) {
                if (!present.isEmpty()) {
                    out.add(device(type, "", "", ""));
                }
                continue;
            }
            for (Object d : present) {
                out.add(kind == MediaKind.CAMERA ? camera(frame, (Camera) d) : microphone(frame, (Microphone) d));
            }
            // A file the user chose stands in as a device while this origin uses it.
            Set<String> files = new TreeSet<>();
            for (LiveTrack t : tracks.matching(t -> t.owner().origin().equals(frame.origin()) && t.kind() == kind
                    && t.device() != null && t.device().startsWith("file:"))) {
                if (files.add(t.device())) {
                    out.add(device(type, id(frame, t.device()), t.description().get("label").getAsString(),
                            id(frame, "group:" + t.device())));
                }
            }
        }
        return out;
    }

    /**
     * Changes exactly when the frame's {@link #list} changes; a keyed hash of it under the frame's scope, so
     * equal lists in two sites give unrelated values and nothing machine-wide is in it.
     */
    String fingerprint(FrameCheck check) {
        return id(check.frame(), "device-list\u0000" + list(check));
    }

    /** A camera's entry, with what {@code InputDeviceInfo.getCapabilities()} answers once it is revealed. */
    private JsonObject camera(FrameRef frame, Camera c) {
        JsonObject d = device("videoinput", id(frame, c.id()), c.label(), id(frame, "group:" + c.id()));
        d.add("capabilities", TrackSettings.cameraCapabilities(c.capabilities(), ids(d)));
        return d;
    }

    private JsonObject microphone(FrameRef frame, Microphone m) {
        JsonObject d = device("audioinput", id(frame, m.id()), m.label(), id(frame, "group:" + m.id()));
        d.add("capabilities", TrackSettings.microphoneCapabilities(
                DeviceOptions.audioSettings(DeviceOptions.SAMPLE_RATE), ids(d)));
        return d;
    }

    /**
     * The ids a track of this device reports; its capabilities are built by the same code as the track's
     * ({@link TrackSettings}), so a device's {@code getCapabilities()} equals what a track of it reports.
     */
    private static java.util.Map<String, Object> ids(JsonObject device) {
        java.util.Map<String, Object> ids = new java.util.LinkedHashMap<>();
        ids.put("deviceId", device.get("deviceId").getAsString());
        ids.put("groupId", device.get("groupId").getAsString());
        return ids;
    }

    private static JsonObject device(String kind, String id, String label, String group) {
        JsonObject o = new JsonObject();
        o.addProperty("kind", kind);
        o.addProperty("deviceId", id);
        o.addProperty("label", label);
        o.addProperty("groupId", group);
        return o;
    }
}
