package dev.callsafe.browser.shell;

import javax.swing.JButton;
import javax.swing.JMenuItem;
import javax.swing.JPopupMenu;

import dev.callsafe.browser.plugin.PluginHost;

/**
 * The chrome's menu button (☰ at the end of the toolbar): the plugins' entries (capture history) and
 * Settings, so everything is reachable with the mouse, without knowing a shortcut.
 */
final class BrowserMenu extends JButton {
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(BrowserMenu.class.getName());

    private final JPopupMenu menu = new JPopupMenu();

    BrowserMenu(PluginHost plugins, SettingsDialog settings) {
        super("\u2630");
        setName("menu.button");
        setToolTipText("Menu: settings, capture history");
        getAccessibleContext().setAccessibleName("Menu");
        getAccessibleContext().setAccessibleDescription("Settings, capture history and other browser pages");
        setFocusable(false);
        menu.setName("menu.popup");
        for (PluginHost.MenuEntry e : plugins.menuEntries()) {
            menu.add(item(e.name(), e.label(), e.action()));
        }
        if (menu.getComponentCount() > 0) {
            menu.addSeparator();
        }
        menu.add(item("menu.settings", "Settings\u2026", settings::open));
        addActionListener(e -> menu.show(this, getWidth() - menu.getPreferredSize().width, getHeight()));
    }

    private static JMenuItem item(String name, String label, Runnable action) {
        JMenuItem item = new JMenuItem(label);
        item.setName(name);
        item.getAccessibleContext().setAccessibleName(label.replace("\u2026", ""));
        item.addActionListener(e -> {
            try {
                action.run();
            } catch (RuntimeException failed) {
                // One plugin's broken entry is logged (with its trace), the menu keeps working.
                LOG.log(java.util.logging.Level.WARNING, "menu entry " + name + " failed", failed);
            }
        });
        return item;
    }
}
