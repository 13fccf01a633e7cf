package dev.callsafe.plugins.media;

import java.awt.Color;
import java.awt.FlowLayout;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;

import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.SwingUtilities;

import dev.callsafe.permissions.CallGrant;
import dev.callsafe.permissions.MediaKind;

/**
 * The chrome's capture indicator for the selected tab: red with what is captured, for which origin and from
 * which device while anything is; quiet ("Camera allowed for this call — off") while a call grant lives and
 * nothing is captured. Stop ends both. Its state is a function of the live tracks and call grants.
 */
final class CaptureIndicator extends JPanel {
    private static final Color CAPTURING = new Color(0xC6, 0x28, 0x28);
    private static final Color QUIET = new Color(0x45, 0x4A, 0x50);

    private final LiveTracks tracks;
    private final IntFunction<List<CallGrant>> grantsOfTab;
    private final JLabel text = new JLabel();
    private final JButton stop = new JButton("Stop");
    private final JButton privacy = new JButton("Call privacy\u2026");
    private volatile IntFunction<String> peerStatus = tab -> "";
    private volatile int selectedTab = -1;

    /** @param stopTab ends the tab's tracks and call grants (the person's Stop) */
    CaptureIndicator(LiveTracks tracks, IntFunction<List<CallGrant>> grantsOfTab, IntConsumer stopTab) {
        super(new FlowLayout(FlowLayout.LEFT, 6, 2));
        this.tracks = tracks;
        this.grantsOfTab = grantsOfTab;
        setBorder(BorderFactory.createEmptyBorder(0, 6, 0, 6));
        text.setForeground(Color.WHITE);
        stop.setDefaultCapable(false);
        stop.addActionListener(e -> stopTab.accept(selectedTab));
        privacy.setDefaultCapable(false);
        privacy.setToolTipText("Where this page's calls send your media, as the browser sees it");
        privacy.setVisible(false);
        add(text);
        add(privacy);
        add(stop);
        name("capture.indicator");
        setVisible(false);
        tracks.addListener(this::changed);
    }

    /**
     * Adds the call privacy button (opens the panel for the selected tab) and what the indicator says about
     * the peers the captured media goes to ("verified peer: Alice" or a warning), for a tab.
     */
    void callPrivacy(java.util.function.IntConsumer openPanel, IntFunction<String> status) {
        privacy.addActionListener(e -> openPanel.accept(selectedTab));
        privacy.setVisible(true);
        peerStatus = status;
        changed();
    }

    /** Something the indicator shows changed (tracks or grants), on any thread. */
    void changed() {
        SwingUtilities.invokeLater(this::refresh);
    }

    void select(int tabId) {
        selectedTab = tabId;
        refresh();
    }

    /**
     * The red strip is named {@code capture.indicator}, the quiet one {@code capture.call}: "the capture
     * indicator is showing" keeps meaning that something is captured.
     */
    private void name(String base) {
        setName(base);
        text.setName(base + ".text");
        stop.setName(base + ".stop");
        privacy.setName(base + ".privacy");
    }

    private void refresh() {
        int tab = selectedTab;
        List<LiveTrack> live = tracks.matching(t -> t.owner().tabId() == tab);
        List<CallGrant> grants = grantsOfTab.apply(tab);
        String off = allowedButOff(grants, live);
        if (live.isEmpty() && off.isEmpty()) {
            setVisible(false);
            text.setText("");
            revalidate();
            return;
        }
        if (live.isEmpty()) {
            name("capture.call");
            setBackground(QUIET);
            Set<String> origins = new LinkedHashSet<>();
            grants.forEach(g -> origins.add(HostRoom.shown(g.origin(), HostRoom.measuredIn(text, false))));
            text.setText("\u25CB " + off + " \u2014 off (" + String.join(", ", origins) + ")");
        } else {
            name("capture.indicator");
            setBackground(CAPTURING);
            text.setText(capturing(live, HostRoom.measuredIn(text, false)) + (off.isEmpty() ? "" : " \u00B7 " + off + " \u2014 off")
                    + peerStatus.apply(tab));
        }
        setVisible(true);
        revalidate();
        repaint();
    }

    /** "● Camera and Microphone in use by origin — devices" for these tracks (also the sharing bar's). */
    static String capturing(List<LiveTrack> live, java.util.function.ToIntFunction<String> width) {
        Set<String> what = new LinkedHashSet<>();
        Set<String> origins = new LinkedHashSet<>();
        Set<String> devices = new LinkedHashSet<>();
        // A file standing in for a device is named as the file: the user must not think the camera is on.
        boolean cam = live.stream().anyMatch(t -> t.kind() == MediaKind.CAMERA && !fromFile(t));
        boolean mic = live.stream().anyMatch(t -> t.kind() == MediaKind.MICROPHONE && !fromFile(t));
        if (cam) {
            what.add(paused(live, MediaKind.CAMERA) ? "Camera (paused)" : "Camera");
        }
        if (mic) {
            what.add(paused(live, MediaKind.MICROPHONE) ? "Microphone (paused)" : "Microphone");
        }
        // Live tracks come in no particular order; files are named in device order (camera, then microphone).
        live.stream().filter(CaptureIndicator::fromFile).sorted(Comparator.comparing(LiveTrack::kind))
                .forEach(t -> what.add(t.description().get("label").getAsString()));
        live.stream().filter(t -> t.kind().isDisplay())
                .forEach(t -> what.add("Sharing " + t.description().get("label").getAsString()));
        // The devices in use are named, so a page switching camera or microphone mid-call is seen doing so.
        live.stream().filter(t -> !t.kind().isDisplay() && !fromFile(t)).sorted(Comparator.comparing(LiveTrack::kind))
                .forEach(t -> devices.add(t.description().get("label").getAsString()));
        live.forEach(t -> origins.add(HostRoom.shown(t.owner().origin(), width)));
        return "\u25CF " + String.join(" and ", what) + " in use by " + String.join(", ", origins)
                + (devices.isEmpty() ? "" : " \u2014 " + String.join(", ", devices));
    }

    /** Whether every device track of this kind is paused by its page (it sends black frames or silence). */
    private static boolean paused(List<LiveTrack> live, MediaKind kind) {
        return live.stream().filter(t -> t.kind() == kind && !fromFile(t)).allMatch(LiveTrack::paused);
    }

    /** "Camera allowed for this call" for granted kinds no live track of the tab captures, or "". */
    private static String allowedButOff(List<CallGrant> grants, List<LiveTrack> live) {
        Set<MediaKind> off = EnumSet.noneOf(MediaKind.class);
        grants.forEach(g -> off.addAll(g.kinds()));
        live.forEach(t -> off.remove(t.kind()));
        off.removeIf(MediaKind::isDisplay);
        if (off.isEmpty()) {
            return "";
        }
        String kinds = off.size() == 2 ? "Camera and microphone"
                : off.contains(MediaKind.CAMERA) ? "Camera" : "Microphone";
        return kinds + " allowed for this call";
    }

    /** Whether a chosen file stands in for the device (named as the file, never as "Camera"). */
    static boolean fromFile(LiveTrack t) {
        return t.device() != null && t.device().startsWith("file:");
    }
}
