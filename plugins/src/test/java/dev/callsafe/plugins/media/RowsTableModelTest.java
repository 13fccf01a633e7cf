package dev.callsafe.plugins.media;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The table model the history and site windows share: columns, cells made from rows, rows read on reload. */
class RowsTableModelTest {
    @Test
    void cellsComeFromTheRowsReadAtTheLastReload() {
        List<String> source = new ArrayList<>(List.of("camera", "tab"));
        RowsTableModel<String> model = new RowsTableModel<>(() -> source, List.of(
                new RowsTableModel.Column<>("Kind", s -> s),
                new RowsTableModel.Column<>("Letters", String::length)));
        assertEquals(0, model.getRowCount(), "nothing before the first reload");
        model.reload();
        assertEquals(2, model.getColumnCount());
        assertEquals("Letters", model.getColumnName(1));
        assertEquals(6, model.getValueAt(0, 1));
        source.add("screen");
        assertEquals(2, model.getRowCount(), "a change of the source shows at the next reload");
        model.reload();
        assertEquals("screen", model.row(2));
    }
}
