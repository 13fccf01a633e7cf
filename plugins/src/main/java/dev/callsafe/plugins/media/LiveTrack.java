package dev.callsafe.plugins.media;

import com.google.gson.JsonObject;

import dev.callsafe.permissions.MediaKind;
import dev.callsafe.plugins.spi.FrameRef;

/**
 * A track handed to one frame: what it captures, the unguessable token that opens its stream, and the
 * source and pipe behind it. Only the owning frame may open the stream, and only once.
 */
final class LiveTrack {
    private final String token;
    private final FrameRef owner;
    private final MediaKind kind;
    private final JsonObject description;
    private final FramedPipe pipe;
    private final AutoCloseable source;
    private final String device;
    private final TrackPause pause;
    private boolean opened;
    private volatile Reconstraint reconstraint;
    private volatile CameraDemand cameraDemand;

    /** Applies new constraints to the running track ({@code applyConstraints}): its new settings, or why not. */
    interface Reconstraint {
        JsonObject apply(TrackConstraints constraints) throws MediaError;
    }

    LiveTrack(String token, FrameRef owner, MediaKind kind, JsonObject description, FramedPipe pipe,
              AutoCloseable source) {
        this(token, owner, kind, description, pipe, source, null);
    }

    /** @param device the browser's id of the device captured (null when the track has no device) */
    LiveTrack(String token, FrameRef owner, MediaKind kind, JsonObject description, FramedPipe pipe,
              AutoCloseable source, String device) {
        this(token, owner, kind, description, pipe, source, device, null);
    }

    /** @param pause what the track sends while the page disables it, or null when it cannot be paused */
    LiveTrack(String token, FrameRef owner, MediaKind kind, JsonObject description, FramedPipe pipe,
              AutoCloseable source, String device, TrackPause pause) {
        this.pause = pause;
        this.device = device;
        this.token = token;
        this.owner = owner;
        this.kind = kind;
        this.description = description;
        this.pipe = pipe;
        this.source = source;
    }

    String token() {
        return token;
    }

    FrameRef owner() {
        return owner;
    }

    MediaKind kind() {
        return kind;
    }

    /** What the page script needs: kind, label, ids, settings, capabilities, constraints, token. */
    JsonObject description() {
        return description;
    }

    /** The browser's id of the captured device (a camera, microphone or chosen file), or null. */
    String device() {
        return device;
    }

    /** Whether the page has disabled every page track of this one (it then gets black frames or silence). */
    boolean paused() {
        return pause != null && pause.paused();
    }

    /** Pauses or resumes the track; false when this track cannot be paused (what it sends is not filtered). */
    boolean pause(boolean paused) {
        if (pause == null) {
            return false;
        }
        pause.set(paused);
        return true;
    }

    FramedPipe pipe() {
        return pipe;
    }

    AutoCloseable source() {
        return source;
    }

    /**
     * Whether this frame is the one the track was granted to (same tab, frame and origin). A blank frame's
     * requests reach us as its origin's frame (measured in CEF 146), which is same-origin with it and can
     * script it anyway, so that frame counts as the owner too.
     */
    boolean isOwnedBy(FrameRef frame) {
        boolean document = frame.frameId().equals(owner.frameId())
                || !owner.originFrameId().equals(owner.frameId()) && frame.frameId().equals(owner.originFrameId());
        return frame.tabId() == owner.tabId() && document && frame.origin().equals(owner.origin());
    }

    /** How this track takes new constraints (none: it keeps what it has, any required one fails). */
    void onApplyConstraints(Reconstraint r) {
        this.reconstraint = r;
    }

    java.util.Optional<Reconstraint> reconstraint() {
        return java.util.Optional.ofNullable(reconstraint);
    }

    /** Records what this camera track takes from its device's capture now (at start and on applyConstraints). */
    void cameraDemand(CameraDemand d) {
        this.cameraDemand = d;
    }

    /** What this track takes from its camera's shared capture; empty for other tracks. */
    java.util.Optional<CameraDemand> cameraDemand() {
        return java.util.Optional.ofNullable(cameraDemand);
    }

    /** Marks the stream opened; false when it already was (a replayed token). */
    synchronized boolean claimStream() {
        if (opened) {
            return false;
        }
        opened = true;
        return true;
    }
}
