package dev.callsafe.capture.device;

import java.io.IOException;

import dev.callsafe.capture.audio.AudioSource;

/** A microphone the user can choose: real or synthetic, opened only after consent. */
public interface Microphone {
    String id();

    String label();

    AudioSource open() throws IOException;
}
