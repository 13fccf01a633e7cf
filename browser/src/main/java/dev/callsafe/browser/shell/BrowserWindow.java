package dev.callsafe.browser.shell;

import java.awt.BorderLayout;
import java.awt.Dimension;
import java.awt.KeyboardFocusManager;
import java.awt.event.KeyEvent;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.swing.BorderFactory;
import javax.swing.Box;
import javax.swing.BoxLayout;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JFrame;
import javax.swing.JPanel;
import javax.swing.JTabbedPane;
import javax.swing.SwingUtilities;

import org.cef.CefClient;
import org.cef.browser.CefBrowser;

import dev.callsafe.browser.LaunchOptions;
import dev.callsafe.browser.cef.DocumentScripts;
import dev.callsafe.browser.cef.InternalPageGuard;
import dev.callsafe.browser.plugin.PluginHost;

/**
 * The browser window: tab strip, navigation toolbar, the plugins' chrome strip and the selected tab's page.
 * The chrome strip is never hidden, also not when a page goes fullscreen.
 */
public final class BrowserWindow extends JFrame {
    private final CefClient client;
    private final PluginHost plugins;
    private final List<BrowserTab> tabs = new CopyOnWriteArrayList<>();
    private final JTabbedPane tabPane = new JTabbedPane(JTabbedPane.TOP, JTabbedPane.SCROLL_TAB_LAYOUT);
    private final AddressBar address = new AddressBar(
            () -> current().map(BrowserTab::displayUrl).orElse(""), this::go);
    /** The browser's own start page for a new tab (Ctrl+T, the + button). */
    public static final String NEW_TAB_URL = "callsafe://newtab/";

    private final JButton back = new JButton(ChromeIcons.BACK);
    private final JButton forward = new JButton(ChromeIcons.FORWARD);
    private final JButton reload = new JButton(ChromeIcons.RELOAD);
    private final JButton newTab = new JButton(ChromeIcons.NEW_TAB);
    private final JButton bookmarkStar = new JButton(ChromeIcons.STAR);
    private final JButton bookmarksMenu = new JButton("Bookmarks");
    private final JButton historyButton = new JButton(ChromeIcons.HISTORY);
    private final JButton downloadsButton = new JButton(ChromeIcons.DOWNLOADS);
    private final java.util.Map<BrowserTab, TabHeader> headers = new java.util.HashMap<>();
    private final FindBar findBar = new FindBar(this::current);
    private final PageZoom zoom = new PageZoom();
    private final ProfileList history;
    private final ProfileList bookmarks;
    private final Downloads downloads = new Downloads();
    private HistoryDialog historyDialog;
    private DownloadsDialog downloadsDialog;
    private final JPanel toolbar = new JPanel(new BorderLayout(4, 0));
    private final JPanel chromeStrip = new JPanel(new ChromeStripLayout());
    private final Runnable onClosed;
    private final InternalPageGuard pageGuard = new InternalPageGuard();
    private boolean pageFullscreen;
    private boolean windowFullscreen;

    public BrowserWindow(CefClient client, PluginHost plugins, Runnable onClosed) {
        super("Callsafe");
        this.client = client;
        this.plugins = plugins;
        this.onClosed = onClosed;
        this.history = new ProfileList(plugins.profileDirectory().resolve("history.json"), 2000);
        this.bookmarks = new ProfileList(plugins.profileDirectory().resolve("bookmarks.json"), 500);
        setDefaultCloseOperation(DISPOSE_ON_CLOSE);
        setSize(new Dimension(1200, 760));
        buildChrome();
        // Off-screen pages have no native popups: window.open and new-window links become tabs here.
        plugins.addMessageHandler(NewTabRequests.CHANNEL, new NewTabRequests(this));
        plugins.addDocumentScript(NewTabRequests.pageScript());
        // A frame gone without any hint from the engine is still noticed within a second.
        javax.swing.Timer frameSweep = new javax.swing.Timer(1000, e -> tabs.forEach(t -> t.frames().check()));
        frameSweep.start();
        addWindowListener(new WindowAdapter() {
            @Override
            public void windowClosed(WindowEvent e) {
                frameSweep.stop();
                history.flush();
                bookmarks.flush();
                onClosed.run();
            }
        });
    }

    private void buildChrome() {
        toolButton(back, "nav.back", "Back", "Back (Alt+Left)", "Goes to the previous page of this tab");
        toolButton(forward, "nav.forward", "Forward", "Forward (Alt+Right)", "Goes to the next page of this tab");
        toolButton(reload, "nav.reload", "Reload", "Reload (F5)", "Loads this page again");
        toolButton(newTab, "nav.newTab", "New tab", "New tab (Ctrl+T)", "Opens a new tab");
        toolButton(bookmarkStar, "bookmarks.star", "Bookmark this page", "Bookmark this page (Ctrl+D)",
                "Adds this page to the bookmarks, or removes it when it is bookmarked");
        toolButton(bookmarksMenu, "bookmarks.menu", "Bookmarks", "Bookmarks", "Lists the bookmarks to open or remove");
        toolButton(historyButton, "history.button", "History", "History (Ctrl+H)", "Shows the visited pages");
        toolButton(downloadsButton, "downloads.button", "Downloads", "Downloads (Ctrl+J)",
                "Shows the downloaded files and their progress");
        back.setEnabled(false);
        forward.setEnabled(false);
        back.addActionListener(e -> current().ifPresent(t -> t.browser().goBack()));
        forward.addActionListener(e -> current().ifPresent(t -> t.browser().goForward()));
        reload.addActionListener(e -> reloadCurrent());
        newTab.addActionListener(e -> openNewTabPage());
        bookmarkStar.addActionListener(e -> toggleBookmark());
        bookmarksMenu.addActionListener(e -> showBookmarksMenu());
        historyButton.addActionListener(e -> showHistory());
        downloadsButton.addActionListener(e -> showDownloads());
        zoom.indicator().addActionListener(e -> current().ifPresent(t -> zoom.change(t, 0)));
        address.putClientProperty("JTextField.placeholderText", "Type an address");
        Accessible.name(address, "Address", "The page's address; type another and press Enter to go there (Ctrl+L)");
        Accessible.name(tabPane, "Tabs", "The open tabs; a middle click closes one");
        bookmarks.addListener(this::showBookmarkState);
        downloads.addListener(d -> {
            if (downloadsDialog == null || !downloadsDialog.isVisible()) {
                // As Chrome shows its download bubble: the person sees the file arrive; the keyboard stays.
                showDownloads(false);
            }
        });
        JPanel nav = new JPanel();
        nav.setLayout(new BoxLayout(nav, BoxLayout.X_AXIS));
        nav.add(back);
        nav.add(forward);
        nav.add(reload);
        toolbar.setBorder(BorderFactory.createEmptyBorder(4, 4, 4, 4));
        for (JComponent w : plugins.addressBarWidgets()) {
            nav.add(w);
        }
        JPanel tools = new JPanel();
        tools.setLayout(new BoxLayout(tools, BoxLayout.X_AXIS));
        for (JButton b : new JButton[] {zoom.indicator(), bookmarkStar, bookmarksMenu, historyButton, downloadsButton, newTab}) {
            tools.add(b);
        }
        toolbar.add(nav, BorderLayout.WEST);
        toolbar.add(address, BorderLayout.CENTER);
        tools.add(new BrowserMenu(plugins, new SettingsDialog(this, plugins)));
        toolbar.add(tools, BorderLayout.EAST);
        tabPane.addMouseListener(new java.awt.event.MouseAdapter() {
            @Override
            public void mouseReleased(java.awt.event.MouseEvent e) {
                if (SwingUtilities.isMiddleMouseButton(e)) {
                    int i = tabPane.indexAtLocation(e.getX(), e.getY());
                    if (i >= 0) {
                        closeTab((BrowserTab) tabPane.getComponentAt(i));
                    }
                }
            }
        });

        chromeStrip.setName("chrome.strip");
        for (JComponent w : plugins.widgets()) {
            chromeStrip.add(w);
        }
        chromeStrip.add(Box.createVerticalStrut(26));

        JPanel north = new JPanel();
        north.setLayout(new BoxLayout(north, BoxLayout.Y_AXIS));
        toolbar.setAlignmentX(0);
        chromeStrip.setAlignmentX(0);
        north.add(toolbar);
        north.add(chromeStrip);
        // The strip's rows depend on its width: a narrower window may need more of them.
        chromeStrip.addComponentListener(new java.awt.event.ComponentAdapter() {
            private int width = -1;

            @Override
            public void componentResized(java.awt.event.ComponentEvent e) {
                if (chromeStrip.getWidth() != width) {
                    width = chromeStrip.getWidth();
                    chromeStrip.revalidate();
                }
            }
        });
        getContentPane().add(north, BorderLayout.NORTH);
        getContentPane().add(tabPane, BorderLayout.CENTER);
        getContentPane().add(findBar, BorderLayout.SOUTH); // as in Firefox: under the page, covering none of it

        tabPane.addChangeListener(e -> current().ifPresent(this::tabBecameSelected));

        // Shortcuts must work wherever the keyboard is, also on the page's heavyweight component, which
        // Swing key bindings never see; CEF's keyboard handler covers keys Chromium receives natively.
        KeyboardFocusManager.getCurrentKeyboardFocusManager().addKeyEventDispatcher(e -> {
            if (e.getID() != KeyEvent.KEY_PRESSED || e.getComponent() == null
                    || SwingUtilities.getWindowAncestor(e.getComponent()) != this && e.getComponent() != this) {
                return false;
            }
            if (e.isControlDown() && !e.isAltDown() && editInPage(e.getComponent(), e.getKeyCode(), e.isShiftDown())) {
                return true;
            }
            return handleShortcut(e.isControlDown(), e.getKeyCode());
        });
    }

    /**
     * A toolbar button: icon only (text for the bookmarks menu), a tooltip, and a name and description for
     * screen readers. Not in the Tab order, as in Chrome: the keyboard reaches each through its shortcut.
     */
    private static void toolButton(JButton b, String name, String accessibleName, String tip, String description) {
        b.setName(name);
        b.setToolTipText(tip);
        b.setFocusable(false);
        b.putClientProperty("JButton.buttonType", "toolBarButton");
        Accessible.name(b, accessibleName, description);
    }

    /**
     * Ctrl+C, X, V, A, Z (Shift+Z redo) while a page has the keyboard. Copy, cut and paste go through
     * {@link PageClipboard} (Chromium's X clipboard does not work here); select all, undo and redo are
     * Chromium's own commands on the focused frame.
     */
    private boolean editInPage(java.awt.Component source, int keyCode, boolean shift) {
        Optional<BrowserTab> tab = tabs.stream().filter(t -> t.browser().getUIComponent() == source).findFirst();
        if (tab.isEmpty()) {
            return false;
        }
        BrowserTab t = tab.get();
        org.cef.browser.CefFrame frame = t.focusedFrame();
        switch (keyCode) {
            case KeyEvent.VK_C -> PageClipboard.copy(t);
            case KeyEvent.VK_X -> PageClipboard.cut(t);
            case KeyEvent.VK_V -> PageClipboard.paste(t);
            case KeyEvent.VK_A -> frame.selectAll();
            case KeyEvent.VK_Z -> {
                if (shift) {
                    frame.redo();
                } else {
                    frame.undo();
                }
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** Runs a browser shortcut pressed while the page had keyboard focus; true when it was one. */
    boolean handleShortcut(boolean control, int keyCode) {
        Runnable r = null;
        if (control && keyCode == KeyEvent.VK_L) {
            r = this::focusAddress;
        } else if (control && keyCode == KeyEvent.VK_T) {
            r = this::openNewTabPage;
        } else if (control && keyCode == KeyEvent.VK_F) {
            r = findBar::open;
        } else if (control && keyCode == KeyEvent.VK_D) {
            r = this::toggleBookmark;
        } else if (control && keyCode == KeyEvent.VK_H) {
            r = this::showHistory;
        } else if (control && keyCode == KeyEvent.VK_J) {
            r = this::showDownloads;
        } else if (control && isZoomIn(keyCode)) {
            r = () -> current().ifPresent(t -> zoom.change(t, 1));
        } else if (control && isZoomOut(keyCode)) {
            r = () -> current().ifPresent(t -> zoom.change(t, -1));
        } else if (control && (keyCode == KeyEvent.VK_0 || keyCode == KeyEvent.VK_NUMPAD0)) {
            r = () -> current().ifPresent(t -> zoom.change(t, 0));
        } else if (control && keyCode == KeyEvent.VK_W) {
            r = () -> current().ifPresent(this::closeTab);
        } else if (!control && keyCode == KeyEvent.VK_F5) {
            r = this::reloadCurrent;
        } else if (!control && keyCode == KeyEvent.VK_F11) {
            r = () -> setWindowFullscreen(!windowFullscreen);
        } else if (!control && keyCode == KeyEvent.VK_ESCAPE && (pageFullscreen || windowFullscreen)) {
            // As in Chrome, Escape leaves fullscreen first and is not given to the page.
            r = () -> {
                if (pageFullscreen) {
                    current().ifPresent(BrowserTab::exitFullscreen);
                } else {
                    setWindowFullscreen(false);
                }
            };
        }
        if (r != null) {
            SwingUtilities.invokeLater(r);
        }
        return r != null;
    }

    /** Ctrl+= or Ctrl++ (main keyboard or keypad; AWT's codes and, from CEF, Windows' VK_OEM_PLUS). */
    private static boolean isZoomIn(int keyCode) {
        return keyCode == KeyEvent.VK_EQUALS || keyCode == KeyEvent.VK_PLUS || keyCode == KeyEvent.VK_ADD
                || keyCode == 0xBB;
    }

    /** Ctrl+- (main keyboard or keypad; AWT's codes and, from CEF, Windows' VK_OEM_MINUS). */
    private static boolean isZoomOut(int keyCode) {
        return keyCode == KeyEvent.VK_MINUS || keyCode == KeyEvent.VK_SUBTRACT || keyCode == 0xBD;
    }

    /** Ctrl+T and the + button: the new-tab page, with the keyboard in the address bar. */
    void openNewTabPage() {
        openTab(NEW_TAB_URL);
        focusAddress();
    }

    private void toggleBookmark() {
        current().ifPresent(t -> {
            String url = t.url();
            if (!isBookmarkable(url)) {
                return;
            }
            if (bookmarks.contains(url)) {
                bookmarks.remove(url);
            } else {
                bookmarks.putFirst(url, t.title());
            }
        });
    }

    private static boolean isBookmarkable(String url) {
        return url != null && (url.startsWith("http://") || url.startsWith("https://") || url.startsWith("callsafe://demo"));
    }

    private void showBookmarkState() {
        boolean marked = current().map(t -> bookmarks.contains(t.url())).orElse(false);
        String name = marked ? "Remove bookmark" : "Bookmark this page";
        bookmarkStar.setToolTipText(name + " (Ctrl+D)");
        bookmarkStar.getAccessibleContext().setAccessibleName(name);
        bookmarkStar.setSelected(marked);
    }

    /** The bookmarks menu: each bookmark opens in this tab; "Remove" lists them again to forget one. */
    private void showBookmarksMenu() {
        javax.swing.JPopupMenu menu = new javax.swing.JPopupMenu();
        menu.setName("bookmarks.popup");
        menu.setLightWeightPopupEnabled(false); // over the heavyweight page
        javax.swing.JMenuItem add = new javax.swing.JMenuItem(current().map(t -> bookmarks.contains(t.url())).orElse(false)
                ? "Remove bookmark for this page" : "Bookmark this page");
        add.setName("bookmarks.add");
        add.setEnabled(current().map(t -> isBookmarkable(t.url())).orElse(false));
        add.addActionListener(e -> toggleBookmark());
        menu.add(add);
        if (bookmarks.damagedCopy() != null) {
            // the person learns why the list is empty and where the old one is, instead of losing it unseen
            javax.swing.JMenuItem damaged = new javax.swing.JMenuItem("Damaged bookmarks file kept as "
                    + bookmarks.damagedCopy().getFileName() + " in the profile");
            damaged.setName("bookmarks.damaged");
            damaged.setToolTipText(bookmarks.damagedCopy().toString());
            damaged.setEnabled(false);
            menu.add(damaged);
        }
        List<ProfileList.Page> saved = bookmarks.pages();
        if (!saved.isEmpty()) {
            menu.addSeparator();
        }
        javax.swing.JMenu remove = new javax.swing.JMenu("Remove");
        remove.setName("bookmarks.remove");
        for (ProfileList.Page p : saved) {
            javax.swing.JMenuItem item = new javax.swing.JMenuItem(p.title(), ChromeIcons.PAGE);
            item.setName("bookmarks.item");
            item.setToolTipText(p.url());
            item.getAccessibleContext().setAccessibleDescription("Opens " + p.url());
            item.addActionListener(e -> openHere(p.url()));
            menu.add(item);
            javax.swing.JMenuItem forget = new javax.swing.JMenuItem(p.title());
            forget.setName("bookmarks.remove.item");
            forget.getAccessibleContext().setAccessibleDescription("Removes the bookmark for " + p.url());
            forget.addActionListener(e -> bookmarks.remove(p.url()));
            remove.add(forget);
        }
        if (!saved.isEmpty()) {
            menu.addSeparator();
            menu.add(remove);
        }
        menu.show(bookmarksMenu, 0, bookmarksMenu.getHeight());
    }

    /** Opens an address in the selected tab (a new one when there is none), the page getting the keyboard. */
    private void openHere(String url) {
        if (current().isEmpty()) {
            openTab(url);
        } else {
            go(url);
        }
    }

    private void showHistory() {
        if (historyDialog == null) {
            historyDialog = new HistoryDialog(this, history, this::openHere);
        }
        historyDialog.open();
    }

    private void showDownloads() {
        showDownloads(true);
    }

    private void showDownloads(boolean takeKeyboard) {
        if (downloadsDialog == null) {
            downloadsDialog = new DownloadsDialog(this, downloads);
        }
        downloadsDialog.setAutoRequestFocus(takeKeyboard);
        downloadsDialog.setVisible(true);
    }

    /** The download handler for the window's CEF client. */
    public Downloads downloads() {
        return downloads;
    }

    /** Visited pages of this profile, newest first (diagnostics and tests). */
    public List<String> historyUrls() {
        return history.pages().stream().map(ProfileList.Page::url).toList();
    }

    /** Bookmarked addresses, newest first (diagnostics and tests). */
    public List<String> bookmarkUrls() {
        return bookmarks.pages().stream().map(ProfileList.Page::url).toList();
    }

    /** Closes the find bar as Escape does. */
    public void closeFindBar() {
        findBar.close();
    }

    /** The find bar's match counter, as shown ("1 of 3"). */
    public String findCount() {
        return findBar.countText();
    }

    void focusAddress() {
        address.focusForTyping();
    }

    /** What the person entered in the address bar: load it in the selected tab, whose page gets the keyboard. */
    private void go(String typed) {
        current().ifPresent(t -> {
            t.load(LaunchOptions.normalizeUrl(typed));
            t.browser().getUIComponent().requestFocusInWindow();
        });
    }

    private void reloadCurrent() {
        current().ifPresent(t -> t.browser().reload());
    }

    /** Opens a tab that loads {@code url} once the plugins' page scripts are in place. Call on the EDT. */
    public BrowserTab openTab(String url) {
        boolean offscreen = Boolean.parseBoolean(System.getProperty("callsafe.osr", "true"));
        CefBrowser browser = offscreen
                ? org.cef.browser.FocusSafeOsrBrowser.open(client, "about:blank")
                : client.createBrowser("about:blank", false, false);
        BrowserTab tab = new BrowserTab(browser, this);
        tab.setDisplayUrl(url);
        tabs.add(tab);
        tabPane.addTab("New tab", tab);
        TabHeader header = new TabHeader(() -> closeTab(tab));
        headers.put(tab, header);
        tabPane.setTabComponentAt(tabPane.indexOfComponent(tab), header);
        tabPane.setSelectedComponent(tab);
        tab.putClientProperty("callsafe.pendingUrl", url);
        if (offscreen) {
            // JCEF creates an off-screen browser on its canvas's first paint, which never comes while the
            // window is minimised or covered: the tab would not load until the window shows again.
            browser.createImmediately();
        }
        return tab;
    }

    /** Called when CEF created the tab's browser: install page scripts, then load the first URL. */
    void browserCreated(CefBrowser browser) {
        Optional<BrowserTab> found = tabFor(browser);
        if (found.isEmpty()) {
            return;
        }
        BrowserTab tab = found.get();
        String url = (String) tab.getClientProperty("callsafe.pendingUrl");
        tab.targets().listen();
        tab.foreground(tabPane.getSelectedComponent() == tab);
        new DocumentScripts(browser.getDevToolsClient(), tab.targets(), plugins.documentScript()).install()
                .whenComplete((ok, err) -> SwingUtilities.invokeLater(() -> {
                    if (err != null) {
                        tab.failReady(err);
                        return; // a tab without its scripts must not load pages
                    }
                    plugins.fire(l -> l.tabOpened(tab));
                    if (tabPane.getSelectedComponent() == tab) {
                        tabBecameSelected(tab);
                    }
                    pageGuard.load(browser, url);
                    tab.markReady();
                }));
    }

    /** Decides which navigations may open the browser's own pages; the browser's own loads go through it. */
    public InternalPageGuard pageGuard() {
        return pageGuard;
    }

    /** A frame the plugins were told about (it sent a page message): its going away will be reported. */
    public void frameSeen(CefBrowser browser, String frameId) {
        tabFor(browser).ifPresent(t -> t.frames().seen(frameId));
    }

    /** One of a tab's frames went away: everything tied to its document ends. */
    void frameGone(BrowserTab tab, String frameId) {
        if (tabs.contains(tab)) {
            plugins.fire(l -> l.frameGone(tab, frameId));
        }
    }

    public void closeTab(BrowserTab tab) {
        if (!tabs.remove(tab)) {
            return;
        }
        plugins.fire(l -> l.tabClosed(tab));
        headers.remove(tab);
        tabPane.remove(tab);
        tab.browser().close(true);
        if (tabs.isEmpty()) {
            dispose();
        }
    }

    void select(BrowserTab tab) {
        tabPane.setSelectedComponent(tab);
    }

    private void tabBecameSelected(BrowserTab tab) {
        tabs.forEach(t -> t.foreground(t == tab));
        setTitle(tab.title() + " \u2014 Callsafe");
        address.showPage();
        showHistoryState(tab);
        showBookmarkState();
        zoom.show(zoom.percent(tab));
        findBar.tabChanged();
        plugins.fire(l -> l.tabSelected(tab));
    }

    public Optional<BrowserTab> current() {
        return Optional.ofNullable((BrowserTab) tabPane.getSelectedComponent());
    }

    public List<BrowserTab> tabs() {
        return List.copyOf(tabs);
    }

    Optional<BrowserTab> tabFor(CefBrowser browser) {
        return tabs.stream().filter(t -> t.browser() == browser
                || t.browser().getIdentifier() == browser.getIdentifier()).findFirst();
    }

    void titleChanged(BrowserTab tab, String title) {
        tab.setTitle(title);
        if (isRemembered(tab.url())) {
            history.retitle(tab.url(), tab.title());
            bookmarks.retitle(tab.url(), tab.title());
        }
        showTitle(tab);
        if (tabPane.getSelectedComponent() == tab) {
            setTitle(tab.title() + " \u2014 Callsafe");
        }
    }

    /** A tab started or stopped being shared with a page: the tab strip marks it. */
    void sharedChanged(BrowserTab tab, boolean shared) {
        tab.putClientProperty("callsafe.shared", shared);
        showTitle(tab);
    }

    /**
     * A tab started or stopped capturing camera or microphone for a page: the tab strip marks it
     * ("\u25CF Camera:", "\u25CF Microphone:", "\u25CF Camera and microphone:"), selected or not.
     */
    void capturingChanged(BrowserTab tab, java.util.Set<dev.callsafe.permissions.MediaKind> kinds) {
        boolean cam = kinds.contains(dev.callsafe.permissions.MediaKind.CAMERA);
        boolean mic = kinds.contains(dev.callsafe.permissions.MediaKind.MICROPHONE);
        tab.putClientProperty("callsafe.capturing",
                cam && mic ? "Camera and microphone" : cam ? "Camera" : mic ? "Microphone" : null);
        showTitle(tab);
    }

    private void showTitle(BrowserTab tab) {
        int i = tabPane.indexOfComponent(tab);
        if (i >= 0) {
            String t = tab.title();
            String shown = t.length() > 28 ? t.substring(0, 27) + "\u2026" : t;
            boolean shared = Boolean.TRUE.equals(tab.getClientProperty("callsafe.shared"));
            Object capturing = tab.getClientProperty("callsafe.capturing");
            String marked = capturing == null ? shown : "\u25CF " + capturing + ": " + shown;
            tabPane.setTitleAt(i, shared ? "\u25C9 Shared: " + marked : marked);
            String tip = t + (shared ? " (this tab is being shared)" : "")
                    + (capturing == null ? "" : " (" + capturing + " in use)");
            tabPane.setToolTipTextAt(i, tip);
            TabHeader header = headers.get(tab);
            if (header != null) {
                header.show(tabPane.getTitleAt(i), tip);
            }
        }
    }

    /** The title the tab strip shows for a tab (with the sharing mark). */
    public String tabStripTitle(BrowserTab tab) {
        int i = tabPane.indexOfComponent(tab);
        return i < 0 ? "" : tabPane.getTitleAt(i);
    }

    void addressChanged(BrowserTab tab, String url) {
        tab.setDisplayUrl(url);
        if (isRemembered(url)) {
            history.putFirst(url, tab.title());
        }
        if (tabPane.getSelectedComponent() == tab) {
            address.follow(url);
            showBookmarkState();
            zoom.apply(tab);
        }
        SwingUtilities.invokeLater(() -> showHistoryState(tab));
    }

    /** Pages that go into history: web pages, not the browser's own or blank ones. */
    private static boolean isRemembered(String url) {
        return url != null && (url.startsWith("http://") || url.startsWith("https://"));
    }

    /** Back and Forward are enabled as far as the selected tab's history goes. */
    void showHistoryState(BrowserTab tab) {
        if (tabPane.getSelectedComponent() == tab) {
            back.setEnabled(tab.browser().canGoBack());
            forward.setEnabled(tab.browser().canGoForward());
        }
    }

    /** The main frame finished loading: the tab shows the page's icon, or the globe when it has none. */
    void pageLoaded(BrowserTab tab) {
        showHistoryState(tab);
        TabHeader header = headers.get(tab);
        if (header == null) {
            return;
        }
        String loadedUrl = tab.url();
        tab.declaredIconUrl().thenCompose(Favicons::load).thenAccept(icon -> SwingUtilities.invokeLater(() -> {
            if (loadedUrl.equals(tab.url())) {
                header.setFavicon(icon.orElse(null));
            }
        }));
    }

    /** The main frame began loading another document: its icon is not known yet. */
    void pageStarted(BrowserTab tab) {
        TabHeader header = headers.get(tab);
        if (header != null) {
            header.setFavicon(null);
        }
    }

    /** Whether the tab strip shows the page's own icon for this tab (not the fallback). */
    public boolean showsPageIcon(BrowserTab tab) {
        TabHeader header = headers.get(tab);
        return header != null && header.hasPageIcon();
    }

    /** A page entered or left fullscreen: the toolbar goes, the chrome strip (indicators) stays. */
    void fullscreenChanged(BrowserTab tab, boolean fullscreen) {
        pageFullscreen = fullscreen;
        showFullscreen(fullscreen || windowFullscreen);
    }

    /** F11: the whole window fullscreen, whatever the page does; the chrome strip stays here too. */
    void setWindowFullscreen(boolean on) {
        windowFullscreen = on;
        showFullscreen(on || pageFullscreen);
    }

    private void showFullscreen(boolean on) {
        toolbar.setVisible(!on);
        setExtendedState(on ? MAXIMIZED_BOTH : NORMAL);
        revalidate();
    }

    /** Whether the page or the person (F11) made the window fullscreen. */
    public boolean isFullscreen() {
        return pageFullscreen || windowFullscreen;
    }

    /** The chrome strip holding plugin widgets (capture indicators). */
    public JComponent chromeStrip() {
        return chromeStrip;
    }

    public JComponent toolbar() {
        return toolbar;
    }

    public PluginHost plugins() {
        return plugins;
    }
}
