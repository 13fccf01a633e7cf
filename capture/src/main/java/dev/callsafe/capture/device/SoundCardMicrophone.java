package dev.callsafe.capture.device;

import java.io.IOException;

import javax.sound.sampled.Mixer;

import dev.callsafe.capture.audio.AudioSource;
import dev.callsafe.capture.audio.JavaSoundMicrophone;

/** A real capture line offered by Java Sound. */
public final class SoundCardMicrophone implements Microphone {
    private final Mixer.Info mixer;

    public SoundCardMicrophone(Mixer.Info mixer) {
        this.mixer = mixer;
    }

    @Override
    public String id() {
        return "javasound:" + mixer.getName();
    }

    @Override
    public String label() {
        return mixer.getName() + (mixer.getDescription().isEmpty() ? "" : " (" + mixer.getDescription() + ")");
    }

    @Override
    public AudioSource open() throws IOException {
        return JavaSoundMicrophone.open(mixer);
    }
}
