package dev.callsafe.plugins.media;

import java.awt.Color;
import java.awt.FlowLayout;

import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JPanel;

/**
 * A notice in the chrome, above the page, with OK to put it away: a capture that ended by itself and why,
 * a relay-only site that tried to connect without a relay server. Its parts are named {@code name},
 * {@code name.text} and {@code name.ok}.
 */
final class ChromeNotice extends JPanel {
    /** Something stopped that the person did not stop (a camera failed). */
    static final Color FAILURE = new Color(0xFF, 0xE4, 0xE1);
    /** Something the person should know (a call that cannot connect as set). */
    static final Color WARNING = new Color(0xFF, 0xF4, 0xD6);

    private final JLabel text = new JLabel();

    ChromeNotice(String name, Color background) {
        super(new FlowLayout(FlowLayout.LEFT, 6, 2));
        setName(name);
        setBackground(background);
        text.setName(name + ".text");
        JButton ok = new JButton("OK");
        ok.setName(name + ".ok");
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
