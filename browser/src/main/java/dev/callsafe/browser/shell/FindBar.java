package dev.callsafe.browser.shell;

import java.awt.FlowLayout;
import java.awt.event.KeyEvent;
import java.util.function.Supplier;

import javax.swing.AbstractAction;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JTextField;
import javax.swing.KeyStroke;
import javax.swing.SwingUtilities;
import javax.swing.UIManager;
import javax.swing.event.DocumentEvent;
import javax.swing.event.DocumentListener;

/**
 * Find in page (Ctrl+F): a strip under the page. Typing finds as you type with Chromium's own find
 * (highlights, scrolls to the match); Enter goes to the next match, Shift+Enter to the previous one, Escape
 * closes and clears the highlights. JCEF 146 has no find handler, so the match count is counted in the main
 * frame's text in an isolated world, case-insensitively as Chromium's find is; matches in iframes are found
 * but not counted.
 */
final class FindBar extends JPanel {
    private final Supplier<java.util.Optional<BrowserTab>> tab;
    private final JTextField field = new JTextField(24);
    private final JLabel count = new JLabel(" ");
    private BrowserTab searched;
    private int matches;
    private int index;
    private long generation;

    FindBar(Supplier<java.util.Optional<BrowserTab>> tab) {
        super(new FlowLayout(FlowLayout.LEFT, 6, 2));
        this.tab = tab;
        setName("find.bar");
        setBorder(BorderFactory.createMatteBorder(1, 0, 0, 0, UIManager.getColor("Component.borderColor")));
        JLabel label = new JLabel("Find in page:");
        label.setLabelFor(field);
        field.setName("find.field");
        Accessible.name(field, "Find in page", "Enter finds the next match, Shift+Enter the previous, Escape closes");
        count.setName("find.count");
        Accessible.name(count, "Matches", "How many times the text is on the page");
        JButton previous = button("find.previous", ChromeIcons.UP, "Previous match (Shift+Enter)", () -> step(false));
        JButton next = button("find.next", ChromeIcons.DOWN, "Next match (Enter)", () -> step(true));
        JButton close = button("find.close", ChromeIcons.CLOSE, "Close find bar (Escape)", this::close);
        add(label);
        add(field);
        add(count);
        add(previous);
        add(next);
        add(close);
        field.getDocument().addDocumentListener(new DocumentListener() {
            @Override
            public void insertUpdate(DocumentEvent e) {
                findFirst();
            }

            @Override
            public void removeUpdate(DocumentEvent e) {
                findFirst();
            }

            @Override
            public void changedUpdate(DocumentEvent e) {
                findFirst();
            }
        });
        bind(KeyStroke.getKeyStroke(KeyEvent.VK_ENTER, 0), "next", () -> step(true));
        bind(KeyStroke.getKeyStroke(KeyEvent.VK_ENTER, KeyEvent.SHIFT_DOWN_MASK), "previous", () -> step(false));
        bind(KeyStroke.getKeyStroke(KeyEvent.VK_ESCAPE, 0), "close", this::close);
        setVisible(false);
    }

    private JButton button(String name, javax.swing.Icon icon, String tip, Runnable action) {
        JButton b = new JButton(icon);
        b.setName(name);
        b.setToolTipText(tip);
        b.setFocusable(false);
        b.putClientProperty("JButton.buttonType", "toolBarButton");
        Accessible.name(b, tip.substring(0, tip.indexOf(" (")), tip);
        b.addActionListener(e -> action.run());
        return b;
    }

    private void bind(KeyStroke key, String name, Runnable action) {
        getInputMap(JComponent.WHEN_ANCESTOR_OF_FOCUSED_COMPONENT).put(key, name);
        getActionMap().put(name, new AbstractAction() {
            @Override
            public void actionPerformed(java.awt.event.ActionEvent e) {
                action.run();
            }
        });
    }

    /** Ctrl+F: shows the bar with the keyboard in its field, the previous text selected. */
    void open() {
        setVisible(true);
        revalidate();
        field.requestFocusInWindow();
        field.selectAll();
        if (!field.getText().isEmpty()) {
            findFirst();
        }
    }

    /** Escape: clears the highlights, hides the bar and gives the keyboard back to the page. */
    void close() {
        if (searched != null) {
            searched.browser().stopFinding(true);
        }
        searched = null;
        setVisible(false);
        tab.get().ifPresent(t -> t.browser().getUIComponent().requestFocusInWindow());
    }

    /** Another tab was selected: its page has no search going on. */
    void tabChanged() {
        if (isVisible()) {
            if (searched != null) {
                searched.browser().stopFinding(true);
                searched = null;
            }
            findFirst();
        }
    }

    private void findFirst() {
        BrowserTab t = tab.get().orElse(null);
        String text = field.getText();
        long mine = ++generation;
        if (t == null) {
            return;
        }
        if (text.isEmpty()) {
            t.browser().stopFinding(true);
            show(0, 0);
            return;
        }
        searched = t;
        t.browser().find(text, true, false, false);
        t.countMatches(text).thenAccept(n -> SwingUtilities.invokeLater(() -> {
            if (mine == generation) {
                show(n, n > 0 ? 1 : 0);
            }
        }));
    }

    private void step(boolean forward) {
        BrowserTab t = tab.get().orElse(null);
        String text = field.getText();
        if (t == null || text.isEmpty()) {
            return;
        }
        searched = t;
        t.browser().find(text, forward, false, true);
        if (matches > 0) {
            show(matches, forward ? index % matches + 1 : (index + matches - 2) % matches + 1);
        }
    }

    private void show(int matches, int index) {
        this.matches = matches;
        this.index = index;
        String text = field.getText().isEmpty() ? " " : matches == 0 ? "No matches" : index + " of " + matches;
        count.setText(text);
        count.getAccessibleContext().setAccessibleName(matches == 0 ? "No matches" : "Match " + index + " of " + matches);
    }

    /** What the match counter says ("2 of 3", "No matches"). */
    String countText() {
        return count.getText();
    }
}
