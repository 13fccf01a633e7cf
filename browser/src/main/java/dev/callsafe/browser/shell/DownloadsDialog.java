package dev.callsafe.browser.shell;

import java.awt.Window;
import java.io.IOException;

import javax.swing.DefaultListCellRenderer;
import javax.swing.DefaultListModel;
import javax.swing.JButton;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JList;

/** The downloads window: this session's downloads with their progress, and a button opening the folder. */
final class DownloadsDialog extends JDialog {
    private final DefaultListModel<Downloads.Download> model = new DefaultListModel<>();
    private final JList<Downloads.Download> list = new JList<>(model);

    DownloadsDialog(Window owner, Downloads downloads) {
        super(owner, "Downloads");
        setName("downloads.dialog");
        list.setName("downloads.list");
        Accessible.name(list, "Downloads", "Files saved in this session with their progress");
        list.setCellRenderer(new DefaultListCellRenderer() {
            @Override
            public java.awt.Component getListCellRendererComponent(JList<?> l, Object value, int index,
                                                                  boolean selected, boolean focus) {
                Downloads.Download d = (Downloads.Download) value;
                String name = d.file() == null ? d.url() : d.file().getFileName().toString();
                JLabel c = (JLabel) super.getListCellRendererComponent(l, name + "  \u2014  " + d.progress(),
                        index, selected, focus);
                c.getAccessibleContext().setAccessibleName(name + ", " + d.progress());
                return c;
            }
        });
        downloads.all().forEach(model::addElement); // the download whose start opened this window
        downloads.addListener(d -> {
            for (int i = 0; i < model.size(); i++) {
                if (model.get(i).id() == d.id()) {
                    model.set(i, d);
                    return;
                }
            }
            model.addElement(d);
        });
        JButton folder = new JButton("Open folder");
        folder.setName("downloads.folder");
        folder.setToolTipText("Open " + Downloads.folder() + " in the file manager");
        folder.addActionListener(e -> openFolder());
        JLabel where = new JLabel("Saved in " + Downloads.folder());
        where.setName("downloads.where");
        ListWindow.arrange(this, where, list, "Files downloaded in this session; Escape closes", 520, 300, folder);
    }

    /** The file manager on the downloads folder (xdg-open on Linux, the desktop's own elsewhere). */
    private static void openFolder() {
        java.nio.file.Path dir = Downloads.folder();
        new Thread(() -> {
            try {
                java.nio.file.Files.createDirectories(dir);
                if (java.awt.Desktop.isDesktopSupported()
                        && java.awt.Desktop.getDesktop().isSupported(java.awt.Desktop.Action.OPEN)) {
                    java.awt.Desktop.getDesktop().open(dir.toFile());
                } else {
                    new ProcessBuilder("xdg-open", dir.toString()).inheritIO().start();
                }
            } catch (IOException | RuntimeException e) {
                java.util.logging.Logger.getLogger(DownloadsDialog.class.getName())
                        .warning("cannot open " + dir + ": " + e.getMessage());
            }
        }, "open-downloads-folder").start();
    }
}
