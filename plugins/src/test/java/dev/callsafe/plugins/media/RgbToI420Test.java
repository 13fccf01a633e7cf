package dev.callsafe.plugins.media;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Tab pictures to I420: BT.601 limited range, even sizes, chroma of each 2x2 block. */
class RgbToI420Test {
    @ParameterizedTest(name = "rgb({0},{1},{2}) -> yuv({3},{4},{5})")
    @CsvSource({
        "0, 0, 0, 16, 128, 128",
        "255, 255, 255, 235, 128, 128",
        "128, 128, 128, 126, 128, 128",
        "255, 0, 0, 82, 90, 240",
        "0, 255, 0, 144, 54, 34",
        "0, 0, 255, 41, 240, 110"})
    void solidColoursConvertAsBt601(int r, int g, int b, int y, int u, int v) {
        BufferedImage img = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        Graphics2D gr = img.createGraphics();
        gr.setColor(new Color(r, g, b));
        gr.fillRect(0, 0, 4, 4);
        gr.dispose();
        byte[] i420 = RgbToI420.convert(img);
        assertEquals(4 * 4 * 3 / 2, i420.length);
        assertEquals(y, i420[0] & 0xff, "Y");
        assertEquals(u, i420[16] & 0xff, "U");
        assertEquals(v, i420[20] & 0xff, "V");
    }

    @Test
    void oddSizesAreCroppedToEven() {
        assertEquals(4 * 2 * 3 / 2, RgbToI420.convert(new BufferedImage(5, 3, BufferedImage.TYPE_INT_RGB)).length);
    }

    @Test
    void chromaIsTheAverageOfItsBlock() {
        BufferedImage img = new BufferedImage(2, 2, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, 0xff0000);
        img.setRGB(1, 0, 0xff0000);
        img.setRGB(0, 1, 0x0000ff);
        img.setRGB(1, 1, 0x0000ff);
        byte[] i420 = RgbToI420.convert(img);
        // the block's average is rgb(127, 0, 127)
        assertEquals(((-38 * 127 + 112 * 127 + 128) >> 8) + 128, i420[4] & 0xff);
        assertEquals(((112 * 127 - 18 * 127 + 128) >> 8) + 128, i420[5] & 0xff);
    }
}
