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
        try {
            return JavaSoundMicrophone.open(mixer);
        } catch (IOException e) {
            if (e.getCause() instanceof javax.sound.sampled.LineUnavailableException) {
                // The sound system says the line is taken (another application holds it exclusively).
                throw new DeviceBusyException(label() + " is in use by another application", e);
            }
            throw e;
        }
    }
}
