package dev.callsafe.capture.video;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;

import dev.callsafe.capture.CaptureThread;

/**
 * A video source read through FFmpeg: a V4L2 webcam, or a {@code lavfi} test pattern standing in for one.
 * Both go through the same grab, convert-to-I420, stamp and deliver path, except an input whose video is
 * MJPEG (a webcam in MJPEG mode, an MJPEG file): its packets are handed on as they are ({@link
 * VideoFrame#ofJpeg}), decoded only for the consumers that ask for pixels.
 */
public final class FFmpegVideoSource extends VideoSourceBase {
    private static final Logger LOG = Logger.getLogger(FFmpegVideoSource.class.getName());

    /**
     * {@code -Dcallsafe.mjpegPassThrough=false} decodes MJPEG here like any other input (to measure what the
     * pass-through saves).
     */
    private static final boolean PASS_JPEG = !"false".equals(System.getProperty("callsafe.mjpegPassThrough"));

    private final FFmpegFrameGrabber grabber;
    private final boolean pace;
    private final boolean stamp;
    private final CaptureThread capture = new CaptureThread();
    private volatile VideoFormat format;
    private boolean loop;
    private byte[] lastI420;
    /** The input's MJPEG stream handed on compressed, or -1 when frames are decoded here. */
    private int jpegStream = -1;
    private FFmpegJpegDecoder jpegDecoder;
    /** JPEG packets read from the input (tests: a looped file is read once). */
    private final java.util.concurrent.atomic.AtomicLong packetsRead = new java.util.concurrent.atomic.AtomicLong();

    /**
     * A looped MJPEG input whose JPEGs of one pass fit in this many bytes is read once and then played from
     * memory, as Chromium's own file capture does: demuxing and parsing the file again on every pass cost about
     * a sixth of the pipeline at 1080p (scripts/profile-mjpeg.sh).
     */
    static final long LOOP_IN_MEMORY_BYTES = 64L << 20;

    /**
     * @param input the FFmpeg input (a device path or a filter graph)
     * @param inputFormat the FFmpeg input format ({@code v4l2}, {@code lavfi}, ...)
     * @param options input options (for a camera: video_size, framerate, input_format)
     * @param pace whether to pace reads at the frame rate (synthetic inputs produce as fast as read)
     * @param stamp whether to write a {@link FrameStamp} into every frame
     */
    public FFmpegVideoSource(String input, String inputFormat, Map<String, String> options,
                             VideoFormat requested, boolean pace, boolean stamp) {
        FFmpegLoader.load();
        this.grabber = new FFmpegFrameGrabber(input);
        grabber.setFormat(inputFormat);
        grabber.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
        grabber.setImageWidth(requested.width());
        grabber.setImageHeight(requested.height());
        options.forEach(grabber::setOption);
        this.pace = pace;
        this.stamp = stamp;
        this.format = requested;
    }

    /** Makes a file input loop: at its end it starts again; a still image is shown again every period. */
    public FFmpegVideoSource looping() {
        this.loop = true;
        return this;
    }

    /** Opens the input and starts the capture thread; throws when the device cannot be opened. */
    public FFmpegVideoSource start() throws java.io.IOException {
        try {
            grabber.start();
        } catch (FFmpegFrameGrabber.Exception e) {
            throw new java.io.IOException("cannot open video input: " + e.getMessage(), e);
        }
        double rate = grabber.getFrameRate() > 0 && !pace ? grabber.getFrameRate() : format.frameRate();
        format = new VideoFormat(grabber.getImageWidth() & ~1, grabber.getImageHeight() & ~1, rate);
        jpegStream = stamp || !PASS_JPEG ? -1 : jpegStream(grabber.getFormatContext(), format);
        if (jpegStream >= 0) {
            jpegDecoder = new FFmpegJpegDecoder();
            LOG.info(() -> "MJPEG input, frames handed on compressed: " + format);
        }
        capture.start(this::captureLoop, "video-capture-" + format);
        return this;
    }

    /** JPEG packets read from the input so far. */
    public long packetsRead() {
        return packetsRead.get();
    }

    /** Whether the frames travel as JPEG (the input's video is MJPEG of the delivered size). */
    public boolean passesJpeg() {
        return jpegStream >= 0;
    }

    /** The index of the input's first video stream when it is MJPEG of exactly the format's size, else -1. */
    private static int jpegStream(AVFormatContext input, VideoFormat format) {
        for (int i = 0; input != null && i < input.nb_streams(); i++) {
            AVCodecParameters p = input.streams(i).codecpar();
            if (p.codec_type() == avutil.AVMEDIA_TYPE_VIDEO) {
                return p.codec_id() == avcodec.AV_CODEC_ID_MJPEG && p.width() == format.width()
                        && p.height() == format.height() ? i : -1;
            }
        }
        return -1;
    }

    /** The next packet of the MJPEG stream, null at the input's end. */
    private byte[] nextJpegPacket() throws FFmpegFrameGrabber.Exception {
        for (;;) {
            AVPacket p = grabber.grabPacket();
            if (p == null) {
                return null;
            }
            try {
                if (p.stream_index() == jpegStream && p.size() > 0) {
                    byte[] b = new byte[p.size()];
                    p.data().get(b);
                    packetsRead.incrementAndGet();
                    return b;
                }
            } finally {
                avcodec.av_packet_unref(p);
            }
        }
    }

    /** A frame of a JPEG packet: compressed when it can go to a page as it is, else decoded here. */
    private VideoFrame jpegFrame(byte[] packet, long sequence, long now) {
        int w = format.width();
        int h = format.height();
        return JpegPacket.clean(packet, w, h)
                .map(jpeg -> VideoFrame.ofJpeg(w, h, sequence, now, jpeg, jpegDecoder))
                .orElseGet(() -> new VideoFrame(w, h, sequence, now, jpegDecoder.toI420(packet, w, h)));
    }

    private void captureLoop() {
        long periodNanos = (long) (TimeUnit.SECONDS.toNanos(1) / format.frameRate());
        long next = System.nanoTime();
        long sequence = 0;
        long framesThisPass = 0;
        byte[] still = null;
        VideoFrame stillJpeg = null;
        VideoFrame lastJpeg = null;
        // a looped MJPEG input's first pass, kept while it fits; then played from memory
        java.util.List<byte[]> pass = loop ? new java.util.ArrayList<>() : null;
        long passBytes = 0;
        byte[][] replay = null;
        int replayAt = 0;
        try {
            while (capture.isRunning()) {
                if (pace) {
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    } else if (wait < -periodNanos * 3) {
                        next = System.nanoTime(); // fell far behind: skip rather than burst
                    }
                    next += periodNanos;
                }
                long now = System.currentTimeMillis();
                if (still != null) {
                    sinks.deliver(new VideoFrame(format.width(), format.height(), sequence++, now, still));
                    continue;
                }
                if (stillJpeg != null) {
                    sinks.deliver(again(stillJpeg, sequence++, now));
                    continue;
                }
                if (replay != null) {
                    lastJpeg = VideoFrame.ofJpeg(format.width(), format.height(), sequence++, now, replay[replayAt],
                            jpegDecoder);
                    replayAt = (replayAt + 1) % replay.length;
                    sinks.deliver(lastJpeg);
                    continue;
                }
                if (jpegStream >= 0) {
                    byte[] packet = nextJpegPacket();
                    if (packet == null && loop && framesThisPass > 0) {
                        if (framesThisPass == 1) {
                            stillJpeg = lastJpeg;
                        } else if (pass != null && pass.size() == framesThisPass) {
                            replay = pass.toArray(new byte[0][]);
                            pass = null;
                        } else {
                            grabber.restart();
                        }
                        framesThisPass = 0;
                        continue;
                    }
                    if (packet == null) {
                        LOG.info("video input ended: " + format);
                        sinks.failed("its input ended");
                        break;
                    }
                    framesThisPass++;
                    lastJpeg = jpegFrame(packet, sequence++, now);
                    if (pass != null) {
                        byte[] jpeg = lastJpeg.jpeg().orElse(null);
                        if (jpeg != null && passBytes + jpeg.length <= LOOP_IN_MEMORY_BYTES) {
                            pass.add(jpeg);
                            passBytes += jpeg.length;
                        } else {
                            pass = null; // too long, or a packet that had to be decoded here: read it again each pass
                        }
                    }
                    sinks.deliver(lastJpeg);
                    continue;
                }
                Frame frame = grabber.grabImage();
                if (frame == null && loop && framesThisPass > 0) {
                    if (framesThisPass == 1) {
                        // A still image: decoding it again would give the same picture.
                        still = lastI420;
                    } else {
                        grabber.restart();
                    }
                    framesThisPass = 0;
                    continue;
                }
                if (frame == null) {
                    LOG.info("video input ended: " + format);
                    sinks.failed("its input ended");
                    break;
                }
                framesThisPass++;
                byte[] i420 = toI420(frame);
                lastI420 = i420;
                if (stamp) {
                    FrameStamp.write(i420, format.width(), format.height(), sequence, now);
                }
                sinks.deliver(new VideoFrame(format.width(), format.height(), sequence++, now, i420));
            }
        } catch (Exception | LinkageError e) {
            LOG.log(Level.WARNING, "video capture failed", e);
            sinks.failed("reading it failed (" + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")");
        } finally {
            release();
        }
    }

    /** A still picture shown again: the same JPEG (or pixels) with a new number and time. */
    private VideoFrame again(VideoFrame f, long sequence, long now) {
        return f.jpeg().map(j -> VideoFrame.ofJpeg(f.width(), f.height(), sequence, now, j, jpegDecoder))
                .orElseGet(() -> new VideoFrame(f.width(), f.height(), sequence, now, f.i420()));
    }

    private byte[] toI420(Frame frame) {
        int w = format.width();
        int h = format.height();
        byte[] out = new byte[w * h * 3 / 2];
        ByteBuffer buf = ((ByteBuffer) frame.image[0]).duplicate();
        buf.clear();
        int stride = frame.imageStride;
        int srcH = frame.imageHeight;
        if (stride == w && srcH == h && buf.capacity() >= out.length) {
            buf.get(out, 0, out.length);
            return out;
        }
        // Padded rows: copy plane by plane, row by row.
        int ySrc = 0;
        int uSrc = stride * srcH;
        int vSrc = uSrc + (stride / 2) * (srcH / 2);
        for (int y = 0; y < h; y++) {
            buf.get(ySrc + y * stride, out, y * w, w);
        }
        int cw = w / 2;
        for (int y = 0; y < h / 2; y++) {
            buf.get(uSrc + y * (stride / 2), out, w * h + y * cw, cw);
            buf.get(vSrc + y * (stride / 2), out, w * h + (w * h) / 4 + y * cw, cw);
        }
        return out;
    }

    private void release() {
        capture.stopped();
        try {
            grabber.stop();
            grabber.release();
        } catch (Exception e) {
            LOG.log(Level.FINE, "release", e);
        }
        if (jpegDecoder != null) {
            jpegDecoder.close();
        }
        sinks.end();
    }

    @Override
    public VideoFormat format() {
        return format;
    }

    @Override
    public boolean isRunning() {
        return capture.isRunning();
    }

    @Override
    public void close() {
        capture.stop();
    }
}
