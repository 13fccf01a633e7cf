package dev.callsafe.capture.audio;

import java.io.IOException;
import java.nio.FloatBuffer;

import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

import dev.callsafe.capture.video.FFmpegLoader;

/** Mono samples read through FFmpeg, paced in real time: the synthetic microphone is a lavfi tone. */
public final class FFmpegAudioSource extends FFmpegAudioBase {
    /** Samples per chunk: 10 ms at 48 kHz, the size WebRTC works in. */
    public static final int CHUNK = 480;

    private FFmpegAudioSource(FFmpegFrameGrabber grabber) {
        super(grabber);
    }

    /** A sine tone at the given frequency, standing in for a microphone. */
    public static FFmpegAudioSource tone(double frequency) throws IOException {
        FFmpegLoader.load();
        FFmpegFrameGrabber g = new FFmpegFrameGrabber(
                "sine=frequency=" + frequency + ":sample_rate=" + RATE + ":samples_per_frame=" + CHUNK);
        g.setFormat("lavfi");
        g.setSampleFormat(avutil.AV_SAMPLE_FMT_FLT);
        g.setAudioChannels(1);
        try {
            g.start();
        } catch (FFmpegFrameGrabber.Exception e) {
            throw new IOException("cannot open tone source: " + e.getMessage(), e);
        }
        FFmpegAudioSource source = new FFmpegAudioSource(g);
        source.startThread("audio-tone-" + frequency);
        return source;
    }

    @Override
    protected float[] readChunk() throws Exception {
        pace();
        Frame frame = grabber.grabSamples();
        if (frame == null) {
            return null;
        }
        FloatBuffer buf = (FloatBuffer) frame.samples[0];
        float[] out = new float[buf.remaining()];
        buf.get(out);
        return out;
    }
}
