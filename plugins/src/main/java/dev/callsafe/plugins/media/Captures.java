package dev.callsafe.plugins.media;

import java.io.IOException;
import java.util.function.Consumer;

import dev.callsafe.capture.SharedSources;
import dev.callsafe.capture.audio.AudioChunk;
import dev.callsafe.capture.audio.AudioSource;
import dev.callsafe.capture.device.Camera;
import dev.callsafe.capture.device.Microphone;
import dev.callsafe.capture.video.VideoFormat;
import dev.callsafe.capture.video.VideoFrame;
import dev.callsafe.capture.video.VideoSource;

/**
 * The running captures of every device, shared by all their consumers (page tracks and the prompt's
 * previews): a device feeding several tracks is captured once.
 */
final class Captures {
    private final SharedSources<VideoSource> video = new SharedSources<>();
    private final SharedSources<AudioSource> audio = new SharedSources<>();

    /**
     * Joins (or opens at {@code format}) the capture of a camera. A running capture keeps the format it was
     * opened at; the lease's source reports it.
     */
    SharedSources<VideoSource>.Lease camera(Camera cam, VideoFormat format, Consumer<VideoFrame> sink,
                                            Runnable ended) throws IOException {
        return video.acquire(cam.id(), () -> cam.open(format), s -> {
            s.addSink(sink);
            s.onEnded(ended);
            return () -> s.removeSink(sink);
        });
    }

    SharedSources<AudioSource>.Lease microphone(Microphone mic, Consumer<AudioChunk> sink, Runnable ended)
            throws IOException {
        return audio.acquire(mic.id(), mic::open, s -> {
            s.addSink(sink);
            s.onEnded(ended);
            return () -> s.removeSink(sink);
        });
    }

    /** Ends a device's capture at once (unplugged): every consumer sees its source end. */
    void closeDevice(String id) {
        video.closeDevice(id);
        audio.closeDevice(id);
    }

    /** Captures running now. */
    int running() {
        return video.runningCount() + audio.runningCount();
    }

    /** Captures opened since start; a capture shared by several consumers counts once. */
    long opened() {
        return video.openedCount() + audio.openedCount();
    }

    /** How many consumers share a device's running capture. */
    int consumers(String id) {
        return video.consumers(id) + audio.consumers(id);
    }
}
