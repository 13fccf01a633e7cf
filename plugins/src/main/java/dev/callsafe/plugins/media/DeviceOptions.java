package dev.callsafe.plugins.media;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

import dev.callsafe.capture.device.Camera;
import dev.callsafe.capture.device.Microphone;
import dev.callsafe.capture.video.VideoFormat;

/**
 * Which devices can serve one request, and which one to start with: every device is listed, the ones that
 * cannot satisfy the page's mandatory constraints with the reason, the busy ones with their holder.
 */
final class DeviceOptions {
    private DeviceOptions() {
    }

    /**
     * @param isPageId whether a device's id is one the page named in its {@code deviceId} constraint
     * @param holder who holds a device now
     */
    static List<DeviceOption<Camera>> cameras(List<Camera> cameras, TrackConstraints c, Predicate<String> isPageId,
                                              Function<String, Optional<DeviceHolder>> holder) {
        List<DeviceOption<Camera>> out = new ArrayList<>();
        for (Camera cam : cameras) {
            out.add(camera(cam, c, isPageId, holder));
        }
        return out;
    }

    static DeviceOption<Camera> camera(Camera cam, TrackConstraints c, Predicate<String> isPageId,
                                       Function<String, Optional<DeviceHolder>> holder) {
        Optional<VideoFormat> format = Optional.empty();
        Optional<String> why = Optional.empty();
        if (c.deviceIdExact() && !isPageId.test(cam.id())) {
            why = Optional.of("the page asked for another camera");
        } else {
            try {
                format = Optional.of(UserMediaService.chooseFormat(cam.capabilities(), c));
            } catch (MediaError e) {
                why = Optional.of("cannot give the " + (e.constraint() == null ? "format" : e.constraint())
                        + " the page requires");
            }
        }
        return new DeviceOption<>(cam.id(), cam.label(), cam, format, why, holder.apply(cam.id()));
    }

    static List<DeviceOption<Microphone>> microphones(List<Microphone> mics, TrackConstraints c,
                                                      Predicate<String> isPageId,
                                                      Function<String, Optional<DeviceHolder>> holder) {
        List<DeviceOption<Microphone>> out = new ArrayList<>();
        for (Microphone m : mics) {
            out.add(microphone(m, c, isPageId, holder));
        }
        return out;
    }

    static DeviceOption<Microphone> microphone(Microphone m, TrackConstraints c, Predicate<String> isPageId,
                                               Function<String, Optional<DeviceHolder>> holder) {
        Optional<String> why = c.deviceIdExact() && !isPageId.test(m.id())
                ? Optional.of("the page asked for another microphone") : Optional.empty();
        return new DeviceOption<>(m.id(), m.label(), m, Optional.empty(), why, holder.apply(m.id()));
    }

    /**
     * The option to start with: among suitable ones, those not held by another origin first; then the ones
     * the page prefers (a non-exact deviceId), then the user's last choice, then the list's order.
     */
    static <D> Optional<DeviceOption<D>> preferred(List<DeviceOption<D>> options, Predicate<String> pagePrefers,
                                                  Optional<String> lastChoice) {
        Comparator<DeviceOption<D>> order = Comparator
                .comparing((DeviceOption<D> o) -> o.needsTakeover())
                .thenComparing(o -> !pagePrefers.test(o.id()))
                .thenComparing(o -> !lastChoice.map(o.id()::equals).orElse(false));
        return options.stream().filter(DeviceOption::suitable).sorted(order).findFirst();
    }
}
