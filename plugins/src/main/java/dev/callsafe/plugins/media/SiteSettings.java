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
import javax.swing.ButtonGroup;
import javax.swing.JRadioButton;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTable;
import javax.swing.SwingUtilities;

import dev.callsafe.permissions.IpHandling;
import dev.callsafe.permissions.MediaKind;
import dev.callsafe.permissions.Origin;
import dev.callsafe.permissions.PermissionState;
import dev.callsafe.permissions.SitePermissions;
import dev.callsafe.plugins.spi.PluginContext;

/**
 * Site settings in the chrome: the address bar's site-information popup for the current origin (states,
 * block, reset, WebRTC IP handling, install as a calling app, clear site data) and the list of every origin's
 * permissions, with the browser-wide WebRTC IP handling above it.
 */
final class SiteSettings {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.systemDefault());

    private final MediaPlugin plugin;
    private final PluginContext context;
    private final JButton button = new JButton();
    private JDialog popup;
    /** Closes the popup when the person presses the mouse anywhere else in the browser window. */
    private final java.awt.event.AWTEventListener outsidePress = this::pressedSomewhere;
    private JDialog allSites;
    /** Every origin's permissions, one row per origin and kind. */
    private RowsTableModel<SitePermissions.SiteEntry> sitesModel;
    private JPanel defaultRow;

    SiteSettings(MediaPlugin plugin, PluginContext context) {
        this.plugin = plugin;
        this.context = context;
        button.setName("siteinfo.button");
        button.setFocusable(false);
        button.addActionListener(e -> showPopup());
        showSecurity();
        plugin.permissions().addListener(o -> SwingUtilities.invokeLater(this::refresh));
    }

    JComponent button() {
        return button;
    }

    private Origin currentOrigin() {
        return context.selectedTab().map(t -> Origin.of(t.url())).orElse(Origin.opaque());
    }

    /** The button shows whether the selected page is secure: a lock, or a warning and "Not secure". */
    private void showSecurity() {
        Origin origin = currentOrigin();
        boolean secure = origin.isOpaque() || origin.isPotentiallyTrustworthy(MediaPlugin.BROWSER_SCHEMES);
        button.setIcon(secure ? SiteSecurityIcon.SECURE : SiteSecurityIcon.INSECURE);
        button.setText(secure ? null : "Not secure");
        String state = origin.isOpaque() ? "" : secure ? " (secure connection)" : " (not secure)";
        button.setToolTipText("Site information and permissions" + state);
        button.getAccessibleContext().setAccessibleName("Site information" + state);
        button.getAccessibleContext().setAccessibleDescription(
                "Shows this site's camera and microphone permissions, install as calling app, clear site data");
    }

    /** Redraws whatever is open after a change. */
    void refresh() {
        showSecurity();
        if (popup != null && popup.isVisible()) {
            popup.getContentPane().removeAll();
            popup.getContentPane().add(siteInfo(currentOrigin()));
            popup.pack();
        }
        if (sitesModel != null) {
            sitesModel.reload();
            refreshDefaultRow();
        }
    }

    private void refreshDefaultRow() {
        defaultRow.removeAll();
        defaultRow.add(ipHandlingDefaultRow());
        defaultRow.revalidate();
        defaultRow.repaint();
    }

    /**
     * The site information as a popup anchored under the Site button, without a title bar of its own (as in
     * Chrome). It stays open while the install dialog it opens is up, and closes on Escape or when the mouse is
     * pressed elsewhere in the browser window.
     */
    private void showPopup() {
        Window owner = SwingUtilities.getWindowAncestor(button);
        if (popup == null) {
            popup = new JDialog(owner);
            popup.setName("siteinfo.popup");
            popup.setTitle("Site information");
            popup.setUndecorated(true);
            popup.getRootPane().setBorder(BorderFactory.createLineBorder(
                    javax.swing.UIManager.getColor("Component.borderColor") == null ? java.awt.Color.GRAY
                            : javax.swing.UIManager.getColor("Component.borderColor")));
            popup.getRootPane().registerKeyboardAction(e -> closePopup(),
                    javax.swing.KeyStroke.getKeyStroke(java.awt.event.KeyEvent.VK_ESCAPE, 0),
                    JComponent.WHEN_IN_FOCUSED_WINDOW);
            popup.getAccessibleContext().setAccessibleName("Site information");
            popup.getAccessibleContext().setAccessibleDescription(
                    "This site's permissions; Escape closes");
            java.awt.Toolkit.getDefaultToolkit().addAWTEventListener(outsidePress, java.awt.AWTEvent.MOUSE_EVENT_MASK);
        }
        popup.getContentPane().removeAll();
        popup.getContentPane().add(siteInfo(currentOrigin()));
        popup.pack();
        Point at = button.getLocationOnScreen();
        popup.setLocation(at.x, at.y + button.getHeight());
        popup.setVisible(true);
        focusFirstControl();
    }

    private void closePopup() {
        if (popup != null) {
            popup.setVisible(false);
        }
    }

    /** The keyboard goes into the popup, so Tab, Enter and Escape work there at once. */
    private void focusFirstControl() {
        java.awt.Component first = popup.getFocusTraversalPolicy().getFirstComponent(popup);
        if (first != null) {
            first.requestFocus();
        }
    }

    private void pressedSomewhere(java.awt.AWTEvent event) {
        if (event.getID() != java.awt.event.MouseEvent.MOUSE_PRESSED || popup == null || !popup.isVisible()) {
            return;
        }
        java.awt.Component source = (java.awt.Component) event.getSource();
        Window window = source instanceof Window ? (Window) source : SwingUtilities.getWindowAncestor(source);
        if (window == SwingUtilities.getWindowAncestor(button) && source != button
                && !SwingUtilities.isDescendingFrom(source, button)) {
            closePopup();
        }
    }

    private JComponent siteInfo(Origin origin) {
        JPanel panel = new JPanel();
        panel.setName("siteinfo.panel");
        panel.setLayout(new BoxLayout(panel, BoxLayout.Y_AXIS));
        panel.setBorder(BorderFactory.createEmptyBorder(10, 12, 10, 12));
        JLabel title = new JLabel();
        title.setName("siteinfo.origin");
        title.setText(origin.isOpaque() ? "This page has no origin" : HostRoom.shown(origin, HostRoom.measuredIn(title, false)));
        title.setToolTipText(origin.isOpaque() ? null : origin.display());
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
        panel.add(ipHandlingRow(origin));
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

        JButton history = new JButton("Capture history\u2026");
        history.setName("siteinfo.history");
        history.setToolTipText("When this site used your camera or microphone or you shared with it");
        history.addActionListener(e -> plugin.showHistory(java.util.Optional.of(origin)));
        JButton all = new JButton("All sites\u2026");
        all.setName("siteinfo.all");
        all.addActionListener(e -> showAllSites());
        actions.add(install);
        actions.add(clear);
        actions.add(history);
        actions.add(all);
        panel.add(actions);
        return panel;
    }

    /**
     * The site's WebRTC IP handling: as all sites (the browser-wide setting, named), Default, or Relay only.
     * Open pages apply a change at their next negotiation; a reload applies it to everything.
     */
    private JComponent ipHandlingRow(Origin origin) {
        JPanel row = new JPanel(new FlowLayout(FlowLayout.LEFT, 6, 0));
        row.setName("siteinfo.webrtc");
        row.add(new JLabel("WebRTC IP handling:"));
        java.util.Optional<IpHandling> own = plugin.permissions().ipHandling(origin);
        ButtonGroup group = new ButtonGroup();
        JRadioButton inherit = radio(group, "siteinfo.webrtc.inherit",
                "As all sites (" + describe(plugin.permissions().ipHandlingDefault()) + ")", own.isEmpty(),
                () -> plugin.setIpHandling(origin, null));
        inherit.setToolTipText("Follow the setting for all sites (All sites\u2026)");
        row.add(inherit);
        row.add(radio(group, "siteinfo.webrtc.default", describe(IpHandling.DEFAULT),
                own.orElse(null) == IpHandling.DEFAULT, () -> plugin.setIpHandling(origin, IpHandling.DEFAULT)));
        JRadioButton relay = radio(group, "siteinfo.webrtc.relay", describe(IpHandling.RELAY_ONLY),
                own.orElse(null) == IpHandling.RELAY_ONLY, () -> plugin.setIpHandling(origin, IpHandling.RELAY_ONLY));
        relay.setToolTipText(RELAY_TIP);
        row.add(relay);
        return row;
    }

    static final String RELAY_TIP = "<html>Calls go only through the site's relay (TURN) server: the other side never"
            + " sees your device's addresses.<br>A site without a relay server cannot connect calls. Applies to"
            + " this site's pages and to every frame they embed.</html>";

    private static String describe(IpHandling h) {
        return h == IpHandling.RELAY_ONLY ? "Relay only" : "Default";
    }

    private static JRadioButton radio(ButtonGroup group, String name, String text, boolean selected, Runnable action) {
        JRadioButton b = new JRadioButton(text, selected);
        b.setName(name);
        b.addActionListener(e -> action.run());
        group.add(b);
        return b;
    }

    /** The browser-wide WebRTC IP handling, at the top of the All sites dialog. */
    private JComponent ipHandlingDefaultRow() {
        JPanel row = new JPanel(new FlowLayout(FlowLayout.LEFT, 6, 4));
        row.setName("sites.webrtc");
        row.add(new JLabel("WebRTC IP handling for all sites:"));
        ButtonGroup group = new ButtonGroup();
        IpHandling now = plugin.permissions().ipHandlingDefault();
        row.add(radio(group, "sites.webrtc.default", describe(IpHandling.DEFAULT), now == IpHandling.DEFAULT,
                () -> plugin.setIpHandlingDefault(IpHandling.DEFAULT)));
        JRadioButton relay = radio(group, "sites.webrtc.relay", describe(IpHandling.RELAY_ONLY),
                now == IpHandling.RELAY_ONLY, () -> plugin.setIpHandlingDefault(IpHandling.RELAY_ONLY));
        relay.setToolTipText(RELAY_TIP);
        row.add(relay);
        row.add(new JLabel("(a site's own choice in its Site button wins)"));
        return row;
    }

    private static String label(MediaKind kind) {
        switch (kind) {
            case CAMERA: return "Camera";
            case MICROPHONE: return "Microphone";
            case SCREEN: return "Screen sharing";
            case WINDOW: return "Application sharing";
            default: return "Tab sharing";
        }
    }

    private static String describe(SitePermissions p, Origin origin, MediaKind kind) {
        String stored = p.defaults().answer(kind) == dev.callsafe.permissions.DefaultAnswer.BLOCK
                ? "Blocked for every site (Settings)" : "Ask every call";
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
        JLabel text = new JLabel();
        text.setText("<html><body style='width:380px'><b>Install "
                + ConsentPrompt.escape(HostRoom.shown(origin, HostRoom.measuredIn(text, true)))
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
        closeOnEscape(dialog);
        dialog.pack();
        dialog.setLocationRelativeTo(button);
        dialog.setVisible(true);
    }

    private void showAllSites() {
        if (allSites == null) {
            allSites = new JDialog(SwingUtilities.getWindowAncestor(button), "Site permissions");
            allSites.setName("sites.dialog");
            sitesModel = new RowsTableModel<>(() -> plugin.permissions().entries(), List.of(
                    new RowsTableModel.Column<>("Site", e -> e.origin().display()),
                    new RowsTableModel.Column<>("Permission", e -> label(e.kind())),
                    new RowsTableModel.Column<>("State", SiteSettings::stateLabel),
                    new RowsTableModel.Column<>("Last used", e -> e.lastUsed() == null ? "now" : WHEN.format(e.lastUsed()))));
            JTable table = new JTable(sitesModel);
            table.setName("sites.table");
            table.getColumnModel().getColumn(0).setCellRenderer(new ElidedOriginCell(r -> sitesModel.row(r).origin()));
            // The site gets the most room: elided, it still needs its scheme, registrable domain and port.
            int[] widths = {270, 90, 170, 90};
            for (int c = 0; c < widths.length; c++) {
                table.getColumnModel().getColumn(c).setPreferredWidth(widths[c]);
            }
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
            defaultRow = new JPanel(new BorderLayout());
            panel.add(defaultRow, BorderLayout.NORTH);
            panel.add(new JScrollPane(table), BorderLayout.CENTER);
            panel.add(buttons, BorderLayout.SOUTH);
            allSites.setContentPane(panel);
            closeOnEscape(allSites);
            table.getAccessibleContext().setAccessibleName("Every site's permissions");
            table.getAccessibleContext().setAccessibleDescription("Arrow keys choose a row; Revoke or Clear site data act on it");
            allSites.setSize(640, 320);
            allSites.setLocationRelativeTo(SwingUtilities.getWindowAncestor(button));
        }
        sitesModel.reload();
        refreshDefaultRow();
        allSites.setVisible(true);
    }

    /** Escape closes a window of the site settings, as its close button does. */
    private static void closeOnEscape(JDialog dialog) {
        dialog.getRootPane().registerKeyboardAction(e -> dialog.dispatchEvent(
                        new java.awt.event.WindowEvent(dialog, java.awt.event.WindowEvent.WINDOW_CLOSING)),
                javax.swing.KeyStroke.getKeyStroke(java.awt.event.KeyEvent.VK_ESCAPE, 0),
                JComponent.WHEN_IN_FOCUSED_WINDOW);
    }

    private java.util.Optional<SitePermissions.SiteEntry> selected(JTable table) {
        int row = table.getSelectedRow();
        return row < 0 ? java.util.Optional.empty() : java.util.Optional.of(sitesModel.row(row));
    }

    private static String stateLabel(SitePermissions.SiteEntry e) {
        return e.liveCall() ? "Allowed for the current call"
                : e.state() == PermissionState.ALLOW ? "Allowed (installed calling app)" : "Blocked";
    }
}
