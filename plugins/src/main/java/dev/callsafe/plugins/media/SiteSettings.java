package dev.callsafe.plugins.media;

import java.awt.BorderLayout;
import java.awt.FlowLayout;
import java.awt.GridLayout;
import java.awt.Point;
import java.awt.Window;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import javax.swing.BorderFactory;
import javax.swing.BoxLayout;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTable;
import javax.swing.SwingUtilities;
import javax.swing.table.AbstractTableModel;

import dev.callsafe.permissions.MediaKind;
import dev.callsafe.permissions.Origin;
import dev.callsafe.permissions.PermissionState;
import dev.callsafe.permissions.SitePermissions;
import dev.callsafe.plugins.spi.PluginContext;

/**
 * Site settings in the chrome: the address bar's site-information popup for the current origin (states,
 * block, reset, install as a calling app, clear site data) and the list of every origin's permissions.
 */
final class SiteSettings {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.systemDefault());

    private final MediaPlugin plugin;
    private final PluginContext context;
    private final JButton button = new JButton("Site");
    private JDialog popup;
    private JDialog allSites;
    private SitesModel sitesModel;

    SiteSettings(MediaPlugin plugin, PluginContext context) {
        this.plugin = plugin;
        this.context = context;
        button.setName("siteinfo.button");
        button.setToolTipText("Site information and permissions");
        button.setFocusable(false);
        button.addActionListener(e -> showPopup());
        plugin.permissions().addListener(o -> SwingUtilities.invokeLater(this::refresh));
    }

    JComponent button() {
        return button;
    }

    private Origin currentOrigin() {
        return context.selectedTab().map(t -> Origin.of(t.url())).orElse(Origin.opaque());
    }

    /** Redraws whatever is open after a change. */
    void refresh() {
        if (popup != null && popup.isVisible()) {
            popup.getContentPane().removeAll();
            popup.getContentPane().add(siteInfo(currentOrigin()));
            popup.pack();
        }
        if (sitesModel != null) {
            sitesModel.reload();
        }
    }

    private void showPopup() {
        Window owner = SwingUtilities.getWindowAncestor(button);
        if (popup == null) {
            popup = new JDialog(owner);
            popup.setName("siteinfo.popup");
            popup.setTitle("Site information");
        }
        popup.getContentPane().removeAll();
        popup.getContentPane().add(siteInfo(currentOrigin()));
        popup.pack();
        Point at = button.getLocationOnScreen();
        popup.setLocation(at.x, at.y + button.getHeight());
        popup.setVisible(true);
    }

    private JComponent siteInfo(Origin origin) {
        JPanel panel = new JPanel();
        panel.setName("siteinfo.panel");
        panel.setLayout(new BoxLayout(panel, BoxLayout.Y_AXIS));
        panel.setBorder(BorderFactory.createEmptyBorder(10, 12, 10, 12));
        JLabel title = new JLabel(origin.isOpaque() ? "This page has no origin" : origin.display());
        title.setName("siteinfo.origin");
        panel.add(title);
        if (origin.isOpaque()) {
            return panel;
        }
        SitePermissions p = plugin.permissions();
        JPanel rows = new JPanel(new GridLayout(0, 1, 0, 4));
        for (MediaKind kind : new MediaKind[] {MediaKind.CAMERA, MediaKind.MICROPHONE}) {
            JPanel row = new JPanel(new FlowLayout(FlowLayout.LEFT, 6, 0));
            String name = kind.name().toLowerCase(Locale.ROOT);
            JLabel state = new JLabel(label(kind) + ": " + describe(p, origin, kind));
            state.setName("siteinfo." + name + ".state");
            JButton block = new JButton("Block");
            block.setName("siteinfo." + name + ".block");
            block.addActionListener(e -> plugin.block(origin, kind));
            JButton reset = new JButton("Reset");
            reset.setName("siteinfo." + name + ".reset");
            reset.setToolTipText("Forget the choice and end any use now: the site asks again");
            reset.addActionListener(e -> plugin.revoke(origin, kind));
            row.add(state);
            row.add(block);
            row.add(reset);
            rows.add(row);
        }
        panel.add(rows);
        List<dev.callsafe.permissions.PinnedPeer> pins = p.pinnedPeers(origin);
        JLabel pinned = new JLabel(pins.isEmpty() ? "Pinned peers: none" : "Pinned peers: " + String.join(", ",
                pins.stream().map(dev.callsafe.permissions.PinnedPeer::name).toList()));
        pinned.setName("siteinfo.pins");
        panel.add(pinned);
        JPanel actions = new JPanel(new FlowLayout(FlowLayout.LEFT, 6, 6));
        JButton install = new JButton("Install as calling app\u2026");
        install.setName("siteinfo.install");
        install.setEnabled(origin.isPotentiallyTrustworthy(MediaPlugin.BROWSER_SCHEMES));
        install.addActionListener(e -> confirmInstall(origin));
        JButton clear = new JButton("Clear site data");
        clear.setName("siteinfo.clear");
        clear.addActionListener(e -> plugin.clearSiteData(origin));
        JButton calls = new JButton("Call privacy\u2026");
        calls.setName("siteinfo.callprivacy");
        calls.setToolTipText("This tab's peer connections: where its media goes, certificates, encryption");
        calls.addActionListener(e -> {
            popup.setVisible(false); // the panel opens where the popup was
            context.selectedTab().ifPresent(t -> plugin.openCallPrivacy(t.id(), button));
        });
        actions.add(calls);
        JButton all = new JButton("All sites\u2026");
        all.setName("siteinfo.all");
        all.addActionListener(e -> showAllSites());
        actions.add(install);
        actions.add(clear);
        actions.add(all);
        panel.add(actions);
        return panel;
    }

    private static String label(MediaKind kind) {
        return kind == MediaKind.CAMERA ? "Camera" : "Microphone";
    }

    private static String describe(SitePermissions p, Origin origin, MediaKind kind) {
        String stored = "Ask every call";
        boolean live = false;
        for (SitePermissions.SiteEntry e : p.entries()) {
            if (e.origin().equals(origin) && e.kind() == kind) {
                if (e.liveCall()) {
                    live = true;
                } else if (e.state() == PermissionState.ALLOW) {
                    stored = "Allowed (installed calling app)";
                } else {
                    stored = "Blocked";
                }
            }
        }
        return stored + (live ? " \u00B7 allowed for the current call" : "");
    }

    /** The install flow: the only way to the persistent Application Permission, explained in plain words. */
    private void confirmInstall(Origin origin) {
        JDialog dialog = new JDialog(SwingUtilities.getWindowAncestor(button), "Install calling app");
        dialog.setName("install.dialog");
        JPanel panel = new JPanel(new BorderLayout(0, 10));
        panel.setBorder(BorderFactory.createEmptyBorder(14, 16, 12, 16));
        JLabel text = new JLabel("<html><body style='width:380px'><b>Install " + origin.display()
                + " as a calling app?</b><br><br>An installed calling app may turn on your <b>camera and"
                + " microphone whenever one of its pages is open</b>, without asking you each call. Anyone who"
                + " controls this site could watch and listen while it is open.<br><br>Install only sites you"
                + " trust. The red bar above the page always shows when capture is on. You can remove the app"
                + " in site settings; if you do not use it for 90 days, the permission lapses by itself."
                + "</body></html>");
        text.setName("install.text");
        // Screen and tab sharing are a separate, unticked choice: seed 001 puts both behind the Application
        // Permission because a page that sees the screen or a tab can steer what appears in it.
        javax.swing.JCheckBox display = new javax.swing.JCheckBox("<html><body style='width:360px'>Also let it"
                + " <b>ask to share your screen or a browser tab</b>. You still choose what to share each time,"
                + " but a site that sees your screen or a tab can open other pages (your bank, your mail) there"
                + " and read them.</body></html>");
        display.setName("install.display");
        JPanel body = new JPanel(new BorderLayout(0, 8));
        body.add(text, BorderLayout.CENTER);
        body.add(display, BorderLayout.SOUTH);
        panel.add(body, BorderLayout.CENTER);
        JPanel buttons = new JPanel(new FlowLayout(FlowLayout.RIGHT));
        JButton cancel = new JButton("Cancel");
        cancel.setName("install.cancel");
        JButton confirm = new JButton("Install");
        confirm.setName("install.confirm");
        confirm.setDefaultCapable(false); // no default: installing is never what Enter does
        cancel.addActionListener(e -> dialog.dispose());
        confirm.addActionListener(e -> {
            plugin.installApplication(origin);
            if (display.isSelected()) {
                plugin.installDisplayCapture(origin);
            }
            dialog.dispose();
        });
        buttons.add(cancel);
        buttons.add(confirm);
        panel.add(buttons, BorderLayout.SOUTH);
        dialog.setContentPane(panel);
        dialog.pack();
        dialog.setLocationRelativeTo(button);
        dialog.setVisible(true);
    }

    private void showAllSites() {
        if (allSites == null) {
            allSites = new JDialog(SwingUtilities.getWindowAncestor(button), "Site permissions");
            allSites.setName("sites.dialog");
            sitesModel = new SitesModel();
            JTable table = new JTable(sitesModel);
            table.setName("sites.table");
            JButton revoke = new JButton("Revoke");
            revoke.setName("sites.revoke");
            revoke.addActionListener(e -> selected(table).ifPresent(r -> plugin.revoke(r.origin(), r.kind())));
            JButton clear = new JButton("Clear site data");
            clear.setName("sites.clear");
            clear.addActionListener(e -> selected(table).ifPresent(r -> plugin.clearSiteData(r.origin())));
            JPanel buttons = new JPanel(new FlowLayout(FlowLayout.RIGHT));
            buttons.add(revoke);
            buttons.add(clear);
            JPanel panel = new JPanel(new BorderLayout());
            panel.add(new JScrollPane(table), BorderLayout.CENTER);
            panel.add(buttons, BorderLayout.SOUTH);
            allSites.setContentPane(panel);
            allSites.setSize(640, 320);
            allSites.setLocationRelativeTo(SwingUtilities.getWindowAncestor(button));
        }
        sitesModel.reload();
        allSites.setVisible(true);
    }

    private java.util.Optional<SitePermissions.SiteEntry> selected(JTable table) {
        int row = table.getSelectedRow();
        return row < 0 ? java.util.Optional.empty() : java.util.Optional.of(sitesModel.rows.get(row));
    }

    /** Every origin's permissions, one row per origin and kind. */
    private final class SitesModel extends AbstractTableModel {
        private final String[] columns = {"Site", "Permission", "State", "Last used"};
        private List<SitePermissions.SiteEntry> rows = List.of();

        void reload() {
            rows = plugin.permissions().entries();
            fireTableDataChanged();
        }

        @Override
        public int getRowCount() {
            return rows.size();
        }

        @Override
        public int getColumnCount() {
            return columns.length;
        }

        @Override
        public String getColumnName(int c) {
            return columns[c];
        }

        @Override
        public Object getValueAt(int r, int c) {
            SitePermissions.SiteEntry e = rows.get(r);
            switch (c) {
                case 0: return e.origin().display();
                case 1: return label(e.kind());
                case 2: return e.liveCall() ? "Allowed for the current call"
                        : e.state() == PermissionState.ALLOW ? "Allowed (installed calling app)" : "Blocked";
                default: return e.lastUsed() == null ? "now" : WHEN.format(e.lastUsed());
            }
        }
    }

}
