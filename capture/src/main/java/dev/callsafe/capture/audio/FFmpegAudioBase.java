package dev.callsafe.capture.audio;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.bytedeco.javacv.FFmpegFrameGrabber;

/** An opened FFmpeg grabber read as 48 kHz mono chunks paced in real time: what the tone and file sources share. */
abstract class FFmpegAudioBase extends AudioSourceBase {
    static final int RATE = 48_000;

    protected final FFmpegFrameGrabber grabber;
    private long next = System.nanoTime();

    FFmpegAudioBase(FFmpegFrameGrabber grabber) {
        this.grabber = grabber;
    }

    /** Waits until the next chunk is due, as a device delivering in real time would. */
    protected final void pace() {
        long wait = next - System.nanoTime();
        if (wait > 0) {
            LockSupport.parkNanos(wait);
        }
        next += TimeUnit.SECONDS.toNanos(FFmpegAudioSource.CHUNK) / RATE;
    }

    @Override
    protected final void release() {
        try {
            grabber.stop();
            grabber.release();
        } catch (FFmpegFrameGrabber.Exception e) {
            // already released
        }
    }

    @Override
    public final int sampleRate() {
        return RATE;
    }
}
