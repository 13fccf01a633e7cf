package dev.callsafe.plugins.media;

import java.awt.Color;
import java.awt.FlowLayout;

import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JPanel;

/** A chrome notice that a relay-only site tried to connect without a relay (TURN) server, and what that means. */
final class IpHandlingNotice extends JPanel {
    private final JLabel text = new JLabel();

    IpHandlingNotice() {
        super(new FlowLayout(FlowLayout.LEFT, 6, 2));
        setName("webrtc.notice");
        setBackground(new Color(0xFF, 0xF4, 0xD6));
        text.setName("webrtc.notice.text");
        JButton ok = new JButton("OK");
        ok.setName("webrtc.notice.ok");
        ok.addActionListener(e -> say(null));
        add(text);
        add(ok);
        setVisible(false);
    }

    /** Shows the message, or hides the notice for null. Swing thread. */
    void say(String message) {
        text.setText(message == null ? "" : Notices.wrapped("\u26A0 " + message));
        setVisible(message != null);
        if (getParent() != null) {
            getParent().revalidate();
            getParent().repaint();
        }
    }
}
