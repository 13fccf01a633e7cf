package dev.callsafe.plugins.media;

import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.FlowLayout;
import java.awt.GraphicsEnvironment;
import java.awt.Rectangle;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JWindow;
import javax.swing.SwingUtilities;

import dev.callsafe.plugins.spi.Tab;

/**
 * While anything is shared: a small always-on-top sharing bar (its own window, so it stays visible when
 * the browser is minimised or another application has focus) naming what is shared with whom, with Stop;
 * and the shared tabs marked in the tab strip. Both are a function of the live tracks.
 */
final class SharingReminders {
    private final LiveTracks tracks;
    private final Supplier<List<Tab>> tabs;
    private final JWindow bar = new JWindow();
    private final JLabel text = new JLabel();
    private final JButton stop = new JButton("Stop sharing");
    private final Set<Integer> marked = new HashSet<>();

    SharingReminders(LiveTracks tracks, Supplier<List<Tab>> tabs) {
        this.tracks = tracks;
        this.tabs = tabs;
        JPanel content = new JPanel(new FlowLayout(FlowLayout.LEFT, 8, 4));
        content.setName("sharing.bar");
        content.setBackground(new Color(0x1F, 0x3A, 0x68));
        content.setBorder(BorderFactory.createLineBorder(new Color(0xC6, 0x28, 0x28), 2));
        text.setName("sharing.bar.text");
        text.setForeground(Color.WHITE);
        stop.setName("sharing.bar.stop");
        stop.setDefaultCapable(false);
        stop.addActionListener(e -> tracks.endAll(t -> t.kind().isDisplay(), "stopped from the sharing bar"));
        content.add(text);
        content.add(stop);
        bar.getContentPane().add(content, BorderLayout.CENTER);
        bar.setAlwaysOnTop(true);
        bar.setFocusableWindowState(false);
        tracks.addListener(() -> SwingUtilities.invokeLater(this::refresh));
    }

    private void refresh() {
        List<LiveTrack> shared = tracks.matching(t -> t.kind().isDisplay());
        Set<String> what = new LinkedHashSet<>();
        Set<Integer> sharedTabs = new HashSet<>();
        for (LiveTrack t : shared) {
            what.add(t.description().get("label").getAsString() + " with " + t.owner().origin().display());
            if (t.description().has("sharedTab")) {
                sharedTabs.add(t.description().get("sharedTab").getAsInt());
            }
        }
        for (Tab tab : tabs.get()) {
            boolean now = sharedTabs.contains(tab.id());
            if (now != marked.contains(tab.id())) {
                tab.markShared(now);
            }
        }
        marked.clear();
        marked.addAll(sharedTabs);
        if (shared.isEmpty()) {
            bar.setVisible(false);
            return;
        }
        text.setText("\u25C9 Sharing " + String.join("; ", what));
        bar.pack();
        Rectangle screen = GraphicsEnvironment.getLocalGraphicsEnvironment().getDefaultScreenDevice()
                .getDefaultConfiguration().getBounds();
        Dimension size = bar.getSize();
        bar.setLocation(screen.x + (screen.width - size.width) / 2, screen.y + screen.height - size.height - 8);
        bar.setVisible(true);
        bar.toFront();
    }
}
