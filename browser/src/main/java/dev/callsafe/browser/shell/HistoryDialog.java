package dev.callsafe.browser.shell;

import java.awt.BorderLayout;
import java.awt.Window;
import java.awt.event.KeyEvent;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Consumer;

import javax.swing.DefaultListCellRenderer;
import javax.swing.DefaultListModel;
import javax.swing.JButton;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.JPanel;
import javax.swing.JTextField;
import javax.swing.KeyStroke;
import javax.swing.ListSelectionModel;
import javax.swing.event.DocumentEvent;
import javax.swing.event.DocumentListener;

import dev.callsafe.permissions.UrlDisplay;

/**
 * The history window: visited pages, newest first, filtered by what is typed in its search field (title or
 * address). Enter or a double click opens the chosen page; Delete or Remove forgets it; Escape closes.
 */
final class HistoryDialog extends JDialog {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.systemDefault());

    private final ProfileList history;
    private final Consumer<String> open;
    private final JTextField search = new JTextField(30);
    private final DefaultListModel<ProfileList.Page> model = new DefaultListModel<>();
    private final JList<ProfileList.Page> list = new JList<>(model);

    HistoryDialog(Window owner, ProfileList history, Consumer<String> open) {
        super(owner, "History");
        this.history = history;
        this.open = open;
        setName("history.dialog");
        search.setName("history.search");
        Accessible.name(search, "Search history", "Shows the visited pages whose title or address contains this");
        list.setName("history.list");
        list.setSelectionMode(ListSelectionModel.SINGLE_SELECTION);
        Accessible.name(list, "Visited pages", "Enter opens the selected page, Delete forgets it");
        list.setCellRenderer(new DefaultListCellRenderer() {
            @Override
            public java.awt.Component getListCellRendererComponent(JList<?> l, Object value, int index,
                                                                  boolean selected, boolean focus) {
                ProfileList.Page p = (ProfileList.Page) value;
                JLabel c = (JLabel) super.getListCellRendererComponent(l, p.title() + "  \u2014  "
                        + UrlDisplay.of(p.url()) + "  \u00B7  " + WHEN.format(p.when()), index, selected, focus);
                c.getAccessibleContext().setAccessibleName(p.title() + ", " + p.url());
                return c;
            }
        });
        search.getDocument().addDocumentListener(new DocumentListener() {
            @Override
            public void insertUpdate(DocumentEvent e) {
                reload();
            }

            @Override
            public void removeUpdate(DocumentEvent e) {
                reload();
            }

            @Override
            public void changedUpdate(DocumentEvent e) {
                reload();
            }
        });
        // From the search field, Down goes into the list and Enter opens the first match.
        search.addActionListener(e -> {
            if (list.getSelectedIndex() < 0 && !model.isEmpty()) {
                list.setSelectedIndex(0);
            }
            openSelected();
        });
        search.getInputMap().put(KeyStroke.getKeyStroke(KeyEvent.VK_DOWN, 0), "toList");
        search.getActionMap().put("toList", new javax.swing.AbstractAction() {
            @Override
            public void actionPerformed(java.awt.event.ActionEvent e) {
                if (!model.isEmpty()) {
                    list.setSelectedIndex(Math.max(0, list.getSelectedIndex()));
                    list.requestFocusInWindow();
                }
            }
        });
        list.getInputMap().put(KeyStroke.getKeyStroke(KeyEvent.VK_ENTER, 0), "open");
        list.getActionMap().put("open", action(this::openSelected));
        list.getInputMap().put(KeyStroke.getKeyStroke(KeyEvent.VK_DELETE, 0), "remove");
        list.getActionMap().put("remove", action(this::removeSelected));
        list.addMouseListener(new MouseAdapter() {
            @Override
            public void mouseClicked(MouseEvent e) {
                if (e.getClickCount() == 2) {
                    openSelected();
                }
            }
        });
        JButton openButton = new JButton("Open");
        openButton.setName("history.open");
        openButton.setToolTipText("Open the selected page in this tab (Enter)");
        openButton.addActionListener(e -> openSelected());
        JButton remove = new JButton("Remove");
        remove.setName("history.remove");
        remove.setToolTipText("Forget the selected page (Delete)");
        remove.addActionListener(e -> removeSelected());
        JPanel top = new JPanel(new BorderLayout(6, 0));
        JLabel searchLabel = new JLabel("Search:");
        searchLabel.setLabelFor(search);
        searchLabel.setDisplayedMnemonic('S');
        top.add(searchLabel, BorderLayout.WEST);
        top.add(search, BorderLayout.CENTER);
        history.addListener(() -> javax.swing.SwingUtilities.invokeLater(this::reload));
        ListWindow.arrange(this, top, list, "Pages visited in this profile; Escape closes", 640, 420, remove, openButton);
    }

    private static javax.swing.Action action(Runnable r) {
        return new javax.swing.AbstractAction() {
            @Override
            public void actionPerformed(java.awt.event.ActionEvent e) {
                r.run();
            }
        };
    }

    /** Shows the window with the search field focused and empty. */
    void open() {
        search.setText("");
        reload();
        setVisible(true);
        search.requestFocusInWindow();
    }

    private void reload() {
        String q = search.getText().trim().toLowerCase(Locale.ROOT);
        ProfileList.Page selected = list.getSelectedValue();
        model.clear();
        for (ProfileList.Page p : history.pages()) {
            if (q.isEmpty() || p.title().toLowerCase(Locale.ROOT).contains(q)
                    || p.url().toLowerCase(Locale.ROOT).contains(q)) {
                model.addElement(p);
            }
        }
        if (selected != null) {
            list.setSelectedValue(selected, true);
        }
    }

    private void openSelected() {
        ProfileList.Page p = list.getSelectedValue();
        if (p != null) {
            setVisible(false);
            open.accept(p.url());
        }
    }

    private void removeSelected() {
        ProfileList.Page p = list.getSelectedValue();
        if (p != null) {
            history.remove(p.url());
        }
    }
}
