package dev.callsafe.plugins.media;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

import dev.callsafe.permissions.FramePolicy;
import dev.callsafe.permissions.MediaKind;
import dev.callsafe.permissions.MediaRequest;
import dev.callsafe.permissions.Origin;
import dev.callsafe.plugins.spi.EngineFrame;
import dev.callsafe.plugins.spi.FrameRef;

/**
 * What the engine said about one frame, turned into what the consent core needs: the requesting origin
 * (opaque when the engine says so) and the frame's policy for some kinds. The frame is verified only when
 * the engine answered and its security origin is the one the browser derived from the frame's URLs; any
 * other case refuses (when unsure, refuse).
 *
 * @param frame the frame as the browser reported it
 * @param seen the engine's view of it, empty when the engine could not say
 */
record FrameCheck(FrameRef frame, Optional<EngineFrame> seen) {
    private static final Logger LOG = Logger.getLogger(FrameCheck.class.getName());

    static FrameCheck of(FrameRef frame, EngineFrame seen) {
        FrameCheck check = new FrameCheck(frame, Optional.of(seen));
        if (!check.verified() && !seen.securityOrigin().isOpaque()) {
            LOG.warning("frame " + frame.url() + ": the engine reports origin " + seen.securityOrigin().serialize()
                    + ", the browser derived " + frame.origin().serialize() + "; refused");
        }
        return check;
    }

    static FrameCheck unverified(FrameRef frame) {
        return new FrameCheck(frame, Optional.empty());
    }

    /** Whether the engine answered and confirmed the frame's (non-opaque) origin. */
    boolean verified() {
        return seen.isPresent() && !seen.get().securityOrigin().isOpaque()
                && seen.get().securityOrigin().equals(frame.origin());
    }

    /** The origin that asks: the frame's, or an opaque one when the engine says the frame has no origin. */
    Origin requester() {
        return seen.isPresent() && seen.get().securityOrigin().isOpaque() ? Origin.opaque() : frame.origin();
    }

    /** What the frame's permissions policy says about every one of these kinds, or unverified. */
    FramePolicy policy(Set<MediaKind> kinds) {
        if (!verified()) {
            return FramePolicy.UNVERIFIED;
        }
        return usable(kinds).containsAll(kinds) ? FramePolicy.ALLOWS : FramePolicy.REFUSES;
    }

    /** Of these kinds, those the frame may use at all (enumerateDevices, device-change signals): none unless verified. */
    Set<MediaKind> usable(Set<MediaKind> kinds) {
        Set<MediaKind> out = EnumSet.noneOf(MediaKind.class);
        if (verified()) {
            kinds.stream().filter(k -> seen.get().allowedFeatures().contains(k.policyFeature())).forEach(out::add);
        }
        return out;
    }

    /** The request for the consent core. */
    MediaRequest request(Set<MediaKind> kinds, String callId) {
        return new MediaRequest(requester(), frame.topLevelOrigin(), kinds, policy(kinds), callId);
    }
}
