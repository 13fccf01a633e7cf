package dev.callsafe.plugins.media;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Component;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Arc2D;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;

import javax.swing.Icon;
import javax.swing.UIManager;

/**
 * The Site button's icon: a lock for a secure page (https, the browser's own pages, loopback), a warning
 * triangle for an insecure one, painted as vectors so it stays sharp at any HiDPI scale.
 */
enum SiteSecurityIcon implements Icon {
    SECURE, INSECURE;

    @Override
    public int getIconWidth() {
        return 16;
    }

    @Override
    public int getIconHeight() {
        return 16;
    }

    @Override
    public void paintIcon(Component c, Graphics graphics, int x, int y) {
        Graphics2D g = (Graphics2D) graphics.create();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.translate(x, y);
            g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            if (this == SECURE) {
                Color fg = UIManager.getColor("Label.foreground");
                g.setColor(fg == null ? Color.DARK_GRAY : fg);
                g.draw(new Arc2D.Double(4.5, 2, 7, 8, 0, 180, Arc2D.OPEN));
                g.drawLine(5, 6, 5, 8);
                g.drawLine(11, 6, 11, 8);
                g.fill(new RoundRectangle2D.Double(3, 7.5, 10, 7, 2, 2));
            } else {
                Path2D t = new Path2D.Double();
                t.moveTo(8, 1.5);
                t.lineTo(15, 14.5);
                t.lineTo(1, 14.5);
                t.closePath();
                g.setColor(new Color(0xD9, 0x30, 0x25));
                g.fill(t);
                g.setColor(Color.WHITE);
                g.drawLine(8, 6, 8, 10);
                g.fillOval(7, 11, 2, 2);
            }
        } finally {
            g.dispose();
        }
    }
}
