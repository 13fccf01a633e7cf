package dev.callsafe.capture.device;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.Mixer;

/**
 * The cameras and microphones this machine offers. Real devices are used when present; synthetic ones
 * stand in when there are none, or always when the mode says so (tests and demos).
 */
public final class DeviceCatalog {
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

    public DeviceCatalog(Mode mode) {
        this.mode = mode;
    }

    public List<Camera> cameras() {
        List<Camera> real = mode == Mode.SYNTHETIC ? List.of() : v4l2Cameras();
        if (!real.isEmpty() || mode == Mode.REAL) {
            return real;
        }
        return List.of(new SyntheticCamera("synthetic-camera-1", "Synthetic camera (test pattern)"));
    }

    public List<Microphone> microphones() {
        List<Microphone> real = mode == Mode.SYNTHETIC ? List.of() : soundCardMicrophones();
        if (!real.isEmpty() || mode == Mode.REAL) {
            return real;
        }
        return List.of(new SyntheticMicrophone("synthetic-microphone-1", "Synthetic microphone (440 Hz tone)", 440));
    }

    private static List<Camera> v4l2Cameras() {
        List<Camera> out = new ArrayList<>();
        try (DirectoryStream<Path> dev = Files.newDirectoryStream(Path.of("/dev"), "video*")) {
            for (Path p : dev) {
                Path name = Path.of("/sys/class/video4linux", p.getFileName().toString(), "name");
                String label = Files.isReadable(name) ? Files.readString(name).trim() : p.toString();
                out.add(new V4l2Camera(p.toString(), label));
            }
        } catch (IOException | SecurityException e) {
            // no /dev (not Linux) or unreadable: no V4L2 cameras
        }
        out.sort(java.util.Comparator.comparing(Camera::id));
        return out;
    }

    private static List<Microphone> soundCardMicrophones() {
        List<Microphone> out = new ArrayList<>();
        try {
            for (Mixer.Info info : AudioSystem.getMixerInfo()) {
                if (javax.sound.sampled.AudioSystem.getMixer(info).getTargetLineInfo().length > 0
                        && canCapture(info)) {
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
