package dev.callsafe.plugins.media;

import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.FlowLayout;
import java.awt.GraphicsEnvironment;
import java.awt.Rectangle;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

import javax.swing.BorderFactory;
import javax.swing.BoxLayout;
import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JWindow;
import javax.swing.SwingUtilities;

import dev.callsafe.permissions.MediaKind;
import dev.callsafe.plugins.spi.Tab;

/**
 * The window-level sign of everything captured, in every tab (Firefox's global indicator is the model): a
 * small always-on-top bar (its own window, so it stays visible when the browser is minimised, another
 * application has focus or the capturing tab is in the background) with one line for what is shared and one
 * line per tab capturing camera or microphone, each naming the sites with a Stop; and the tab strip's marks
 * ("◉ Shared:" on shared tabs, "● Camera:" on capturing tabs). All are a function of the live tracks.
 */
final class SharingReminders {
    private final LiveTracks tracks;
    private final Supplier<List<Tab>> tabs;
    private final IntConsumer stopCapture;
    private final JWindow bar = new JWindow();
    private final JPanel rows = new JPanel();
    private final JPanel shareRow = row("sharing.bar");
    private final JLabel text = new JLabel();
    private final JButton stop = new JButton("Stop sharing");
    private final JButton switchTab = new JButton("Share the front tab instead");
    /** One line per capturing tab, kept while it captures (a Stop under the pointer is never replaced). */
    private final Map<Integer, JPanel> captureRows = new LinkedHashMap<>();
    private final Map<Integer, JLabel> captureTexts = new HashMap<>();
    private final Set<Integer> marked = new HashSet<>();
    private final Map<Integer, Set<MediaKind>> markedCapturing = new HashMap<>();

    /**
     * @param stopCapture the person's Stop for a tab's camera and microphone (tracks and call grants)
     * @param shareFrontTab the person's "Share the front tab instead", for tab shares whose page allows it
     */
    SharingReminders(LiveTracks tracks, Supplier<List<Tab>> tabs, IntConsumer stopCapture, Runnable shareFrontTab) {
        this.tracks = tracks;
        this.tabs = tabs;
        this.stopCapture = stopCapture;
        rows.setLayout(new BoxLayout(rows, BoxLayout.Y_AXIS));
        rows.setName("capture.bar");
        rows.setBackground(new Color(0x1F, 0x3A, 0x68));
        rows.setBorder(BorderFactory.createLineBorder(new Color(0xC6, 0x28, 0x28), 2));
        text.setName("sharing.bar.text");
        text.setForeground(Color.WHITE);
        stop.setName("sharing.bar.stop");
        stop.setDefaultCapable(false);
        stop.addActionListener(e -> tracks.endAll(t -> t.kind().isDisplay(), "stopped from the sharing bar"));
        switchTab.setName("sharing.bar.switch");
        switchTab.setDefaultCapable(false);
        switchTab.addActionListener(e -> shareFrontTab.run());
        shareRow.add(text);
        shareRow.add(switchTab);
        shareRow.add(stop);
        rows.add(shareRow);
        bar.getContentPane().add(rows, BorderLayout.CENTER);
        bar.setAlwaysOnTop(true);
        bar.setFocusableWindowState(false);
        tracks.addListener(() -> SwingUtilities.invokeLater(this::refresh));
    }

    private static JPanel row(String name) {
        JPanel row = new JPanel(new FlowLayout(FlowLayout.LEFT, 8, 4));
        row.setName(name);
        row.setOpaque(false);
        row.setAlignmentX(0f);
        return row;
    }

    private void refresh() {
        List<LiveTrack> shared = tracks.matching(t -> t.kind().isDisplay());
        Set<Integer> sharedTabs = new HashSet<>();
        for (LiveTrack t : shared) {
            if (t.description().has("sharedTab")) {
                sharedTabs.add(t.description().get("sharedTab").getAsInt());
            }
        }
        // Camera and microphone by tab; a file standing in for a device is listed, but never marked "Camera".
        Map<Integer, List<LiveTrack>> capturing = new TreeMap<>();
        Map<Integer, Set<MediaKind>> devices = new HashMap<>();
        for (LiveTrack t : tracks.matching(t -> !t.kind().isDisplay())) {
            capturing.computeIfAbsent(t.owner().tabId(), k -> new java.util.ArrayList<>()).add(t);
            if (!CaptureIndicator.fromFile(t)) {
                devices.computeIfAbsent(t.owner().tabId(), k -> EnumSet.noneOf(MediaKind.class)).add(t.kind());
            }
        }
        for (Tab tab : tabs.get()) {
            boolean now = sharedTabs.contains(tab.id());
            if (now != marked.contains(tab.id())) {
                tab.markShared(now);
            }
            Set<MediaKind> kinds = devices.getOrDefault(tab.id(), Set.of());
            if (!kinds.equals(markedCapturing.getOrDefault(tab.id(), Set.of()))) {
                tab.markCapturing(kinds);
            }
        }
        marked.clear();
        marked.addAll(sharedTabs);
        markedCapturing.clear();
        markedCapturing.putAll(devices);

        shareRow.setVisible(!shared.isEmpty());
        switchTab.setVisible(shared.stream().anyMatch(t -> t.description().has("surfaceSwitching")));
        text.setText(shared.isEmpty() ? "" : sharing(shared, HostRoom.measuredIn(text, false)));
        for (Integer gone : new java.util.ArrayList<>(captureRows.keySet())) {
            if (!capturing.containsKey(gone)) {
                rows.remove(captureRows.remove(gone));
                captureTexts.remove(gone);
            }
        }
        capturing.forEach((tabId, live) -> {
            if (!captureRows.containsKey(tabId)) {
                JPanel row = row("capture.bar.tab" + tabId);
                JLabel label = new JLabel();
                label.setName("capture.bar.tab" + tabId + ".text");
                label.setForeground(Color.WHITE);
                JButton stopTab = new JButton("Stop");
                stopTab.setName("capture.bar.tab" + tabId + ".stop");
                stopTab.setDefaultCapable(false);
                stopTab.addActionListener(e -> stopCapture.accept(tabId));
                row.add(label);
                row.add(stopTab);
                rows.add(row);
                captureRows.put(tabId, row);
                captureTexts.put(tabId, label);
            }
            JLabel label = captureTexts.get(tabId);
            label.setText(CaptureIndicator.capturing(live, HostRoom.measuredIn(label, false)));
        });
        if (shared.isEmpty() && capturing.isEmpty()) {
            bar.setVisible(false);
            return;
        }
        rows.revalidate();
        bar.pack();
        Rectangle screen = GraphicsEnvironment.getLocalGraphicsEnvironment().getDefaultScreenDevice()
                .getDefaultConfiguration().getBounds();
        Dimension size = bar.getSize();
        bar.setLocation(screen.x + (screen.width - size.width) / 2, screen.y + screen.height - size.height - 8);
        bar.setVisible(true);
        bar.toFront();
    }

    /** "◉ Sharing what with origin; ..." for these display tracks, hosts elided to {@link HostRoom#PX}. */
    static String sharing(List<LiveTrack> shared, java.util.function.ToIntFunction<String> width) {
        Set<String> what = new LinkedHashSet<>();
        for (LiveTrack t : shared) {
            what.add(t.description().get("label").getAsString() + " with " + HostRoom.shown(t.owner().origin(), width));
        }
        return "\u25C9 Sharing " + String.join("; ", what);
    }
}
