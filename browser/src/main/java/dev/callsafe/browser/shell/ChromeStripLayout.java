package dev.callsafe.browser.shell;

import java.awt.Component;
import java.awt.Container;
import java.awt.Dimension;
import java.awt.FlowLayout;
import java.awt.Insets;

/**
 * The chrome strip's layout: widgets left to right, wrapping onto more rows when they do not fit, and asking
 * for the height of all its rows. Plain {@link FlowLayout} asks for one row only, so a wide notice pushed the
 * capture indicator, and its Stop, onto a row nobody could see.
 */
final class ChromeStripLayout extends FlowLayout {
    ChromeStripLayout() {
        super(FlowLayout.LEFT, 4, 2);
    }

    @Override
    public Dimension preferredLayoutSize(Container target) {
        synchronized (target.getTreeLock()) {
            Insets in = target.getInsets();
            int width = target.getWidth() > 0 ? target.getWidth()
                    : target.getParent() != null && target.getParent().getWidth() > 0 ? target.getParent().getWidth()
                    : Integer.MAX_VALUE;
            int room = width - in.left - in.right - 2 * getHgap();
            int rowWidth = 0;
            int rowHeight = 0;
            int height = 0;
            int widest = 0;
            for (Component c : target.getComponents()) {
                if (!c.isVisible()) {
                    continue;
                }
                Dimension d = c.getPreferredSize();
                if (rowWidth > 0 && rowWidth + getHgap() + d.width > room) {
                    height += rowHeight + getVgap();
                    widest = Math.max(widest, rowWidth);
                    rowWidth = 0;
                    rowHeight = 0;
                }
                rowWidth += (rowWidth > 0 ? getHgap() : 0) + d.width;
                rowHeight = Math.max(rowHeight, d.height);
            }
            height += rowHeight;
            widest = Math.max(widest, rowWidth);
            return new Dimension(Math.min(width, widest + in.left + in.right + 2 * getHgap()),
                    height + in.top + in.bottom + 2 * getVgap());
        }
    }

    @Override
    public Dimension minimumLayoutSize(Container target) {
        return preferredLayoutSize(target);
    }
}
