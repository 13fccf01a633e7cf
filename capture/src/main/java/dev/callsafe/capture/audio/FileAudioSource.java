package dev.callsafe.capture.audio;

import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Path;

import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

import dev.callsafe.capture.video.FFmpegLoader;

/**
 * An audio file standing in for a microphone: decoded by FFmpeg, resampled to 48 kHz mono, cut into 10 ms
 * chunks, paced in real time and looped at its end.
 */
public final class FileAudioSource extends FFmpegAudioBase {
    private static final int CHUNK = FFmpegAudioSource.CHUNK;

    private final float[] pending = new float[CHUNK * 64];
    private int pendingCount;
    private long samplesThisPass;

    private FileAudioSource(FFmpegFrameGrabber grabber) {
        super(grabber);
    }

    /** Opens an audio file (or a video file's sound); throws when FFmpeg cannot read it. */
    public static FileAudioSource open(Path file) throws IOException {
        FFmpegLoader.load();
        FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toFile());
        g.setSampleFormat(avutil.AV_SAMPLE_FMT_FLT);
        g.setSampleRate(RATE);
        g.setAudioChannels(1);
        try {
            g.start();
        } catch (FFmpegFrameGrabber.Exception e) {
            throw new IOException("cannot open " + file.getFileName() + ": " + e.getMessage(), e);
        }
        FileAudioSource source = new FileAudioSource(g);
        source.startThread("audio-file-" + file.getFileName());
        return source;
    }

    @Override
    protected float[] readChunk() throws Exception {
        while (pendingCount < CHUNK) {
            Frame frame = grabber.grabSamples();
            if (frame == null) {
                if (samplesThisPass == 0) {
                    return null; // nothing decodable: end rather than spin
                }
                samplesThisPass = 0;
                grabber.restart();
                continue;
            }
            FloatBuffer buf = (FloatBuffer) frame.samples[0];
            int n = Math.min(buf.remaining(), pending.length - pendingCount);
            buf.get(pending, pendingCount, n);
            pendingCount += n;
            samplesThisPass += n;
        }
        pace();
        float[] out = new float[CHUNK];
        System.arraycopy(pending, 0, out, 0, CHUNK);
        System.arraycopy(pending, CHUNK, pending, 0, pendingCount - CHUNK);
        pendingCount -= CHUNK;
        return out;
    }
}
