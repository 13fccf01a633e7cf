package dev.callsafe.plugins.media;

import java.awt.Color;
import java.awt.FlowLayout;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntConsumer;

import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.SwingUtilities;

import dev.callsafe.permissions.MediaKind;

/**
 * The chrome's capture indicator: what the selected tab captures and for which origin, with Stop. Its
 * state is a function of the live tracks; it only draws it.
 */
final class CaptureIndicator extends JPanel {
    private final LiveTracks tracks;
    private final JLabel text = new JLabel();
    private final JButton stop = new JButton("Stop");
    private volatile int selectedTab = -1;

    CaptureIndicator(LiveTracks tracks, IntConsumer stopTab) {
        super(new FlowLayout(FlowLayout.LEFT, 6, 2));
        this.tracks = tracks;
        setName("capture.indicator");
        setBackground(new Color(0xC6, 0x28, 0x28));
        setBorder(BorderFactory.createEmptyBorder(0, 6, 0, 6));
        text.setName("capture.indicator.text");
        text.setForeground(Color.WHITE);
        stop.setName("capture.indicator.stop");
        stop.setDefaultCapable(false);
        stop.addActionListener(e -> stopTab.accept(selectedTab));
        add(text);
        add(stop);
        setVisible(false);
        tracks.addListener(() -> SwingUtilities.invokeLater(this::refresh));
    }

    void select(int tabId) {
        selectedTab = tabId;
        refresh();
    }

    private void refresh() {
        int tab = selectedTab;
        List<LiveTrack> live = tracks.matching(t -> t.owner().tabId() == tab);
        if (live.isEmpty()) {
            setVisible(false);
            text.setText("");
            revalidate();
            return;
        }
        Set<String> what = new LinkedHashSet<>();
        Set<String> origins = new LinkedHashSet<>();
        // A file standing in for a device is named as the file: the user must not think the camera is on.
        boolean cam = live.stream().anyMatch(t -> t.kind() == MediaKind.CAMERA && !fromFile(t));
        boolean mic = live.stream().anyMatch(t -> t.kind() == MediaKind.MICROPHONE && !fromFile(t));
        if (cam) {
            what.add("Camera");
        }
        if (mic) {
            what.add("Microphone");
        }
        // Live tracks come in no particular order; files are named in device order (camera, then microphone).
        live.stream().filter(CaptureIndicator::fromFile).sorted(Comparator.comparing(LiveTrack::kind))
                .forEach(t -> what.add(t.description().get("label").getAsString()));
        live.stream().filter(t -> t.kind().isDisplay())
                .forEach(t -> what.add("Sharing " + t.description().get("label").getAsString()));
        live.forEach(t -> origins.add(t.owner().origin().display()));
        text.setText("\u25CF " + String.join(" and ", what) + " in use by " + String.join(", ", origins));
        setVisible(true);
        revalidate();
        repaint();
    }

    private static boolean fromFile(LiveTrack t) {
        return t.device() != null && t.device().startsWith("file:");
    }
}
