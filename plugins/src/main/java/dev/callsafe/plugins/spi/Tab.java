package dev.callsafe.plugins.spi;

import java.util.concurrent.CompletableFuture;

import javax.swing.JComponent;

/** A browser tab as plugins see it. */
public interface Tab {
    int id();

    String title();

    /** The main frame's URL as the engine reports it. */
    String url();

    /**
     * Shows a prompt panel in this tab's chrome, directly above its page area, visible whenever this tab
     * is selected. Several prompts stack in order.
     */
    void showPrompt(JComponent prompt);

    void removePrompt(JComponent prompt);

    /** Selects this tab. */
    void select();

    /**
     * One of this tab's frames as the engine reports it: its security origin and the permissions-policy
     * features (e.g. {@code camera}, {@code microphone}, {@code display-capture}) it allows, the effect of
     * {@code allow=}, of every ancestor's policy and of the {@code Permissions-Policy} header. When frames
     * cannot be told apart, what all of them are allowed, and an opaque origin unless all report the same.
     * Fails when the engine cannot say (the frame is gone or not found, the engine did not answer in time).
     */
    CompletableFuture<EngineFrame> engineFrame(FrameRef frame);

    /**
     * Whether the tab's page has transient user activation (a real click or key press moments ago), read
     * by the browser where the page's own scripts cannot reach or fake it.
     */
    java.util.concurrent.CompletableFuture<Boolean> hasTransientActivation();

    /**
     * Whether this frame of the tab has transient user activation, consuming it when it has (HTML's
     * "consume user activation": one click opens one share picker). Read in the frame itself: a parent's
     * click does not activate its iframes. False when the engine cannot say.
     */
    java.util.concurrent.CompletableFuture<Boolean> consumeTransientActivation(FrameRef frame);

    /**
     * Lets this frame's document play media with sound without a click, as Chromium lets a document that
     * captures the camera or microphone (Blink learns of capture only through its own capture path, which
     * ours bypasses). True when the document may now autoplay; false when the engine could not do it.
     */
    java.util.concurrent.CompletableFuture<Boolean> allowPlayback(FrameRef frame);

    /** A still JPEG picture of the tab's own rendering, at most this size (picker thumbnails). */
    java.util.concurrent.CompletableFuture<byte[]> snapshot(int maxWidth, int maxHeight);

    /**
     * Starts delivering the tab's own rendering (not a crop of the screen, so it keeps coming while the tab
     * is covered or in the background) as JPEG pictures of at most this size, on a browser thread. Closing
     * the returned handle stops it (for this consumer; several may watch one tab).
     */
    AutoCloseable screencast(int maxWidth, int maxHeight, java.util.function.Consumer<byte[]> jpegFrames);

    /**
     * Starts handing the tab's view to {@code paints} each time the engine paints it (also while the tab is
     * in the background: a tab being painted for someone keeps its full rate), a whole picture first; on a
     * browser thread, the pixels readable only during the call. Closing the returned handle stops it for
     * this consumer. Empty when this tab is not painted off-screen: then only {@link #screencast} shows it.
     */
    default java.util.Optional<AutoCloseable> paints(TabPaint paints) {
        return java.util.Optional.empty();
    }

    /** Sample rate of {@link #mediaSound}'s chunks (mono). */
    int SOUND_SAMPLE_RATE = 48_000;

    /**
     * Starts delivering the sound of the tab's media elements ({@code <audio>}, {@code <video>}, also in
     * same-origin iframes and ones added later) as mono float chunks at {@link #SOUND_SAMPLE_RATE}, on a browser
     * thread; silence while nothing plays. Local playback is unchanged. Web Audio output and cross-origin media
     * (silent to the page itself) are not included. Closing the returned handle stops it for this consumer.
     */
    AutoCloseable mediaSound(java.util.function.Consumer<float[]> chunks);

    /** Marks the tab in the tab strip as being shared with a page, or clears the mark. */
    void markShared(boolean shared);

    /**
     * Marks the tab in the tab strip as capturing these devices (camera, microphone) for a page, whether or
     * not it is selected; an empty set clears the mark.
     */
    void markCapturing(java.util.Set<dev.callsafe.permissions.MediaKind> kinds);
}
