package dev.callsafe.capture.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

class JpegPacketTest {
    /** A 64x48 JPEG (JFIF, standard tables, as Java writes it): left half red, right half blue. */
    static byte[] jpeg(int w, int h) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        var g = img.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, w / 2, h);
        g.setColor(Color.BLUE);
        g.fillRect(w / 2, 0, w - w / 2, h);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "jpeg", out);
        return out.toByteArray();
    }

    /** The offsets of every marker segment before the scan, as (marker, offset, total length). */
    private static java.util.List<int[]> segments(byte[] j) {
        java.util.List<int[]> out = new java.util.ArrayList<>();
        int i = 2;
        while (i < j.length) {
            int m = j[i + 1] & 0xff;
            int len = ((j[i + 2] & 0xff) << 8) | (j[i + 3] & 0xff);
            out.add(new int[] {m, i, len + 2});
            if (m == 0xDA) {
                break;
            }
            i += len + 2;
        }
        return out;
    }

    private static byte[] without(byte[] j, int marker) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(j, 0, 2);
        int end = 2;
        for (int[] s : segments(j)) {
            if (s[0] == 0xDA) {
                end = s[1];
                break;
            }
            if (s[0] != marker) {
                out.write(j, s[1], s[2]);
            }
        }
        out.write(j, end, j.length - end);
        return out.toByteArray();
    }

    /** Inserts a segment right after SOI. */
    private static byte[] withSegment(byte[] j, int marker, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(j, 0, 2);
        out.write(0xFF);
        out.write(marker);
        out.write((body.length + 2) >> 8);
        out.write(body.length + 2);
        out.write(body, 0, body.length);
        out.write(j, 2, j.length - 2);
        return out.toByteArray();
    }

    private static int[] pixels(byte[] j) throws IOException {
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(j));
        return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    }

    private static boolean has(byte[] j, int marker) {
        return segments(j).stream().anyMatch(s -> s[0] == marker);
    }

    @Test
    void metadataIsDroppedAndThePictureStaysTheSame() throws IOException {
        byte[] plain = jpeg(64, 48);
        byte[] exif = "Exif\0\0GPS 52.5200 N 13.4050 E".getBytes(StandardCharsets.ISO_8859_1);
        byte[] tagged = withSegment(withSegment(plain, 0xE1, exif), 0xFE, "shot on a secret phone".getBytes(StandardCharsets.US_ASCII));
        byte[] clean = JpegPacket.clean(tagged, 64, 48).orElseThrow();
        assertFalse(has(clean, 0xE1), "EXIF gone");
        assertFalse(has(clean, 0xFE), "comment gone");
        assertFalse(has(clean, 0xE0), "JFIF header (and any thumbnail in it) gone");
        assertFalse(new String(clean, StandardCharsets.ISO_8859_1).contains("GPS"));
        assertTrue(has(clean, 0xC4) && has(clean, 0xDB) && has(clean, 0xC0), "tables and frame kept");
        assertArrayEquals(pixels(plain), pixels(clean));
    }

    @Test
    void aWebcamFrameWithoutHuffmanTablesGetsTheStandardOnes() throws IOException {
        byte[] plain = jpeg(64, 48);
        byte[] webcam = without(plain, 0xC4);
        assertFalse(has(webcam, 0xC4));
        byte[] clean = JpegPacket.clean(webcam, 64, 48).orElseThrow();
        assertEquals(1, segments(clean).stream().filter(s -> s[0] == 0xC4).count());
        // Java's writer uses the standard tables: the restored picture decodes exactly as the original.
        assertArrayEquals(pixels(plain), pixels(clean));
    }

    @Test
    void aPictureOfAnotherSizeOrKindTakesTheDecodedPath() throws IOException {
        byte[] plain = jpeg(64, 48);
        assertTrue(JpegPacket.clean(plain, 64, 96).isEmpty(), "an interlaced packet's field is half the height");
        assertTrue(JpegPacket.clean(plain, 62, 48).isEmpty());
        int sof = segments(plain).stream().filter(s -> s[0] == 0xC0).findFirst().orElseThrow()[1];
        byte[] lossless = plain.clone();
        lossless[sof + 1] = (byte) 0xC3;
        assertTrue(JpegPacket.clean(lossless, 64, 48).isEmpty(), "lossless JPEG");
        byte[] arithmetic = plain.clone();
        arithmetic[sof + 1] = (byte) 0xC9;
        assertTrue(JpegPacket.clean(arithmetic, 64, 48).isEmpty(), "arithmetic coding");
        byte[] twelveBit = plain.clone();
        twelveBit[sof + 4] = 12;
        assertTrue(JpegPacket.clean(twelveBit, 64, 48).isEmpty(), "12-bit samples");
    }

    @Test
    void damagedPacketsAreRefusedNotMisread() throws IOException {
        byte[] plain = jpeg(64, 48);
        assertTrue(JpegPacket.clean(new byte[0], 64, 48).isEmpty());
        assertTrue(JpegPacket.clean(new byte[] {1, 2, 3, 4, 5}, 64, 48).isEmpty(), "no SOI");
        assertTrue(JpegPacket.clean(java.util.Arrays.copyOf(plain, 40), 64, 48).isEmpty(), "cut in the headers");
        byte[] noFrame = without(plain, 0xC0);
        assertTrue(JpegPacket.clean(noFrame, 64, 48).isEmpty(), "scan without a frame header");
        byte[] badLength = plain.clone();
        int dqt = segments(plain).stream().filter(s -> s[0] == 0xDB).findFirst().orElseThrow()[1];
        badLength[dqt + 2] = (byte) 0x7F; // a segment running past the end
        assertTrue(JpegPacket.clean(badLength, 64, 48).isEmpty());
    }

    @Test
    void theSizeIsReadFromTheFrameHeaderWithoutDecoding() throws IOException {
        assertEquals(new java.awt.Dimension(1278, 691), JpegPacket.size(jpeg(1278, 691)).orElseThrow());
        assertEquals(new java.awt.Dimension(64, 48), JpegPacket.size(without(jpeg(64, 48), 0xC4)).orElseThrow());
        byte[] noFrame = without(jpeg(64, 48), 0xC0);
        assertTrue(JpegPacket.size(noFrame).isEmpty(), "no start of frame before the scan");
        assertTrue(JpegPacket.size(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}).isEmpty(), "cut short");
        assertTrue(JpegPacket.size("not a picture".getBytes(StandardCharsets.US_ASCII)).isEmpty());
    }
}
