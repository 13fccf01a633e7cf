package dev.callsafe.capture.video;

import java.io.ByteArrayOutputStream;
import java.util.Optional;

import javax.imageio.plugins.jpeg.JPEGHuffmanTable;

/**
 * Makes one JPEG packet of a camera or an MJPEG file fit to go to a page as it is, or says it does not. A page
 * decodes it with WebCodecs' {@code ImageDecoder}, which is a still-image decoder: it needs the Huffman tables
 * that webcams leave out of their MJPEG frames (the standard ones are meant), and it must not learn what the
 * pixels would not tell it, so metadata (EXIF with a photo's place and camera, comments, ICC profiles, JFIF
 * thumbnails) is dropped. Only 8-bit baseline, extended or progressive pictures of exactly the source's size
 * pass (an interlaced MJPEG packet carries two half-height fields and does not); anything else takes the
 * decoded path.
 */
public final class JpegPacket {
    private static final int SOI = 0xD8;
    private static final int EOI = 0xD9;
    private static final int SOS = 0xDA;
    private static final int DHT = 0xC4;
    private static final int COM = 0xFE;
    private static final int APP0 = 0xE0;
    private static final int APP14_ADOBE = 0xEE;
    private static final byte[] STANDARD_TABLES = standardTables();

    private JpegPacket() {
    }

    /**
     * The packet ready for the page (standard Huffman tables added where it has none; APPn but Adobe's colour
     * transform marker, and comments, removed), or empty when it is not a picture of {@code width x height} a
     * browser's image decoder is sure to read the same way.
     */
    public static Optional<byte[]> clean(byte[] packet, int width, int height) {
        int n = packet.length;
        if (n < 4 || (packet[0] & 0xff) != 0xFF || (packet[1] & 0xff) != SOI) {
            return Optional.empty();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(n + STANDARD_TABLES.length);
        out.write(0xFF);
        out.write(SOI);
        boolean tables = false;
        boolean frame = false;
        int i = 2;
        while (i < n) {
            if ((packet[i] & 0xff) != 0xFF) {
                return Optional.empty(); // garbage between segments
            }
            while (i < n && (packet[i] & 0xff) == 0xFF) {
                i++; // fill bytes
            }
            if (i >= n) {
                return Optional.empty();
            }
            int marker = packet[i] & 0xff;
            int start = i - 1;
            if (marker == SOS) {
                if (!frame) {
                    return Optional.empty();
                }
                if (!tables) {
                    out.write(STANDARD_TABLES, 0, STANDARD_TABLES.length);
                }
                out.write(packet, start, n - start);
                return Optional.of(out.toByteArray());
            }
            if (marker == EOI || marker == SOI || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)
                    || i + 2 >= n) {
                return Optional.empty(); // no picture, or a marker that has no place before the scan
            }
            int length = ((packet[i + 1] & 0xff) << 8) | (packet[i + 2] & 0xff);
            int end = i + 1 + length;
            if (length < 2 || end > n) {
                return Optional.empty();
            }
            if (marker >= 0xC0 && marker <= 0xCF && marker != DHT && marker != 0xC8 && marker != 0xCC) {
                // A start of frame: baseline (C0), extended (C1) and progressive (C2) Huffman-coded only.
                if (marker > 0xC2 || frame || length < 8) {
                    return Optional.empty();
                }
                int precision = packet[i + 3] & 0xff;
                int h = ((packet[i + 4] & 0xff) << 8) | (packet[i + 5] & 0xff);
                int w = ((packet[i + 6] & 0xff) << 8) | (packet[i + 7] & 0xff);
                int components = packet[i + 8] & 0xff;
                if (precision != 8 || w != width || h != height || (components != 1 && components != 3)) {
                    return Optional.empty();
                }
                frame = true;
            } else if (marker == DHT) {
                tables = true;
            }
            boolean metadata = marker == COM || (marker >= APP0 && marker <= 0xEF && marker != APP14_ADOBE);
            if (!metadata) {
                out.write(packet, start, end - start);
            }
            i = end;
        }
        return Optional.empty();
    }

    /**
     * The picture size a JPEG's start-of-frame header gives, without decoding; empty when no such header
     * comes before the first scan (a source whose pictures change size, such as a tab being resized, is read
     * this way before {@link #clean}).
     */
    public static Optional<java.awt.Dimension> size(byte[] jpeg) {
        int n = jpeg.length;
        if (n < 4 || (jpeg[0] & 0xff) != 0xFF || (jpeg[1] & 0xff) != SOI) {
            return Optional.empty();
        }
        int i = 2;
        while (i + 3 < n && (jpeg[i] & 0xff) == 0xFF) {
            int marker = jpeg[i + 1] & 0xff;
            if (marker == 0xFF) {
                i++; // fill byte
                continue;
            }
            if (marker == SOS || marker == EOI) {
                return Optional.empty();
            }
            int length = ((jpeg[i + 2] & 0xff) << 8) | (jpeg[i + 3] & 0xff);
            boolean startOfFrame = marker >= 0xC0 && marker <= 0xCF && marker != DHT && marker != 0xC8
                    && marker != 0xCC;
            if (startOfFrame && length >= 8 && i + 8 < n) {
                int h = ((jpeg[i + 5] & 0xff) << 8) | (jpeg[i + 6] & 0xff);
                int w = ((jpeg[i + 7] & 0xff) << 8) | (jpeg[i + 8] & 0xff);
                return w > 0 && h > 0 ? Optional.of(new java.awt.Dimension(w, h)) : Optional.empty();
            }
            if (length < 2) {
                return Optional.empty();
            }
            i += 2 + length;
        }
        return Optional.empty();
    }

    /** The Huffman tables of the JPEG standard (Annex K) as one DHT segment, as {@code mjpeg2jpeg} adds them. */
    private static byte[] standardTables() {
        JPEGHuffmanTable[] t = {JPEGHuffmanTable.StdDCLuminance, JPEGHuffmanTable.StdACLuminance,
            JPEGHuffmanTable.StdDCChrominance, JPEGHuffmanTable.StdACChrominance};
        int[] classAndId = {0x00, 0x10, 0x01, 0x11};
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int k = 0; k < t.length; k++) {
            body.write(classAndId[k]);
            for (short len : t[k].getLengths()) {
                body.write(len);
            }
            for (short v : t[k].getValues()) {
                body.write(v);
            }
        }
        byte[] b = body.toByteArray();
        byte[] seg = new byte[4 + b.length];
        seg[0] = (byte) 0xFF;
        seg[1] = (byte) DHT;
        seg[2] = (byte) ((b.length + 2) >> 8);
        seg[3] = (byte) (b.length + 2);
        System.arraycopy(b, 0, seg, 4, b.length);
        return seg;
    }
}
