package dev.callsafe.plugins.media;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import javax.swing.table.AbstractTableModel;

/**
 * A read-only table of rows of one type: named columns, each cell computed from its row, the rows read anew
 * from their source on {@link #reload()}. Swing thread only.
 *
 * @param <T> what a row shows
 */
final class RowsTableModel<T> extends AbstractTableModel {
    /** A column: its header and how a row's cell is made. */
    record Column<T>(String name, Function<T, Object> cell) {
    }

    private final Supplier<List<T>> source;
    private final List<Column<T>> columns;
    private List<T> rows = List.of();

    RowsTableModel(Supplier<List<T>> source, List<Column<T>> columns) {
        this.source = source;
        this.columns = List.copyOf(columns);
    }

    /** Reads the rows again and redraws the table. */
    void reload() {
        rows = List.copyOf(source.get());
        fireTableDataChanged();
    }

    /** The row shown at this index (of the model, not of a sorted view). */
    T row(int index) {
        return rows.get(index);
    }

    @Override
    public int getRowCount() {
        return rows.size();
    }

    @Override
    public int getColumnCount() {
        return columns.size();
    }

    @Override
    public String getColumnName(int c) {
        return columns.get(c).name();
    }

    @Override
    public Object getValueAt(int r, int c) {
        return columns.get(c).cell().apply(rows.get(r));
    }
}
