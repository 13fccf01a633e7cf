package dev.callsafe.browser.shell;

import java.awt.Toolkit;
import java.awt.datatransfer.Clipboard;
import java.awt.datatransfer.DataFlavor;
import java.awt.datatransfer.StringSelection;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Logger;

import javax.swing.SwingUtilities;

/**
 * Copy, cut and paste between pages and everything else. Chromium's own X clipboard does not work in this
 * embedding (measured: with its message loop pumped from the Swing thread it neither answered another
 * client asking for what a page copied nor read what another client owned; a Swing paste then waited 10 s),
 * so the browser carries the text itself: a page's selection goes onto Java's clipboard, and a paste into a
 * page inserts the clipboard's text as Chromium's {@code insertText} does. Only a selection in another
 * frame (which the browser does not read) falls back to Chromium's own copy and cut, and its own paste
 * serves when the clipboard holds no text. Text only: no rich text or images between page and clipboard.
 */
final class PageClipboard {
    private static final Logger LOG = Logger.getLogger(PageClipboard.class.getName());

    private PageClipboard() {
    }

    static void copy(BrowserTab tab) {
        adoptSelection(tab).whenComplete((ok, err) -> {
            if (err != null || !ok) {
                SwingUtilities.invokeLater(() -> tab.focusedFrame().copy()); // a selection in another frame
            }
        });
    }

    static void cut(BrowserTab tab) {
        // The selection is read before it is removed.
        adoptSelection(tab).whenComplete((ok, err) -> {
            if (err != null || !ok) {
                SwingUtilities.invokeLater(() -> tab.focusedFrame().cut());
            } else {
                tab.deleteSelection();
            }
        });
    }

    static void paste(BrowserTab tab) {
        // Reading the system clipboard can block on its owner: never on the Swing thread.
        CompletableFuture.supplyAsync(PageClipboard::text).thenAccept(text -> SwingUtilities.invokeLater(() -> {
            if (text == null || text.isEmpty()) {
                tab.focusedFrame().paste();
            } else {
                tab.insertText(text).exceptionally(e -> {
                    LOG.warning("paste into the page failed: " + e);
                    return null;
                });
            }
        }));
    }

    /** The system clipboard's text, or null. Blocks: call off the Swing thread. */
    static String text() {
        try {
            Clipboard c = Toolkit.getDefaultToolkit().getSystemClipboard();
            return c.isDataFlavorAvailable(DataFlavor.stringFlavor) ? (String) c.getData(DataFlavor.stringFlavor) : null;
        } catch (Exception e) {
            return null;
        }
    }

    /** Puts the main frame's selected text on the clipboard; false when there is none there. */
    private static CompletableFuture<Boolean> adoptSelection(BrowserTab tab) {
        return tab.selectedText().thenApply(text -> {
            if (text.isEmpty()) {
                return false;
            }
            SwingUtilities.invokeLater(() -> Toolkit.getDefaultToolkit().getSystemClipboard()
                    .setContents(new StringSelection(text), null));
            return true;
        });
    }
}
