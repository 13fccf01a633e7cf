package dev.callsafe.capture.device;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.Mixer;

/**
 * The cameras and microphones this machine offers, as they come and go. Real devices are used when
 * present; synthetic ones stand in when there are none, or always when the mode says so (tests and demos).
 * Devices can appear and disappear at run time: V4L2 nodes are watched, and synthetic devices can be
 * plugged and unplugged; listeners hear every change.
 */
public final class DeviceCatalog implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(DeviceCatalog.class.getName());
    /** At most this many synthetic devices of each kind can be configured. */
    public static final int MAX_SYNTHETIC = 8;

    /** Which devices to offer. */
    public enum Mode {
        /** Real devices when present, else synthetic ones. */
        AUTO,
        /** Only synthetic devices, whatever the machine has. */
        SYNTHETIC,
        /** Only real devices. */
        REAL;

        /** Reads {@code -Dcallsafe.devices} or {@code CALLSAFE_DEVICES}; AUTO when unset. */
        public static Mode fromEnvironment() {
            String v = System.getProperty("callsafe.devices", System.getenv("CALLSAFE_DEVICES"));
            return v == null || v.isBlank() ? AUTO : valueOf(v.trim().toUpperCase(Locale.ROOT));
        }
    }

    private final Mode mode;
    private final Path devDir;
    /** Synthetic devices that stand in when the machine has none of a kind. */
    private final List<Camera> standInCameras = new CopyOnWriteArrayList<>();
    private final List<Microphone> standInMicrophones = new CopyOnWriteArrayList<>();
    /** Synthetic devices plugged at run time: offered in every mode but REAL. */
    private final List<Camera> pluggedCameras = new CopyOnWriteArrayList<>();
    private final List<Microphone> pluggedMicrophones = new CopyOnWriteArrayList<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private V4l2Watcher watcher;
    private PollingWatcher soundCards;
    /** How often Java Sound is asked for its capture lines (it cannot be watched). */
    static final long SOUND_POLL_MILLIS = 2000;

    public DeviceCatalog(Mode mode) {
        this(mode, syntheticCountFromEnvironment(), Path.of("/dev"));
    }

    /**
     * @param synthetic how many synthetic cameras and microphones stand in (each with its own pattern/tone)
     * @param devDir where V4L2 device nodes live
     */
    public DeviceCatalog(Mode mode, int synthetic, Path devDir) {
        this.mode = mode;
        this.devDir = devDir;
        for (int i = 1; i <= Math.max(1, Math.min(MAX_SYNTHETIC, synthetic)); i++) {
            standInCameras.add(syntheticCamera(i));
            standInMicrophones.add(syntheticMicrophone(i));
        }
    }

    /** Reads {@code -Dcallsafe.syntheticDevices} or {@code CALLSAFE_SYNTHETIC_DEVICES}; 1 when unset. */
    public static int syntheticCountFromEnvironment() {
        String v = System.getProperty("callsafe.syntheticDevices", System.getenv("CALLSAFE_SYNTHETIC_DEVICES"));
        if (v == null || v.isBlank()) {
            return 1;
        }
        try {
            return Math.max(1, Math.min(MAX_SYNTHETIC, Integer.parseInt(v.trim())));
        } catch (NumberFormatException e) {
            LOG.warning("callsafe.syntheticDevices is not a number: " + v + "; using 1");
            return 1;
        }
    }

    /** The {@code n}th synthetic camera (from 1), with that camera's box colours in its label. */
    public static SyntheticCamera syntheticCamera(int n) {
        String[] c = SyntheticCamera.boxColours(n);
        return new SyntheticCamera("synthetic-camera-" + n, n == 1 ? "Synthetic camera (test pattern)"
                : "Synthetic camera " + n + " (test pattern, " + String.join("/", c) + " boxes)", n);
    }

    /** The {@code n}th synthetic microphone (from 1): a tone of 220 Hz more than the one before. */
    public static SyntheticMicrophone syntheticMicrophone(int n) {
        int hz = 440 + 220 * (n - 1);
        return new SyntheticMicrophone("synthetic-microphone-" + n, n == 1 ? "Synthetic microphone (440 Hz tone)"
                : "Synthetic microphone " + n + " (" + hz + " Hz tone)", hz);
    }

    public List<Camera> cameras() {
        List<Camera> out = new ArrayList<>(mode == Mode.SYNTHETIC ? List.of() : v4l2Cameras(devDir));
        if (mode == Mode.REAL) {
            return out;
        }
        if (out.isEmpty()) {
            out.addAll(standInCameras);
        }
        out.addAll(pluggedCameras);
        return out;
    }

    public List<Microphone> microphones() {
        List<Microphone> out = new ArrayList<>(mode == Mode.SYNTHETIC ? List.of() : soundCardMicrophones());
        if (mode == Mode.REAL) {
            return out;
        }
        if (out.isEmpty()) {
            out.addAll(standInMicrophones);
        }
        out.addAll(pluggedMicrophones);
        return out;
    }

    /** Whether a device id is offered now. */
    public boolean isPresent(String id) {
        return cameras().stream().anyMatch(c -> c.id().equals(id))
                || microphones().stream().anyMatch(m -> m.id().equals(id));
    }

    /** Plugs in a camera (a synthetic one standing in for a webcam being connected). */
    public void plug(Camera camera) {
        pluggedCameras.add(camera);
        fire();
    }

    /** Plugs in a microphone. */
    public void plug(Microphone microphone) {
        pluggedMicrophones.add(microphone);
        fire();
    }

    /** Unplugs a synthetic device (plugged or standing in); false when there is none with that id. */
    public boolean unplug(String id) {
        boolean gone = pluggedCameras.removeIf(c -> c.id().equals(id))
                | pluggedMicrophones.removeIf(m -> m.id().equals(id))
                | standInCameras.removeIf(c -> c.id().equals(id))
                | standInMicrophones.removeIf(m -> m.id().equals(id));
        if (gone) {
            fire();
        }
        return gone;
    }

    /** Puts back a stand-in that was unplugged (tests restore the default devices). */
    public void restoreStandIns(int synthetic) {
        boolean changed = false;
        for (int i = 1; i <= synthetic; i++) {
            String cam = "synthetic-camera-" + i;
            String mic = "synthetic-microphone-" + i;
            if (standInCameras.stream().noneMatch(c -> c.id().equals(cam))) {
                standInCameras.add(Math.min(i - 1, standInCameras.size()), syntheticCamera(i));
                changed = true;
            }
            if (standInMicrophones.stream().noneMatch(m -> m.id().equals(mic))) {
                standInMicrophones.add(Math.min(i - 1, standInMicrophones.size()), syntheticMicrophone(i));
                changed = true;
            }
        }
        if (changed) {
            fire();
        }
    }

    /** Runs on every change of the device list, on the thread that saw it. */
    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    public void removeListener(Runnable listener) {
        listeners.remove(listener);
    }

    /**
     * Starts watching for V4L2 webcams (device nodes) and sound cards (Java Sound, polled) being plugged and
     * unplugged; not in SYNTHETIC mode.
     */
    public synchronized void startWatching() {
        if (mode == Mode.SYNTHETIC) {
            return;
        }
        if (watcher == null && Files.isDirectory(devDir)) {
            try {
                watcher = new V4l2Watcher(devDir, this::fire);
            } catch (IOException | UnsupportedOperationException e) {
                LOG.log(Level.INFO, "cannot watch " + devDir + " for webcams", e);
            }
        }
        if (soundCards == null) {
            soundCards = new PollingWatcher("sound-card-watcher",
                    () -> soundCardMicrophones().stream().map(Microphone::id).toList(), SOUND_POLL_MILLIS, this::fire);
        }
    }

    private void fire() {
        for (Runnable l : listeners) {
            try {
                l.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "device listener failed", e);
            }
        }
    }

    @Override
    public synchronized void close() {
        if (watcher != null) {
            watcher.close();
            watcher = null;
        }
        if (soundCards != null) {
            soundCards.close();
            soundCards = null;
        }
    }

    private static List<Camera> v4l2Cameras(Path devDir) {
        List<Camera> out = new ArrayList<>();
        try (DirectoryStream<Path> dev = Files.newDirectoryStream(devDir, "video*")) {
            for (Path p : dev) {
                Path name = Path.of("/sys/class/video4linux", p.getFileName().toString(), "name");
                String label = Files.isReadable(name) ? Files.readString(name).trim() : p.toString();
                out.add(new V4l2Camera(p.toString(), label));
            }
        } catch (IOException | SecurityException e) {
            // no /dev (not Linux) or unreadable: no V4L2 cameras
        }
        out.sort(Comparator.comparing(Camera::id));
        return out;
    }

    private static List<Microphone> soundCardMicrophones() {
        List<Microphone> out = new ArrayList<>();
        try {
            for (Mixer.Info info : AudioSystem.getMixerInfo()) {
                if (AudioSystem.getMixer(info).getTargetLineInfo().length > 0 && canCapture(info)) {
                    out.add(new SoundCardMicrophone(info));
                }
            }
        } catch (RuntimeException | LinkageError e) {
            // no sound system: no real microphones
        }
        return out;
    }

    private static boolean canCapture(Mixer.Info info) {
        try {
            return AudioSystem.getMixer(info).isLineSupported(
                    new javax.sound.sampled.DataLine.Info(javax.sound.sampled.TargetDataLine.class,
                            new javax.sound.sampled.AudioFormat(48_000f, 16, 1, true, false)));
        } catch (RuntimeException e) {
            return false;
        }
    }
}
