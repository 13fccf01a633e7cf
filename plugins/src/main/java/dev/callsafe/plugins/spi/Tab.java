package dev.callsafe.plugins.spi;

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
}
