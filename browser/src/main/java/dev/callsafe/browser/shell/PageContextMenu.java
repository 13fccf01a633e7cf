package dev.callsafe.browser.shell;

import java.awt.Component;
import java.awt.event.ActionListener;

import javax.swing.JMenuItem;
import javax.swing.JPopupMenu;
import javax.swing.SwingUtilities;

import org.cef.browser.CefBrowser;
import org.cef.browser.CefFrame;
import org.cef.callback.CefContextMenuParams;
import org.cef.callback.CefMenuModel;
import org.cef.handler.CefContextMenuHandlerAdapter;

/**
 * The page's right-click menu, drawn by Swing. An off-screen browser has no native menu of its own, so
 * Chromium's model is emptied and this menu offers what a person expects: Back, Forward, Reload, Cut,
 * Copy, Paste, Select all. Editing commands act on the frame that has the focus, as Chromium's do.
 */
final class PageContextMenu extends CefContextMenuHandlerAdapter {
    private static final int EDIT_CAN_CUT = 1 << 3;
    private static final int EDIT_CAN_COPY = 1 << 4;

    private final BrowserWindow window;

    PageContextMenu(BrowserWindow window) {
        this.window = window;
    }

    @Override
    public void onBeforeContextMenu(CefBrowser browser, CefFrame frame, CefContextMenuParams params, CefMenuModel model) {
        model.clear();
        int x = params.getXCoord();
        int y = params.getYCoord();
        int edit = params.getEditStateFlags();
        boolean editable = params.isEditable();
        boolean hasSelection = params.getSelectionText() != null && !params.getSelectionText().isEmpty();
        SwingUtilities.invokeLater(() -> window.tabFor(browser).ifPresent(tab ->
                show(tab, x, y, editable, hasSelection, edit)));
    }

    private void show(BrowserTab tab, int x, int y, boolean editable, boolean hasSelection, int edit) {
        CefBrowser browser = tab.browser();
        Component page = browser.getUIComponent();
        if (!page.isShowing()) {
            return;
        }
        JPopupMenu menu = new JPopupMenu();
        menu.setName("page.menu");
        // The page is a heavyweight canvas: a lightweight menu would be drawn beneath it.
        menu.setLightWeightPopupEnabled(false);
        add(menu, "back", "Back", browser.canGoBack(), e -> browser.goBack());
        add(menu, "forward", "Forward", browser.canGoForward(), e -> browser.goForward());
        add(menu, "reload", "Reload", true, e -> browser.reload());
        menu.addSeparator();
        if (editable) {
            add(menu, "cut", "Cut", (edit & EDIT_CAN_CUT) != 0, e -> PageClipboard.cut(tab));
        }
        add(menu, "copy", "Copy", hasSelection || (edit & EDIT_CAN_COPY) != 0, e -> PageClipboard.copy(tab));
        // Chromium cannot see the system clipboard here (see PageClipboard), so it never says "can paste".
        add(menu, "paste", "Paste", editable, e -> PageClipboard.paste(tab));
        add(menu, "selectAll", "Select all", true, e -> tab.focusedFrame().selectAll());
        menu.show(page, x, y);
    }

    private static void add(JPopupMenu menu, String name, String label, boolean enabled, ActionListener action) {
        JMenuItem item = new JMenuItem(label);
        item.setName("page.menu." + name);
        item.setEnabled(enabled);
        item.addActionListener(action);
        menu.add(item);
    }
}
