package dev.callsafe.capture.audio;

import java.io.IOException;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.DataLine;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.Mixer;
import javax.sound.sampled.TargetDataLine;

/** A real microphone through Java Sound, read as 48 kHz mono 16-bit and converted to floats. */
public final class JavaSoundMicrophone extends AudioSourceBase {
    static final AudioFormat FORMAT = new AudioFormat(48_000f, 16, 1, true, false);

    private final TargetDataLine line;
    private final byte[] buffer = new byte[FFmpegAudioSource.CHUNK * 2];

    private JavaSoundMicrophone(TargetDataLine line) {
        this.line = line;
    }

    /** Whether a mixer offers a line this class can read. */
    static boolean canCapture(Mixer.Info info) {
        return AudioSystem.getMixer(info).isLineSupported(new DataLine.Info(TargetDataLine.class, FORMAT));
    }

    public static JavaSoundMicrophone open(Mixer.Info info) throws IOException {
        try {
            TargetDataLine line = (TargetDataLine) AudioSystem.getMixer(info)
                    .getLine(new DataLine.Info(TargetDataLine.class, FORMAT));
            line.open(FORMAT);
            line.start();
            JavaSoundMicrophone mic = new JavaSoundMicrophone(line);
            mic.startThread("audio-mic-" + info.getName());
            return mic;
        } catch (LineUnavailableException | IllegalArgumentException e) {
            throw new IOException("microphone busy or unavailable: " + info.getName(), e);
        }
    }

    @Override
    protected float[] readChunk() {
        int n = line.read(buffer, 0, buffer.length);
        if (n <= 0) {
            return null;
        }
        float[] out = new float[n / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (short) ((buffer[2 * i] & 0xff) | (buffer[2 * i + 1] << 8)) / 32768f;
        }
        return out;
    }

    @Override
    protected void release() {
        line.stop();
        line.close();
    }

    @Override
    public int sampleRate() {
        return (int) FORMAT.getSampleRate();
    }
}
