package dev.callsafe.plugins.media;

import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.Component;
import java.awt.Dimension;
import java.awt.FlowLayout;
import java.awt.Font;
import java.awt.Window;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;

import javax.swing.BorderFactory;
import javax.swing.BoxLayout;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTextField;
import javax.swing.SwingUtilities;
import javax.swing.Timer;
import javax.swing.WindowConstants;

import dev.callsafe.permissions.Origin;
import dev.callsafe.permissions.PeerFingerprint;
import dev.callsafe.permissions.PinnedPeer;
import dev.callsafe.permissions.SitePermissions;

/**
 * The call privacy panel: a window of the chrome, outside the page, listing each peer connection of a tab as
 * the browser's engine reports it (state, direct or via a relay, the remote address, both DTLS certificates
 * and the safety code made of them, codecs, bytes, encoded transforms) with pinned peers marked and a button
 * to pin one. Refreshed every second while open.
 */
final class CallPrivacyPanel {
    private static final Color WARNING = new Color(0xB7, 0x1C, 0x1C);
    private static final Color VERIFIED = new Color(0x1B, 0x5E, 0x20);
    static final String E2EE = "<html><div style='width: 560px'><b>What encryption this shows.</b> Every WebRTC"
            + " connection is encrypted (DTLS-SRTP) between this browser and the peer whose certificate is shown."
            + " If that peer is a server (calls with several people usually go through one), the server can see"
            + " and hear the media. An <b>encoded transform</b> lets the page change each encoded frame before"
            + " it is encrypted: calling apps use it to add end-to-end encryption that such servers cannot undo."
            + " Seeing one does <b>not</b> prove the call is end-to-end encrypted: the browser cannot tell what the"
            + " page's transform does (it may encrypt, do nothing, or hand the keys to the server). Without one,"
            + " the connection's own encryption is all there is, and it ends at the peer shown here.</div></html>";

    private final PeerConnections peers;
    private final PinnedPeerGuard guard;
    private final SitePermissions permissions;
    private final IntFunction<String> tabTitle;
    private JDialog dialog;
    private JPanel list;
    private JLabel header;
    private JLabel contested;
    private final Map<String, ConnectionView> views = new LinkedHashMap<>();
    private final Timer timer = new Timer(1000, e -> tick());
    private int tabId = -1;

    CallPrivacyPanel(PeerConnections peers, PinnedPeerGuard guard, SitePermissions permissions,
                     IntFunction<String> tabTitle) {
        this.peers = peers;
        this.guard = guard;
        this.permissions = permissions;
        this.tabTitle = tabTitle;
        peers.addListener(tab -> SwingUtilities.invokeLater(() -> {
            if (tab == tabId && dialog != null && dialog.isVisible()) {
                refresh();
            }
        }));
        permissions.addListener(o -> SwingUtilities.invokeLater(() -> {
            if (dialog != null && dialog.isVisible()) {
                refresh();
            }
        }));
    }

    /** Opens the panel for a tab, near the component the person clicked. Swing thread. */
    void open(int tab, Component near) {
        if (dialog == null) {
            build(SwingUtilities.getWindowAncestor(near));
        }
        if (tab != tabId) {
            guard.panelOpen(tabId, false);
            views.clear();
            list.removeAll();
        }
        tabId = tab;
        guard.panelOpen(tab, true);
        refresh();
        dialog.pack();
        dialog.setSize(new Dimension(Math.max(dialog.getWidth(), 680), Math.min(Math.max(dialog.getHeight(), 420), 760)));
        if (!dialog.isVisible()) {
            java.awt.Point at = near.getLocationOnScreen();
            dialog.setLocation(at.x, at.y + near.getHeight());
        }
        dialog.setVisible(true);
        timer.start();
    }

    private void build(Window owner) {
        dialog = new JDialog(owner, "Call privacy");
        dialog.setName("callpanel.window");
        dialog.setDefaultCloseOperation(WindowConstants.HIDE_ON_CLOSE);
        dialog.addWindowListener(new java.awt.event.WindowAdapter() {
            @Override
            public void windowClosing(java.awt.event.WindowEvent e) {
                closed();
            }
        });
        JPanel top = new JPanel();
        top.setLayout(new BoxLayout(top, BoxLayout.Y_AXIS));
        top.setBorder(BorderFactory.createEmptyBorder(10, 12, 6, 12));
        header = new JLabel();
        header.setName("callpanel.header");
        contested = new JLabel("\u26A0 This page tried to report its connections itself. What it reports cannot be"
                + " relied on; calls allowed only for pinned peers end.");
        contested.setName("callpanel.contested");
        contested.setForeground(WARNING);
        top.add(header);
        top.add(contested);
        list = new JPanel();
        list.setLayout(new BoxLayout(list, BoxLayout.Y_AXIS));
        list.setBorder(BorderFactory.createEmptyBorder(0, 12, 0, 12));
        JLabel e2ee = new JLabel(E2EE);
        e2ee.setName("callpanel.e2ee");
        e2ee.setBorder(BorderFactory.createEmptyBorder(8, 12, 10, 12));
        JButton close = new JButton("Close");
        close.setName("callpanel.close");
        close.addActionListener(e -> {
            dialog.setVisible(false);
            closed();
        });
        JPanel bottom = new JPanel(new BorderLayout());
        bottom.add(e2ee, BorderLayout.CENTER);
        JPanel buttons = new JPanel(new FlowLayout(FlowLayout.RIGHT));
        buttons.add(close);
        bottom.add(buttons, BorderLayout.SOUTH);
        JPanel content = new JPanel(new BorderLayout());
        content.setName("callpanel.dialog");
        content.add(top, BorderLayout.NORTH);
        JScrollPane scroll = new JScrollPane(list);
        scroll.setBorder(BorderFactory.createEmptyBorder());
        scroll.getVerticalScrollBar().setUnitIncrement(16);
        content.add(scroll, BorderLayout.CENTER);
        content.add(bottom, BorderLayout.SOUTH);
        dialog.setContentPane(content);
    }

    private void closed() {
        timer.stop();
        guard.panelOpen(tabId, false);
    }

    private void tick() {
        if (dialog.isVisible()) {
            peers.request(tabId);
        } else {
            closed();
        }
    }

    /** Redraws from the latest reports; each connection keeps its widgets (a button under the pointer stays). */
    private void refresh() {
        header.setText("<html><div style='width: 560px'><b>Call privacy \u2014 " + escape(tabTitle.apply(tabId))
                + "</b><br>What the browser's engine reports for this page's connections, read through the"
                + " browser's own references to them (taken before the page's scripts ran): the page cannot hide"
                + " a connection from this list or change its figures.</div></html>");
        contested.setVisible(peers.contested(tabId));
        List<PeerReport> reports = peers.reports(tabId);
        Map<String, PeerReport.Connection> now = new LinkedHashMap<>();
        Map<String, PeerReport> from = new HashMap<>();
        for (PeerReport r : reports) {
            for (PeerReport.Connection c : r.connections()) {
                String key = r.frame().frameId() + "#" + c.id();
                now.put(key, c);
                from.put(key, r);
            }
        }
        views.keySet().removeIf(k -> {
            if (!now.containsKey(k)) {
                list.remove(views.get(k).panel);
                return true;
            }
            return false;
        });
        JLabel none = (JLabel) find(list, "callpanel.none");
        if (now.isEmpty() && none == null) {
            JLabel l = new JLabel(reports.isEmpty() && !peers.contested(tabId)
                    ? "This page has made no peer connections (or has not answered yet)."
                    : "This page has no peer connections.");
            l.setName("callpanel.none");
            list.add(l);
        } else if (!now.isEmpty() && none != null) {
            list.remove(none);
        }
        for (Map.Entry<String, PeerReport.Connection> e : now.entrySet()) {
            ConnectionView v = views.get(e.getKey());
            if (v == null) {
                v = new ConnectionView("callpanel.conn" + (views.size() + 1));
                views.put(e.getKey(), v);
                list.add(v.panel);
            }
            v.show(from.get(e.getKey()), e.getValue());
        }
        list.revalidate();
        list.repaint();
    }

    private static Component find(java.awt.Container c, String name) {
        for (Component child : c.getComponents()) {
            if (name.equals(child.getName())) {
                return child;
            }
        }
        return null;
    }

    static String escape(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Plain text for a label: page data never reaches Swing's HTML rendering. */
    private static String plain(String s) {
        return s.startsWith("<") ? " " + s : s;
    }

    static String bytes(long n) {
        if (n < 0) {
            return "\u2014";
        }
        String human = n >= 1_000_000 ? String.format("%.1f MB", n / 1e6) : String.format("%.1f kB", n / 1e3);
        return String.format("%,d bytes (%s)", n, human);
    }

    /** One connection's rows; created once per connection and updated in place. */
    private final class ConnectionView {
        final JPanel panel = new JPanel();
        final String name;
        final JLabel title;
        final JLabel route;
        final JLabel remote;
        final JLabel code;
        final JLabel peer;
        final JLabel localFp;
        final JLabel remoteFp;
        final JLabel codecs;
        final JLabel bytes;
        final JLabel senders;
        final JLabel receivers;
        final JButton pin = new JButton("Pin this peer\u2026");
        final JButton unpin = new JButton("Unpin");
        private PeerReport report;
        private PeerReport.Connection connection;

        ConnectionView(String name) {
            this.name = name; // before the labels: their names are made from it
            title = label("title");
            route = label("route");
            remote = label("remote");
            code = label("code");
            peer = label("peer");
            localFp = label("localfp");
            remoteFp = label("remotefp");
            codecs = label("codecs");
            bytes = label("bytes");
            senders = label("senders");
            receivers = label("receivers");
            panel.setName(name);
            panel.setLayout(new BoxLayout(panel, BoxLayout.Y_AXIS));
            panel.setBorder(BorderFactory.createCompoundBorder(BorderFactory.createEmptyBorder(6, 0, 6, 0),
                    BorderFactory.createCompoundBorder(BorderFactory.createMatteBorder(1, 0, 0, 0, Color.GRAY),
                            BorderFactory.createEmptyBorder(6, 0, 0, 0))));
            title.setFont(title.getFont().deriveFont(Font.BOLD));
            code.setFont(new Font(Font.MONOSPACED, Font.BOLD, code.getFont().getSize() + 3));
            for (JLabel l : new JLabel[] {localFp, remoteFp}) {
                l.setFont(new Font(Font.MONOSPACED, Font.PLAIN, Math.max(10, l.getFont().getSize() - 2)));
            }
            pin.setName(name + ".pin");
            pin.setToolTipText("Remember this peer's certificate for this site, under a name");
            pin.addActionListener(e -> askName());
            unpin.setName(name + ".unpin");
            unpin.addActionListener(e -> {
                if (connection != null && connection.remoteCertificate() != null) {
                    permissions.unpinPeer(report.frame().topLevelOrigin(), connection.remoteCertificate());
                }
            });
            JPanel peerRow = new JPanel(new FlowLayout(FlowLayout.LEFT, 6, 0));
            peerRow.setAlignmentX(0);
            peerRow.add(peer);
            peerRow.add(pin);
            peerRow.add(unpin);
            for (JComponent c : new JComponent[] {title, route, remote, code, peerRow, localFp, remoteFp, codecs,
                    bytes, senders, receivers}) {
                c.setAlignmentX(0);
                panel.add(c);
            }
        }

        private JLabel label(String part) {
            JLabel l = new JLabel();
            l.setName(name + "." + part);
            return l;
        }

        void show(PeerReport r, PeerReport.Connection c) {
            report = r;
            connection = c;
            Origin site = r.frame().topLevelOrigin();
            String where = r.frame().mainFrame() ? "" : " (in a frame of " + r.frame().origin().display() + ")";
            title.setText(plain("Connection " + c.id() + where + " \u2014 " + (c.state() == null ? "state unknown" : c.state())
                    + (c.ice() == null ? "" : " (ICE " + c.ice() + ")")));
            route.setText(plain("Media goes " + c.route()));
            remote.setText(plain("Remote address the browser sees: "
                    + (c.remote() == null ? "not yet known" : c.remote().describe())
                    + (c.local() == null ? "" : " \u00B7 local: " + c.local().describe())));
            String sc = c.safetyCode();
            code.setText(sc == null ? "Safety code: not yet known (no peer certificate yet)" : "Safety code: " + sc);
            code.setToolTipText("Read it to the other person: the same code on both sides means nobody sits between you");
            localFp.setText(plain("Your certificate: " + (c.localCertificate() == null ? "not reported" : c.localCertificate())));
            remoteFp.setText(plain("Peer's certificate: " + (c.remoteCertificate() == null ? "not yet known" : c.remoteCertificate())));
            PeerFingerprint remoteCert = c.remoteCertificate();
            Optional<PinnedPeer> pinned = permissions.pinnedPeer(site, remoteCert);
            boolean sitePins = !permissions.pinnedPeers(site).isEmpty();
            if (pinned.isPresent()) {
                peer.setText(plain("\u2714 Verified peer: " + pinned.get().name()));
                peer.setForeground(VERIFIED);
            } else if (remoteCert != null && sitePins && c.sendsCapture()) {
                peer.setText("\u26A0 Not a pinned peer: your captured media goes to a certificate you have not pinned");
                peer.setForeground(WARNING);
            } else {
                peer.setText(remoteCert == null ? "Peer not known yet" : "Not a pinned peer");
                peer.setForeground(javax.swing.UIManager.getColor("Label.foreground"));
            }
            pin.setVisible(remoteCert != null && pinned.isEmpty());
            unpin.setVisible(pinned.isPresent());
            codecs.setText(plain("Codecs: " + codecList(c)));
            bytes.setText(plain("Sent " + CallPrivacyPanel.bytes(c.bytesSent()) + " \u00B7 received "
                    + CallPrivacyPanel.bytes(c.bytesReceived())));
            senders.setText(plain("Sends: " + media(c.senders(), true)));
            receivers.setText(plain("Receives: " + media(c.receivers(), false)
                    + (c.insertableStreams() ? " \u00B7 the connection was made for insertable streams" : "")));
        }

        private String codecList(PeerReport.Connection c) {
            List<String> parts = new ArrayList<>();
            if (!c.sendCodecs().isEmpty()) {
                parts.add("sends " + String.join(", ", c.sendCodecs()));
            }
            if (!c.receiveCodecs().isEmpty()) {
                parts.add("receives " + String.join(", ", c.receiveCodecs()));
            }
            if (parts.isEmpty()) {
                return c.dataOnly() ? "none (data only: this connection carries no audio or video)" : "none yet";
            }
            return String.join(" \u00B7 ", parts);
        }

        private String media(List<PeerReport.Media> list, boolean sending) {
            if (list.isEmpty()) {
                return "nothing";
            }
            List<String> parts = new ArrayList<>();
            for (PeerReport.Media m : list) {
                String what = m.kind() == null ? "no track" : m.kind();
                if (m.token() != null) {
                    what = (m.kind() != null && m.kind().equals("audio") ? "microphone" : "camera or share")
                            + " (captured by the browser)";
                }
                String transform = switch (m.transform()) {
                    case SCRIPT -> "encoded transform attached (RTCRtpScriptTransform)";
                    case STREAMS -> "encoded transform attached (insertable streams)";
                    default -> "no encoded transform";
                };
                parts.add(what + " \u2014 " + transform);
            }
            return String.join("; ", parts);
        }

        private void askName() {
            if (connection == null || connection.remoteCertificate() == null) {
                return;
            }
            PeerFingerprint cert = connection.remoteCertificate();
            Origin site = report.frame().topLevelOrigin();
            JDialog ask = new JDialog(dialog, "Pin this peer");
            ask.setName("callpanel.pin.dialog");
            JPanel p = new JPanel(new BorderLayout(0, 8));
            p.setBorder(BorderFactory.createEmptyBorder(12, 14, 10, 14));
            JLabel text = new JLabel("<html><div style='width: 420px'>Pin this peer for <b>"
                    + escape(site.display()) + "</b>? Check the safety code with them first (by voice, not in this"
                    + " call's chat). Their certificate is remembered under the name you give; calls to any other"
                    + " certificate are then marked as not verified.</div></html>");
            JTextField field = new JTextField(24);
            field.setName("callpanel.pin.name");
            JButton save = new JButton("Pin");
            save.setName("callpanel.pin.save");
            JButton cancel = new JButton("Cancel");
            cancel.setName("callpanel.pin.cancel");
            JLabel error = new JLabel(" ");
            error.setForeground(WARNING);
            Runnable doSave = () -> {
                try {
                    permissions.pinPeer(site, field.getText(), cert);
                    ask.dispose();
                } catch (IllegalArgumentException ex) {
                    error.setText(ex.getMessage());
                }
            };
            save.addActionListener(e -> doSave.run());
            field.addActionListener(e -> doSave.run());
            cancel.addActionListener(e -> ask.dispose());
            JPanel row = new JPanel(new FlowLayout(FlowLayout.LEFT, 6, 0));
            row.add(new JLabel("This is:"));
            row.add(field);
            JPanel middle = new JPanel(new BorderLayout());
            middle.add(row, BorderLayout.NORTH);
            middle.add(error, BorderLayout.SOUTH);
            JPanel buttons = new JPanel(new FlowLayout(FlowLayout.RIGHT));
            buttons.add(cancel);
            buttons.add(save);
            p.add(text, BorderLayout.NORTH);
            p.add(middle, BorderLayout.CENTER);
            p.add(buttons, BorderLayout.SOUTH);
            ask.setContentPane(p);
            ask.pack();
            ask.setLocationRelativeTo(pin);
            ask.setVisible(true);
            field.requestFocusInWindow();
        }
    }
}
