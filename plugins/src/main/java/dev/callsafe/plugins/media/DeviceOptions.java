package dev.callsafe.plugins.media;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

import dev.callsafe.capture.device.Camera;
import dev.callsafe.capture.device.Microphone;
import dev.callsafe.capture.device.VideoCapabilities;
import dev.callsafe.capture.video.VideoFormat;
import dev.callsafe.plugins.media.constraints.Candidate;
import dev.callsafe.plugins.media.constraints.ConstrainableProperty;
import dev.callsafe.plugins.media.constraints.MediaConstraints;
import dev.callsafe.plugins.media.constraints.SelectSettings;
import dev.callsafe.plugins.media.constraints.TrackKind;
import dev.callsafe.plugins.media.constraints.VideoMode;
import dev.callsafe.plugins.media.constraints.VideoModes;

/**
 * Which devices can serve one request, and which one to start with: every device is listed, the ones that
 * cannot satisfy the page's mandatory constraints with the reason, the busy ones with their holder. Which
 * device and mode fit best is the spec's SelectSettings over every device's candidate settings.
 */
final class DeviceOptions {
    /** What the microphones deliver: 48 kHz mono float samples in 10 ms chunks. */
    static final int SAMPLE_RATE = 48000;
    static final int SAMPLE_SIZE = 32;
    static final double LATENCY = 0.01;

    private DeviceOptions() {
    }

    /** The ids a page sees for a device: its origin-scoped device and group ids; null for a chosen file. */
    interface PageIds {
        String deviceId(String id);

        String groupId(String id);
    }

    static List<DeviceOption<Camera>> cameras(List<Camera> cameras, TrackConstraints c, PageIds ids,
                                              Function<String, Optional<DeviceHolder>> holder) {
        List<DeviceOption<Camera>> out = new ArrayList<>();
        for (Camera cam : cameras) {
            out.add(camera(cam, c, ids, holder));
        }
        return out;
    }

    /** @param ids the page's ids for it, or null when the person chose it (a file): then ids do not count */
    static DeviceOption<Camera> camera(Camera cam, TrackConstraints c, PageIds ids,
                                       Function<String, Optional<DeviceHolder>> holder) {
        MediaConstraints spec = ids == null ? withoutIds(c.spec()) : c.spec();
        List<Candidate<VideoMode>> candidates = candidates(cam, spec, ids);
        SelectSettings.Result<VideoMode> r = SelectSettings.select(spec, candidates);
        Optional<VideoFormat> format = r.chosen().map(k -> new VideoFormat(k.source().nativeWidth(),
                k.source().nativeHeight(), k.source().nativeFrameRate()));
        Optional<String> why = r.succeeded() ? Optional.empty() : Optional.of(why(r.failedConstraint(), "camera"));
        return new DeviceOption<>(cam.id(), cam.label(), cam, format, why, holder.apply(cam.id()),
                r.succeeded() ? r.remaining() : List.of());
    }

    private static List<Candidate<VideoMode>> candidates(Camera cam, MediaConstraints spec, PageIds ids) {
        VideoCapabilities cap = cam.capabilities();
        List<Candidate<VideoMode>> out = new ArrayList<>();
        for (VideoMode m : VideoModes.of(new VideoModes.Range(cap.minWidth(), cap.maxWidth(), cap.minHeight(),
                cap.maxHeight(), cap.minFrameRate(), cap.maxFrameRate()), spec)) {
            Map<String, Object> s = new LinkedHashMap<>(m.settings());
            addIds(s, cam.id(), ids);
            out.add(new Candidate<>(m, TrackKind.VIDEO, s));
        }
        return out;
    }

    /** The required constraint no mode of any camera meets ("" when no single one is to blame). */
    static String failedConstraint(List<Camera> cams, TrackConstraints c, PageIds ids) {
        List<Candidate<VideoMode>> all = new ArrayList<>();
        cams.forEach(cam -> all.addAll(candidates(cam, c.spec(), ids)));
        return SelectSettings.select(c.spec(), all).failedConstraint();
    }

    /** The required constraint no microphone meets ("" when no single one is to blame). */
    static String failedMicrophoneConstraint(List<Microphone> mics, TrackConstraints c, PageIds ids) {
        List<Candidate<Void>> all = new ArrayList<>();
        for (Microphone m : mics) {
            Map<String, Object> s = audioSettings(SAMPLE_RATE);
            addIds(s, m.id(), ids);
            all.add(new Candidate<>(null, TrackKind.AUDIO, s));
        }
        return SelectSettings.select(c.spec(), all).failedConstraint();
    }

    static List<DeviceOption<Microphone>> microphones(List<Microphone> mics, TrackConstraints c, PageIds ids,
                                                      Function<String, Optional<DeviceHolder>> holder) {
        List<DeviceOption<Microphone>> out = new ArrayList<>();
        for (Microphone m : mics) {
            out.add(microphone(m, c, ids, holder));
        }
        return out;
    }

    static DeviceOption<Microphone> microphone(Microphone m, TrackConstraints c, PageIds ids,
                                               Function<String, Optional<DeviceHolder>> holder) {
        MediaConstraints spec = ids == null ? withoutIds(c.spec()) : c.spec();
        Map<String, Object> s = audioSettings(SAMPLE_RATE);
        addIds(s, m.id(), ids);
        List<Candidate<VideoMode>> candidates = List.of(new Candidate<>(null, TrackKind.AUDIO, s));
        SelectSettings.Result<VideoMode> r = SelectSettings.select(spec, candidates);
        Optional<String> why = r.succeeded() ? Optional.empty()
                : Optional.of(why(r.failedConstraint(), "microphone"));
        return new DeviceOption<>(m.id(), m.label(), m, Optional.empty(), why, holder.apply(m.id()),
                r.succeeded() ? candidates : List.of());
    }

    /** What every microphone track reports (no echo cancellation, gain control or noise suppression is done). */
    static Map<String, Object> audioSettings(int sampleRate) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("sampleRate", sampleRate);
        s.put("sampleSize", SAMPLE_SIZE);
        s.put("channelCount", 1);
        s.put("latency", LATENCY);
        s.put("echoCancellation", false);
        s.put("autoGainControl", false);
        s.put("noiseSuppression", false);
        return s;
    }

    private static MediaConstraints withoutIds(MediaConstraints c) {
        return c.without(ConstrainableProperty.DEVICE_ID, ConstrainableProperty.GROUP_ID);
    }

    private static void addIds(Map<String, Object> s, String id, PageIds ids) {
        if (ids != null) {
            s.put("deviceId", ids.deviceId(id));
            s.put("groupId", ids.groupId(id));
        }
    }

    private static String why(String failed, String kind) {
        switch (failed) {
            case "deviceId":
            case "groupId":
                return "the page asked for another " + kind;
            case "":
                return "cannot meet all the page's constraints together";
            default:
                return "cannot give the " + failed + " the page requires";
        }
    }

    /**
     * The option to start with, by the spec's SelectSettings over the suitable options' candidates: those not
     * held by another origin first (a busy device only when nothing else will do); among equally fit ones the
     * user's last choice, then the list's order.
     */
    static <D> Optional<DeviceOption<D>> preferred(List<DeviceOption<D>> options, MediaConstraints spec,
                                                  Optional<String> lastChoice) {
        List<DeviceOption<D>> suitable = options.stream().filter(DeviceOption::suitable).toList();
        List<DeviceOption<D>> free = suitable.stream().filter(o -> !o.needsTakeover()).toList();
        List<DeviceOption<D>> pool = new ArrayList<>(free.isEmpty() ? suitable : free);
        pool.sort(Comparator.comparing(o -> !lastChoice.map(o.id()::equals).orElse(false)));
        List<Candidate<DeviceOption<D>>> all = new ArrayList<>();
        for (DeviceOption<D> o : pool) {
            for (Candidate<VideoMode> k : o.candidates()) {
                all.add(new Candidate<>(o, k.kind(), k.settings()));
            }
        }
        // Each option keeps the format its own best mode needs (the prompt lists these very options).
        return SelectSettings.select(spec, all).chosen().map(Candidate::source).or(() -> pool.stream().findFirst());
    }

    /**
     * The option to start with when no constraints apply (the prompt's list after a device change): free ones
     * first, then the ones the page prefers, then the user's last choice, then the list's order.
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
