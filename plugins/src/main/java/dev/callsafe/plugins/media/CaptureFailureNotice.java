package dev.callsafe.plugins.media;

import java.awt.Color;
import java.awt.FlowLayout;

import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JPanel;

/** A chrome notice that a capture ended by itself (a camera's input failed, its file went, it was unplugged), and why. */
final class CaptureFailureNotice extends JPanel {
    private final JLabel text = new JLabel();

    CaptureFailureNotice() {
        super(new FlowLayout(FlowLayout.LEFT, 6, 2));
        setName("capture.failure");
        setBackground(new Color(0xFF, 0xE4, 0xE1));
        text.setName("capture.failure.text");
        JButton ok = new JButton("OK");
        ok.setName("capture.failure.ok");
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
