package dev.callsafe.browser.shell;

import java.awt.event.ActionEvent;
import java.awt.event.KeyAdapter;
import java.awt.event.KeyEvent;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;

import javax.swing.AbstractAction;
import javax.swing.JTextField;
import javax.swing.SwingUtilities;
import javax.swing.text.DefaultEditorKit;

import dev.callsafe.permissions.UrlDisplay;

/**
 * The address bar: shows the selected page's address (host in its display form) unless the person is
 * typing in it, as Chrome does; Escape undoes an edit, Enter goes there.
 */
final class AddressBar extends JTextField {
    private final Supplier<String> pageUrl;
    private boolean edited;

    /** {@code pageUrl} gives the selected tab's address; {@code go} receives what the person entered. */
    AddressBar(Supplier<String> pageUrl, Consumer<String> go) {
        this.pageUrl = pageUrl;
        setName("nav.address");
        addActionListener(e -> {
            edited = false;
            go.accept(getText());
        });
        addKeyListener(new KeyAdapter() {
            @Override
            public void keyTyped(KeyEvent e) {
                edited = true;
            }

            @Override
            public void keyPressed(KeyEvent e) {
                if (e.getKeyCode() == KeyEvent.VK_ESCAPE && edited) {
                    showPage();
                    selectAll();
                }
            }
        });
        // Chromium serves its clipboard from its message loop, which runs on the Swing thread: a paste on the
        // Swing thread while a page owned the clipboard waited 10 s for an answer that could not come. The
        // clipboard is read on another thread and the text inserted on the Swing thread.
        getActionMap().put(DefaultEditorKit.pasteAction, new AbstractAction() {
            @Override
            public void actionPerformed(ActionEvent e) {
                CompletableFuture.supplyAsync(PageClipboard::text).thenAccept(text -> SwingUtilities.invokeLater(() -> {
                    if (text != null) {
                        replaceSelection(text);
                        edited = true;
                    }
                }));
            }
        });
    }

    /** Shows the selected page's address, dropping any edit (a tab was selected). */
    void showPage() {
        edited = false;
        setText(shown(pageUrl.get()));
    }

    /** The new-tab page shows an empty bar, ready for an address, as in Chrome. */
    private static String shown(String url) {
        return url != null && url.startsWith(BrowserWindow.NEW_TAB_URL) ? "" : UrlDisplay.of(url);
    }

    /** The page's address changed: shown unless the person is typing. */
    void follow(String url) {
        if (!edited) {
            setText(shown(url));
        }
    }

    /** Ctrl+L: the keyboard in the address bar, its text selected for typing over. */
    void focusForTyping() {
        requestFocusInWindow();
        selectAll();
    }
}
