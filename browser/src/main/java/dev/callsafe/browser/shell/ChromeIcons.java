package dev.callsafe.browser.shell;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Component;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Arc2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;

import javax.swing.Icon;
import javax.swing.UIManager;

/**
 * The chrome's icons, painted as vector shapes in the current look and feel's text colour: sharp at any
 * HiDPI scale (the graphics are already scaled) and right in dark and light themes without image files.
 */
enum ChromeIcons implements Icon {
    BACK, FORWARD, RELOAD, NEW_TAB, CLOSE, PAGE, STAR, HISTORY, DOWNLOADS, MENU, UP, DOWN;

    private static final int SIZE = 16;

    @Override
    public int getIconWidth() {
        return SIZE;
    }

    @Override
    public int getIconHeight() {
        return SIZE;
    }

    @Override
    public void paintIcon(Component c, Graphics graphics, int x, int y) {
        Graphics2D g = (Graphics2D) graphics.create();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.translate(x, y);
            Color fg = c != null && !c.isEnabled() ? UIManager.getColor("Label.disabledForeground")
                    : UIManager.getColor("Label.foreground");
            g.setColor(fg == null ? Color.DARK_GRAY : fg);
            g.setStroke(new BasicStroke(1.6f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            paint(g);
        } finally {
            g.dispose();
        }
    }

    private void paint(Graphics2D g) {
        Path2D p = new Path2D.Double();
        switch (this) {
            case BACK -> {
                p.moveTo(13, 8); p.lineTo(3, 8); p.moveTo(7.5, 3.5); p.lineTo(3, 8); p.lineTo(7.5, 12.5);
                g.draw(p);
            }
            case FORWARD -> {
                p.moveTo(3, 8); p.lineTo(13, 8); p.moveTo(8.5, 3.5); p.lineTo(13, 8); p.lineTo(8.5, 12.5);
                g.draw(p);
            }
            case RELOAD -> {
                g.draw(new Arc2D.Double(3, 3, 10, 10, 60, 290, Arc2D.OPEN));
                p.moveTo(13.2, 2.5); p.lineTo(13.2, 6.2); p.lineTo(9.6, 6.2);
                g.draw(p);
            }
            case NEW_TAB -> {
                p.moveTo(8, 3); p.lineTo(8, 13); p.moveTo(3, 8); p.lineTo(13, 8);
                g.draw(p);
            }
            case CLOSE -> {
                p.moveTo(4.5, 4.5); p.lineTo(11.5, 11.5); p.moveTo(11.5, 4.5); p.lineTo(4.5, 11.5);
                g.draw(p);
            }
            case PAGE -> { // the fallback favicon: a globe
                g.setStroke(new BasicStroke(1.2f));
                g.draw(new Ellipse2D.Double(2, 2, 12, 12));
                g.draw(new Ellipse2D.Double(5, 2, 6, 12));
                p.moveTo(2, 8); p.lineTo(14, 8);
                g.draw(p);
            }
            case STAR -> {
                for (int i = 0; i < 10; i++) {
                    double r = i % 2 == 0 ? 6.5 : 2.8;
                    double a = Math.PI / 2 + i * Math.PI / 5;
                    double px = 8 + r * Math.cos(a);
                    double py = 8.5 - r * Math.sin(a);
                    if (i == 0) {
                        p.moveTo(px, py);
                    } else {
                        p.lineTo(px, py);
                    }
                }
                p.closePath();
                g.draw(p);
            }
            case HISTORY -> {
                g.draw(new Ellipse2D.Double(2, 2, 12, 12));
                p.moveTo(8, 4.5); p.lineTo(8, 8); p.lineTo(10.5, 9.5);
                g.draw(p);
            }
            case DOWNLOADS -> {
                p.moveTo(8, 2.5); p.lineTo(8, 10); p.moveTo(4.5, 6.5); p.lineTo(8, 10); p.lineTo(11.5, 6.5);
                p.moveTo(3, 13.5); p.lineTo(13, 13.5);
                g.draw(p);
            }
            case MENU -> {
                p.moveTo(3, 4); p.lineTo(13, 4); p.moveTo(3, 8); p.lineTo(13, 8); p.moveTo(3, 12); p.lineTo(13, 12);
                g.draw(p);
            }
            case UP -> {
                p.moveTo(4, 10.5); p.lineTo(8, 6); p.lineTo(12, 10.5);
                g.draw(p);
            }
            case DOWN -> {
                p.moveTo(4, 6); p.lineTo(8, 10.5); p.lineTo(12, 6);
                g.draw(p);
            }
            default -> throw new AssertionError(this);
        }
    }
}
