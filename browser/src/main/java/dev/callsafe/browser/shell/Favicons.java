package dev.callsafe.browser.shell;

import java.awt.Component;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.Image;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import javax.imageio.ImageIO;
import javax.swing.Icon;

/**
 * A page's icon for its tab. JCEF 146 has no favicon callback (CEF's {@code OnFaviconURLChange} is not
 * exposed), so the browser reads the document's {@code <link rel="icon">} address in an isolated world and
 * loads it itself: {@code data:} images directly, http(s) ones without cookies, at most 256 KiB, 5 s. Formats
 * Java can decode (PNG, GIF, JPEG, BMP); anything else, or a page without a link, keeps the fallback globe.
 */
final class Favicons {
    private static final int MAX_BYTES = 256 * 1024;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    private Favicons() {
    }

    /** The icon at {@code url}, or empty when it cannot be had. Never completes exceptionally. */
    static CompletableFuture<Optional<Icon>> load(String url) {
        if (url == null || url.isEmpty()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        if (url.startsWith("data:")) {
            return CompletableFuture.completedFuture(decode(dataBytes(url)));
        }
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build();
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return HTTP.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
                .thenApply(r -> r.statusCode() == 200 ? decode(readLimited(r.body())) : Optional.<Icon>empty())
                .exceptionally(e -> Optional.empty());
    }

    private static byte[] dataBytes(String dataUrl) {
        int comma = dataUrl.indexOf(',');
        if (comma < 0 || !dataUrl.substring(0, comma).endsWith(";base64") || dataUrl.length() > MAX_BYTES * 2) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(dataUrl.substring(comma + 1));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static byte[] readLimited(InputStream in) {
        try (in) {
            byte[] b = in.readNBytes(MAX_BYTES + 1);
            return b.length > MAX_BYTES ? null : b;
        } catch (IOException e) {
            return null;
        }
    }

    private static Optional<Icon> decode(byte[] bytes) {
        if (bytes == null) {
            return Optional.empty();
        }
        try {
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(bytes));
            return img == null || img.getWidth() > 1024 || img.getHeight() > 1024 ? Optional.empty()
                    : Optional.of(new ScaledIcon(img));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** An image drawn at 16x16 logical pixels, from its full resolution (sharp on HiDPI screens). */
    private record ScaledIcon(Image image) implements Icon {
        @Override
        public void paintIcon(Component c, Graphics g, int x, int y) {
            Graphics2D g2 = (Graphics2D) g.create();
            g2.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g2.drawImage(image, x, y, 16, 16, null);
            g2.dispose();
        }

        @Override
        public int getIconWidth() {
            return 16;
        }

        @Override
        public int getIconHeight() {
            return 16;
        }
    }
}
