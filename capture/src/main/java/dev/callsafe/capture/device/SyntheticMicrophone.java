package dev.callsafe.capture.device;

import java.io.IOException;

import dev.callsafe.capture.audio.AudioSource;
import dev.callsafe.capture.audio.FFmpegAudioSource;

/** A sine tone standing in for a microphone. */
public final class SyntheticMicrophone implements Microphone {
    private final String id;
    private final String label;
    private final double frequency;

    public SyntheticMicrophone(String id, String label, double frequency) {
        this.id = id;
        this.label = label;
        this.frequency = frequency;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public AudioSource open() throws IOException {
        return FFmpegAudioSource.tone(frequency);
    }
}
