package dev.callsafe.browser.shell;

import java.awt.BorderLayout;
import java.awt.FlowLayout;
import java.awt.Window;

import javax.swing.BorderFactory;
import javax.swing.Box;
import javax.swing.BoxLayout;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JDialog;
import javax.swing.JPanel;
import javax.swing.JScrollPane;

import dev.callsafe.browser.plugin.PluginHost;

/**
 * The browser's Settings: one titled section per plugin contribution ({@link PluginHost#settingsSections()}),
 * each built anew when the dialog opens so it shows the current values. Changes apply at once; Close closes.
 */
final class SettingsDialog {
    private final Window owner;
    private final PluginHost plugins;
    private JDialog dialog;

    SettingsDialog(Window owner, PluginHost plugins) {
        this.owner = owner;
        this.plugins = plugins;
    }

    void open() {
        if (dialog == null) {
            dialog = new JDialog(owner, "Settings");
            dialog.setName("settings.dialog");
            dialog.getAccessibleContext().setAccessibleName("Settings");
        }
        JPanel sections = new JPanel();
        sections.setLayout(new BoxLayout(sections, BoxLayout.Y_AXIS));
        sections.setBorder(BorderFactory.createEmptyBorder(8, 12, 8, 12));
        for (PluginHost.SettingsSection s : plugins.settingsSections()) {
            JComponent content = s.content().get();
            JPanel box = new JPanel(new BorderLayout());
            box.setName(s.name());
            box.setBorder(BorderFactory.createCompoundBorder(BorderFactory.createTitledBorder(s.title()),
                    BorderFactory.createEmptyBorder(4, 6, 6, 6)));
            box.getAccessibleContext().setAccessibleName(s.title());
            box.add(content, BorderLayout.CENTER);
            box.setAlignmentX(0);
            sections.add(box);
            sections.add(Box.createVerticalStrut(8));
        }
        JButton close = new JButton("Close");
        close.setName("settings.close");
        close.addActionListener(e -> dialog.setVisible(false));
        JPanel buttons = new JPanel(new FlowLayout(FlowLayout.RIGHT));
        buttons.add(close);
        JPanel panel = new JPanel(new BorderLayout());
        panel.add(new JScrollPane(sections), BorderLayout.CENTER);
        panel.add(buttons, BorderLayout.SOUTH);
        dialog.setContentPane(panel);
        dialog.pack();
        dialog.setSize(Math.max(dialog.getWidth(), 560), Math.min(dialog.getHeight(), 700));
        dialog.setLocationRelativeTo(owner);
        dialog.setVisible(true);
        dialog.toFront();
    }
}
