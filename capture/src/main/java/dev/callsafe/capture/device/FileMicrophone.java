package dev.callsafe.capture.device;

import java.io.IOException;

import dev.callsafe.capture.audio.AudioSource;
import dev.callsafe.capture.audio.FileAudioSource;

/** An audio file the user chose instead of a microphone: looped and paced in real time. */
public final class FileMicrophone implements Microphone {
    private final MediaFile file;

    public FileMicrophone(MediaFile file) {
        this.file = file;
    }

    public MediaFile file() {
        return file;
    }

    @Override
    public String id() {
        return file.deviceId();
    }

    @Override
    public String label() {
        return file.describe(false);
    }

    @Override
    public AudioSource open() throws IOException {
        return FileAudioSource.open(file.path());
    }
}
