package dev.callsafe.capture.video;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_MJPEG;
import static org.bytedeco.ffmpeg.global.avcodec.av_new_packet;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.AVCOL_RANGE_JPEG;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ411P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ422P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ440P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ444P;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.SWS_CS_ITU601;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCoefficients;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;
import static org.bytedeco.ffmpeg.global.swscale.sws_setColorspaceDetails;

import java.util.Arrays;

import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * FFmpeg's MJPEG decoder and swscale: a JPEG frame to limited-range BT.601 I420 of the source's size, the
 * form every other frame of the pipeline has. One per source; calls are serialised. After {@link #close()} a
 * late call (a consumer still holding a frame) decodes with a decoder of its own.
 */
public final class FFmpegJpegDecoder implements JpegDecoder, AutoCloseable {
    private AVCodecContext context;
    private AVPacket packet;
    private AVFrame frame;
    private SwsContext scaler;
    private BytePointer[] planes;
    private int planesFor = -1;
    private byte[] lastGood;
    private boolean closed;

    public FFmpegJpegDecoder() {
        FFmpegLoader.load();
    }

    @Override
    public byte[] toI420(byte[] jpeg, int width, int height) {
        synchronized (this) {
            if (!closed) {
                return decode(jpeg, width, height);
            }
        }
        try (FFmpegJpegDecoder once = new FFmpegJpegDecoder()) {
            return once.toI420(jpeg, width, height);
        }
    }

    private byte[] decode(byte[] jpeg, int width, int height) {
        byte[] out = decodeOrNull(jpeg, width, height);
        if (out != null) {
            lastGood = out;
            return out;
        }
        if (lastGood != null && lastGood.length == width * height * 3 / 2) {
            return lastGood.clone();
        }
        byte[] black = new byte[width * height * 3 / 2];
        Arrays.fill(black, 0, width * height, (byte) 16);
        Arrays.fill(black, width * height, black.length, (byte) 128);
        return black;
    }

    private byte[] decodeOrNull(byte[] jpeg, int width, int height) {
        if (context == null) {
            AVCodec codec = avcodec_find_decoder(AV_CODEC_ID_MJPEG);
            context = avcodec_alloc_context3(codec);
            context.width(width); // lets it recognise an interlaced packet (two half-height fields)
            context.height(height);
            if (avcodec_open2(context, codec, (PointerPointer<?>) null) < 0) {
                throw new IllegalStateException("FFmpeg's MJPEG decoder cannot be opened");
            }
            packet = av_packet_alloc();
            frame = av_frame_alloc();
        }
        if (av_new_packet(packet, jpeg.length) < 0) {
            return null;
        }
        packet.data().put(jpeg, 0, jpeg.length);
        int sent = avcodec_send_packet(context, packet);
        av_packet_unref(packet);
        if (sent < 0 || avcodec_receive_frame(context, frame) < 0) {
            return null;
        }
        int fmt = frame.format();
        boolean full = frame.color_range() == AVCOL_RANGE_JPEG || fmt == AV_PIX_FMT_YUVJ420P
                || fmt == AV_PIX_FMT_YUVJ422P || fmt == AV_PIX_FMT_YUVJ444P || fmt == AV_PIX_FMT_YUVJ440P
                || fmt == AV_PIX_FMT_YUVJ411P;
        scaler = sws_getCachedContext(scaler, frame.width(), frame.height(), fmt, width, height,
                AV_PIX_FMT_YUV420P, SWS_BILINEAR, null, null, (DoublePointer) null);
        if (scaler == null) {
            return null;
        }
        IntPointer bt601 = sws_getCoefficients(SWS_CS_ITU601);
        sws_setColorspaceDetails(scaler, bt601, full ? 1 : 0, bt601, 0, 0, 1 << 16, 1 << 16);
        int luma = width * height;
        if (planesFor != luma) {
            planes = new BytePointer[] {new BytePointer(luma), new BytePointer(luma / 4), new BytePointer(luma / 4)};
            planesFor = luma;
        }
        try (PointerPointer<BytePointer> dst = new PointerPointer<>(planes);
             IntPointer strides = new IntPointer(width, width / 2, width / 2)) {
            sws_scale(scaler, frame.data(), frame.linesize(), 0, frame.height(), dst, strides);
        }
        byte[] out = new byte[luma * 3 / 2];
        planes[0].get(out, 0, luma);
        planes[1].get(out, luma, luma / 4);
        planes[2].get(out, luma + luma / 4, luma / 4);
        return out;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (context != null) {
            avcodec_free_context(context);
            av_packet_free(packet);
            av_frame_free(frame);
        }
        if (scaler != null) {
            sws_freeContext(scaler);
        }
        if (planes != null) {
            for (BytePointer p : planes) {
                p.close();
            }
        }
    }
}
