package dev.callsafe.plugins.spi;

import java.util.Set;
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
     * The permissions-policy features (e.g. {@code camera}, {@code microphone}, {@code display-capture}) the
     * engine allows in one of this tab's frames: the effect of {@code allow=} and every ancestor's policy.
     * Empty when the engine cannot say for sure (the frame is gone or cannot be told apart from others).
     */
    CompletableFuture<Set<String>> allowedFeatures(FrameRef frame);
}
