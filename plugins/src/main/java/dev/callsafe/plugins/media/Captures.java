package dev.callsafe.plugins.media;

import java.io.IOException;
import java.util.function.Consumer;

import dev.callsafe.capture.SharedSources;
import dev.callsafe.capture.audio.AudioChunk;
import dev.callsafe.capture.audio.AudioSource;
import dev.callsafe.capture.device.Camera;
import dev.callsafe.capture.device.Microphone;
import dev.callsafe.capture.video.SwitchableVideoSource;
import dev.callsafe.capture.video.VideoFormat;
import dev.callsafe.capture.video.VideoFrame;
import dev.callsafe.capture.video.VideoSource;

/**
 * The running captures of every device, shared by all their consumers (page tracks and the prompt's
 * previews): a device feeding several tracks is captured once.
 */
final class Captures {
    /** Cameras run behind a switchable source, so a capture can be reopened at another format under its consumers. */
    private final SharedSources<SwitchableVideoSource> video = new SharedSources<>();
    private final SharedSources<AudioSource> audio = new SharedSources<>();

    /**
     * Joins (or opens at {@code format}) the capture of a camera. A running capture keeps the format it runs at
     * until {@link #reopenCamera}; the lease's source reports it.
     */
    SharedSources<SwitchableVideoSource>.Lease camera(Camera cam, VideoFormat format, Consumer<VideoFrame> sink,
                                                      Runnable ended) throws IOException {
        return video.acquire(cam.id(), () -> new SwitchableVideoSource(cam.open(format)), s -> {
            s.addSink(sink);
            s.onEnded(ended);
            return () -> s.removeSink(sink);
        });
    }

    /**
     * Reopens a camera's running capture at {@code format}; its consumers stay and get the new frames after a
     * short gap. When the camera cannot open at it, the capture goes back to the format it had and the error is
     * thrown; when that fails too, the capture ends (its consumers hear why).
     */
    void reopenCamera(Camera cam, VideoFormat format) throws IOException {
        SwitchableVideoSource s = video.running(cam.id())
                .orElseThrow(() -> new IOException(cam.label() + " is not capturing"));
        VideoFormat before = s.format();
        try {
            s.reopen(() -> cam.open(format));
        } catch (IOException | RuntimeException e) {
            try {
                s.reopen(() -> cam.open(before));
            } catch (IOException | RuntimeException again) {
                s.fail("it could not be reopened (" + again.getMessage() + ")");
            }
            throw e instanceof IOException io ? io : new IOException(e);
        }
    }

    /** The format a device's capture runs at now, if it runs (diagnostics, tests). */
    java.util.Optional<VideoFormat> cameraFormat(String id) {
        return video.running(id).map(VideoSource::format);
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
