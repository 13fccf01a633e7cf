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
    private final JButton back = new JButton("\u2190");
    private final JButton forward = new JButton("\u2192");
    private final JButton reload = new JButton("\u21BB");
    private final JButton newTab = new JButton("+");
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
                onClosed.run();
            }
        });
    }

    private void buildChrome() {
        back.setName("nav.back");
        forward.setName("nav.forward");
        reload.setName("nav.reload");
        newTab.setName("nav.newTab");
        back.setToolTipText("Back");
        forward.setToolTipText("Forward");
        reload.setToolTipText("Reload (F5)");
        newTab.setToolTipText("New tab (Ctrl+T)");
        back.addActionListener(e -> current().ifPresent(t -> t.browser().goBack()));
        forward.addActionListener(e -> current().ifPresent(t -> t.browser().goForward()));
        reload.addActionListener(e -> reloadCurrent());
        newTab.addActionListener(e -> openTab(LaunchOptions.DEMO_URL));
        JPanel nav = new JPanel();
        nav.setLayout(new BoxLayout(nav, BoxLayout.X_AXIS));
        for (JButton b : new JButton[] {back, forward, reload}) {
            b.setFocusable(false);
            nav.add(b);
        }
        toolbar.setBorder(BorderFactory.createEmptyBorder(4, 4, 4, 4));
        for (JComponent w : plugins.addressBarWidgets()) {
            nav.add(w);
        }
        toolbar.add(nav, BorderLayout.WEST);
        toolbar.add(address, BorderLayout.CENTER);
        JPanel end = new JPanel();
        end.setLayout(new BoxLayout(end, BoxLayout.X_AXIS));
        end.add(newTab);
        end.add(new BrowserMenu(plugins, new SettingsDialog(this, plugins)));
        toolbar.add(end, BorderLayout.EAST);

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
            r = () -> openTab(LaunchOptions.DEMO_URL);
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
        address.showPage();
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
        }
    }

    /** The title the tab strip shows for a tab (with the sharing mark). */
    public String tabStripTitle(BrowserTab tab) {
        int i = tabPane.indexOfComponent(tab);
        return i < 0 ? "" : tabPane.getTitleAt(i);
    }

    void addressChanged(BrowserTab tab, String url) {
        tab.setDisplayUrl(url);
        if (tabPane.getSelectedComponent() == tab) {
            address.follow(url);
        }
        SwingUtilities.invokeLater(() -> {
            back.setEnabled(tab.browser().canGoBack());
            forward.setEnabled(tab.browser().canGoForward());
        });
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
