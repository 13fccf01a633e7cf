package dev.callsafe.plugins.media;

import java.awt.BorderLayout;
import java.awt.FlowLayout;
import java.awt.Window;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

import javax.swing.BorderFactory;
import javax.swing.DefaultComboBoxModel;
import javax.swing.JButton;
import javax.swing.JComboBox;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTable;
import javax.swing.SwingUtilities;

import dev.callsafe.permissions.CaptureHistory;
import dev.callsafe.permissions.CaptureSession;
import dev.callsafe.permissions.HistoryFilter;
import dev.callsafe.permissions.MediaKind;
import dev.callsafe.permissions.Origin;

/**
 * The capture history in the chrome (the iOS App Privacy Report is the model): every camera, microphone and
 * share session, newest first, with site, device or shared surface, start and duration, filtered by site and
 * by kind. Follows the history live while open. Swing thread only.
 */
final class CaptureHistoryWindow {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());
    private static final String ALL_SITES = "All sites";
    private static final String ALL_KINDS = "All kinds";
    private static final MediaKind[] KINDS = {MediaKind.CAMERA, MediaKind.MICROPHONE, MediaKind.SCREEN,
        MediaKind.WINDOW, MediaKind.TAB};

    private final CaptureHistory history;
    private final Runnable clearHistory;
    private JDialog dialog;
    /** The sessions the filters let through, newest first. */
    private final RowsTableModel<CaptureSession> model;
    private final JComboBox<Object> site = new JComboBox<>();
    private final JComboBox<Object> kind = new JComboBox<>();

    /** @param clearHistory forgets every session (the plugin's, so clearing is one action wherever it starts) */
    CaptureHistoryWindow(CaptureHistory history, Runnable clearHistory) {
        this.history = history;
        this.clearHistory = clearHistory;
        this.model = new RowsTableModel<>(() -> history.sessions(filter()), List.of(
                new RowsTableModel.Column<>("Site", CaptureHistoryWindow::siteLabel),
                new RowsTableModel.Column<>("Kind", s -> kindLabel(s.kind())),
                new RowsTableModel.Column<>("Device or shared surface", CaptureSession::source),
                new RowsTableModel.Column<>("Started", s -> WHEN.format(s.start())),
                new RowsTableModel.Column<>("Duration", s -> duration(s))));
        history.addListener(() -> SwingUtilities.invokeLater(this::reloadIfOpen));
    }

    /** Opens (or brings forward) the window, filtered to one site or to all. */
    void open(Window owner, Optional<Origin> onlySite) {
        if (dialog == null || dialog.getOwner() != owner) {
            build(owner);
        }
        reloadSites();
        site.setSelectedItem(onlySite.<Object>map(o -> new SiteItem(o)).orElse(ALL_SITES));
        kind.setSelectedItem(ALL_KINDS);
        model.reload();
        dialog.setVisible(true);
        dialog.toFront();
    }

    private void build(Window owner) {
        dialog = new JDialog(owner, "Capture history");
        dialog.setName("history.dialog");
        dialog.getAccessibleContext().setAccessibleName("Capture history");
        site.setName("history.site");
        site.getAccessibleContext().setAccessibleName("Site");
        kind.setName("history.kind");
        kind.getAccessibleContext().setAccessibleName("Kind");
        DefaultComboBoxModel<Object> kinds = new DefaultComboBoxModel<>();
        kinds.addElement(ALL_KINDS);
        for (MediaKind k : KINDS) {
            kinds.addElement(new KindItem(k));
        }
        kind.setModel(kinds);
        site.addActionListener(e -> model.reload());
        kind.addActionListener(e -> model.reload());
        JPanel filters = new JPanel(new FlowLayout(FlowLayout.LEFT, 6, 4));
        filters.add(new JLabel("Site:"));
        filters.add(site);
        filters.add(new JLabel("Kind:"));
        filters.add(kind);
        JTable table = new JTable(model);
        table.setName("history.table");
        table.getAccessibleContext().setAccessibleName("Capture sessions, newest first");
        table.getColumnModel().getColumn(2).setPreferredWidth(240);
        table.getColumnModel().getColumn(3).setPreferredWidth(150);
        JLabel note = new JLabel("<html>Every time a site used your camera or microphone or you shared your screen,"
                + " an application or a tab. Kept 90 days (at most " + String.format("%,d", CaptureHistory.MAX_SESSIONS)
                + " sessions), cleared with the site's data.</html>");
        note.setBorder(BorderFactory.createEmptyBorder(4, 8, 4, 8));
        JButton clear = new JButton("Clear history");
        clear.setName("history.clear");
        clear.addActionListener(e -> clearHistory.run());
        JButton close = new JButton("Close");
        close.setName("history.close");
        close.addActionListener(e -> dialog.setVisible(false));
        JPanel buttons = new JPanel(new FlowLayout(FlowLayout.RIGHT));
        buttons.add(clear);
        buttons.add(close);
        JPanel north = new JPanel(new BorderLayout());
        north.add(note, BorderLayout.NORTH);
        north.add(filters, BorderLayout.SOUTH);
        JPanel panel = new JPanel(new BorderLayout());
        panel.add(north, BorderLayout.NORTH);
        panel.add(new JScrollPane(table), BorderLayout.CENTER);
        panel.add(buttons, BorderLayout.SOUTH);
        dialog.setContentPane(panel);
        dialog.setSize(900, 380);
        dialog.setLocationRelativeTo(owner);
    }

    private void reloadIfOpen() {
        if (dialog != null && dialog.isVisible()) {
            reloadSites();
            model.reload();
        }
    }

    /** The site filter lists the sites in the history (the selected one stays, also when it has none left). */
    private void reloadSites() {
        Object selected = site.getSelectedItem();
        DefaultComboBoxModel<Object> sites = new DefaultComboBoxModel<>();
        sites.addElement(ALL_SITES);
        for (Origin o : history.origins()) {
            sites.addElement(new SiteItem(o));
        }
        if (selected != null && sites.getIndexOf(selected) < 0) {
            sites.addElement(selected);
        }
        site.setModel(sites);
        site.setSelectedItem(selected == null ? ALL_SITES : selected);
    }

    private HistoryFilter filter() {
        Optional<Origin> o = site.getSelectedItem() instanceof SiteItem s ? Optional.of(s.origin()) : Optional.empty();
        Optional<MediaKind> k = kind.getSelectedItem() instanceof KindItem i ? Optional.of(i.kind()) : Optional.empty();
        return new HistoryFilter(o, k);
    }

    static String kindLabel(MediaKind k) {
        switch (k) {
            case CAMERA: return "Camera";
            case MICROPHONE: return "Microphone";
            case SCREEN: return "Screen";
            case WINDOW: return "Application";
            default: return "Tab";
        }
    }

    /** How long, as the table says it: "1 min 5 s", "ongoing", or why it is unknown. */
    static String duration(CaptureSession s) {
        switch (s.state()) {
            case ONGOING: return "ongoing";
            case END_UNKNOWN: return "unknown (the browser stopped during it)";
            default:
                Duration d = s.duration().orElse(Duration.ZERO);
                long h = d.toHours();
                long m = d.toMinutesPart();
                long sec = d.toSecondsPart();
                return h > 0 ? h + " h " + m + " min" : m > 0 ? m + " min " + sec + " s" : sec + " s";
        }
    }

    private record SiteItem(Origin origin) {
        @Override
        public String toString() {
            return origin.display();
        }
    }

    private record KindItem(MediaKind kind) {
        @Override
        public String toString() {
            return kindLabel(kind);
        }
    }

    private static String siteLabel(CaptureSession s) {
        return s.origin().equals(s.topLevel()) ? s.origin().display()
                : s.origin().display() + " (in " + s.topLevel().display() + ")";
    }
}
