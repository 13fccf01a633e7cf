package dev.callsafe.plugins.media;

import java.awt.Color;
import java.awt.FlowLayout;

import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JPanel;

/**
 * A chrome notice that stored permissions could not be used as they were (damaged file, profile in use) or
 * cannot be saved (full disk).
 */
final class PermissionsWarning extends JPanel {
    private final JLabel text;

    PermissionsWarning(String message) {
        super(new FlowLayout(FlowLayout.LEFT, 6, 2));
        setName("permissions.warning");
        setBackground(new Color(0xFF, 0xF3, 0xCD));
        text = new JLabel();
        text.setName("permissions.warning.text");
        JButton ok = new JButton("OK");
        ok.setName("permissions.warning.ok");
        ok.addActionListener(e -> {
            setVisible(false);
            getParent().revalidate();
        });
        add(text);
        add(ok);
        setMessage(message);
    }

    /** Shows the message, or hides the notice for null. Swing thread. */
    void setMessage(String message) {
        text.setText(message == null ? "" : Notices.wrapped("\u26A0 " + message));
        setVisible(message != null);
        if (getParent() != null) {
            getParent().revalidate();
            getParent().repaint();
        }
    }
}
