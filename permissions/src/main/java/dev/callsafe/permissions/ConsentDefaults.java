package dev.callsafe.permissions;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The person's browser-wide defaults: the answer for a site without a per-site setting (ask or block, per
 * {@link CaptureCategory}) and the camera and microphone a prompt starts on when the site has no last choice.
 * A stored answer this version cannot read is taken as {@link DefaultAnswer#BLOCK} (fail closed) and reported.
 * Thread-safe.
 */
public final class ConsentDefaults {
    private final Map<CaptureCategory, DefaultAnswer> answers = new EnumMap<>(CaptureCategory.class);
    private final Map<MediaKind, String> devices = new EnumMap<>(MediaKind.class);
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    /** The default answer for a kind ({@link DefaultAnswer#ASK} unless the person chose otherwise). */
    public synchronized DefaultAnswer answer(MediaKind kind) {
        return answers.getOrDefault(CaptureCategory.of(kind), DefaultAnswer.ASK);
    }

    public synchronized DefaultAnswer answer(CaptureCategory category) {
        return answers.getOrDefault(category, DefaultAnswer.ASK);
    }

    public void setAnswer(CaptureCategory category, DefaultAnswer answer) {
        synchronized (this) {
            if (answers.getOrDefault(category, DefaultAnswer.ASK) == answer) {
                return;
            }
            answers.put(category, answer);
        }
        fire();
    }

    /** The device (the browser's own id) a prompt for this kind starts on when the site has no last choice. */
    public synchronized Optional<String> device(MediaKind kind) {
        return Optional.ofNullable(devices.get(kind));
    }

    /** Sets the default camera or microphone; null goes back to the device list's own order. */
    public void setDevice(MediaKind kind, String deviceId) {
        if (kind != MediaKind.CAMERA && kind != MediaKind.MICROPHONE) {
            throw new IllegalArgumentException("default devices are for the camera and the microphone");
        }
        synchronized (this) {
            String before = deviceId == null ? devices.remove(kind) : devices.put(kind, deviceId);
            if (java.util.Objects.equals(before, deviceId)) {
                return;
            }
        }
        fire();
    }

    /**
     * Loads stored settings, replacing the current ones, and says what it could not read: an answer other than
     * {@code ask} or {@code block} becomes {@code block}; an unknown device kind or category (a newer version's) is
     * dropped. Never throws for bad content.
     */
    public List<String> restore(SettingsSnapshot snapshot) {
        List<String> problems = new ArrayList<>();
        synchronized (this) {
            answers.clear();
            devices.clear();
            if (snapshot == null) {
                return problems;
            }
            if (snapshot.defaultAnswers() != null) {
                for (CaptureCategory c : CaptureCategory.values()) {
                    if (!snapshot.defaultAnswers().containsKey(c.key())) {
                        continue;
                    }
                    String stored = snapshot.defaultAnswers().get(c.key());
                    DefaultAnswer a = parse(stored);
                    if (a == null) {
                        problems.add("The default answer for " + c.key() + " could not be read (" + stored
                                + "); it is Block until you choose again in Settings.");
                        a = DefaultAnswer.BLOCK;
                    }
                    answers.put(c, a);
                }
            }
            if (snapshot.defaultDevices() != null) {
                snapshot.defaultDevices().forEach((kind, id) -> {
                    if (id != null && ("camera".equals(kind) || "microphone".equals(kind))) {
                        devices.put(MediaKind.valueOf(kind.toUpperCase(Locale.ROOT)), id);
                    }
                });
            }
        }
        return problems;
    }

    private static DefaultAnswer parse(String stored) {
        if ("ask".equals(stored)) {
            return DefaultAnswer.ASK;
        }
        if ("block".equals(stored)) {
            return DefaultAnswer.BLOCK;
        }
        return null;
    }

    /** The settings as stored (only what the person set: a missing answer reads as ask). */
    public synchronized SettingsSnapshot snapshot() {
        Map<String, String> a = new TreeMap<>();
        answers.forEach((c, v) -> a.put(c.key(), v.name().toLowerCase(Locale.ROOT)));
        Map<String, String> d = new TreeMap<>();
        devices.forEach((k, id) -> d.put(k.name().toLowerCase(Locale.ROOT), id));
        return new SettingsSnapshot(a, d);
    }

    /** Runs after every change (storage, the chrome, pages watching their permission state). */
    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    private void fire() {
        listeners.forEach(Runnable::run);
    }
}
