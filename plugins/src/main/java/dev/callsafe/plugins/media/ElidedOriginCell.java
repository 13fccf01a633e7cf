package dev.callsafe.plugins.media;

import java.awt.Component;
import java.awt.Insets;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;

import javax.swing.JTable;
import javax.swing.table.DefaultTableCellRenderer;

import dev.callsafe.permissions.HostElision;
import dev.callsafe.permissions.Origin;

/**
 * A table cell that shows a row's origin elided from the left to fit its column, the registrable domain kept
 * whole (Swing's own cells cut on the right, which is where the site's real name is); the whole origin is
 * the cell's tooltip.
 */
final class ElidedOriginCell extends DefaultTableCellRenderer {
    private final IntFunction<Origin> originOfRow;

    /** @param originOfRow the origin of a model row */
    ElidedOriginCell(IntFunction<Origin> originOfRow) {
        this.originOfRow = originOfRow;
    }

    @Override
    public Component getTableCellRendererComponent(JTable table, Object value, boolean selected, boolean focused,
                                                   int row, int column) {
        super.getTableCellRendererComponent(table, value, selected, focused, row, column);
        Origin origin = originOfRow.apply(table.convertRowIndexToModel(row));
        Insets insets = getInsets();
        int room = table.getColumnModel().getColumn(column).getWidth() - insets.left - insets.right;
        setText(fit(origin, room, getFontMetrics(getFont())::stringWidth));
        setToolTipText(origin.display());
        return this;
    }

    /** The origin shown within {@code room} pixels: its host elided until the whole text fits (or cannot shrink). */
    static String fit(Origin origin, int room, ToIntFunction<String> width) {
        String shown = origin.display();
        if (origin.isOpaque() || width.applyAsInt(shown) <= room) {
            return shown;
        }
        // The host's room is what the scheme and port leave; text widths are not quite additive, so shrink
        // further until it fits (or the host cannot shrink: its registrable domain stays whole).
        int around = width.applyAsInt(shown) - width.applyAsInt(HostElision.of(origin.host(), Integer.MAX_VALUE, width));
        for (int hostRoom = room - around; hostRoom > 0; hostRoom--) {
            shown = origin.display(hostRoom, width);
            if (width.applyAsInt(shown) <= room) {
                break;
            }
        }
        return shown;
    }
}
