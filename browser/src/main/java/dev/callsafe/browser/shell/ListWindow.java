package dev.callsafe.browser.shell;

import java.awt.BorderLayout;
import java.awt.Component;
import java.awt.FlowLayout;
import java.awt.event.KeyEvent;

import javax.swing.BorderFactory;
import javax.swing.JComponent;
import javax.swing.JDialog;
import javax.swing.JList;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.KeyStroke;

/**
 * The layout the browser's list windows (history, downloads) share: something above the list, the list,
 * buttons at the right below it; Escape hides the window; sized and centred on the browser window.
 */
final class ListWindow {
    private ListWindow() {
    }

    static void arrange(JDialog window, Component above, JList<?> list, String description, int width, int height,
                        JComponent... buttons) {
        JPanel row = new JPanel(new FlowLayout(FlowLayout.RIGHT));
        for (JComponent b : buttons) {
            row.add(b);
        }
        JPanel panel = new JPanel(new BorderLayout(0, 8));
        panel.setBorder(BorderFactory.createEmptyBorder(10, 10, 10, 10));
        panel.add(above, BorderLayout.NORTH);
        panel.add(new JScrollPane(list), BorderLayout.CENTER);
        panel.add(row, BorderLayout.SOUTH);
        window.setContentPane(panel);
        window.getRootPane().registerKeyboardAction(e -> window.setVisible(false),
                KeyStroke.getKeyStroke(KeyEvent.VK_ESCAPE, 0), JComponent.WHEN_IN_FOCUSED_WINDOW);
        window.getAccessibleContext().setAccessibleDescription(description);
        window.setSize(width, height);
        window.setLocationRelativeTo(window.getOwner());
    }
}
