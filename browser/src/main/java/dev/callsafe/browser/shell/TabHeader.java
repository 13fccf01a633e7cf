package dev.callsafe.browser.shell;

import java.awt.BorderLayout;
import java.awt.Dimension;

import javax.swing.BorderFactory;
import javax.swing.Icon;
import javax.swing.JButton;
import javax.swing.JLabel;
import javax.swing.JPanel;

/**
 * What the tab strip shows for one tab: its favicon (a globe when the page has none), its title and a close
 * button. The header has no mouse listener of its own, so a click on it reaches the tab strip, which selects
 * the tab (left button) or closes it (middle button).
 */
final class TabHeader extends JPanel {
    private final JLabel label = new JLabel("New tab", ChromeIcons.PAGE, JLabel.LEADING);
    private final JButton close = new JButton(ChromeIcons.CLOSE);

    TabHeader(Runnable onClose) {
        super(new BorderLayout(4, 0));
        setOpaque(false);
        setName("tab.header");
        label.setName("tab.title");
        label.setIconTextGap(6);
        close.setName("tab.close");
        close.setFocusable(false); // Ctrl+W closes from the keyboard; the strip's tabs are reached with arrows
        close.setBorder(BorderFactory.createEmptyBorder(1, 1, 1, 1));
        close.setContentAreaFilled(false);
        close.setPreferredSize(new Dimension(18, 18));
        close.putClientProperty("JButton.buttonType", "toolBarButton");
        close.addActionListener(e -> onClose.run());
        add(label, BorderLayout.CENTER);
        add(close, BorderLayout.EAST);
        show("New tab", "New tab");
    }

    /** Shows the (shortened, marked) title; {@code fullTitle} names the tab for tooltips and screen readers. */
    void show(String shown, String fullTitle) {
        label.setText(shown);
        close.setToolTipText("Close tab (Ctrl+W)");
        close.getAccessibleContext().setAccessibleName("Close tab " + fullTitle);
        close.getAccessibleContext().setAccessibleDescription("Closes this tab; Ctrl+W or a middle click does too");
    }

    void setFavicon(Icon icon) {
        label.setIcon(icon == null ? ChromeIcons.PAGE : icon);
    }

    /** Whether the tab shows the page's own icon rather than the fallback globe. */
    boolean hasPageIcon() {
        return label.getIcon() != ChromeIcons.PAGE;
    }

    JButton closeButton() {
        return close;
    }
}
