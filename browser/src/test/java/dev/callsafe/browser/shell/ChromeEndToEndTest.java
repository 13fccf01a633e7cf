package dev.callsafe.browser.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Point;
import java.awt.Rectangle;
import java.awt.event.InputEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import javax.swing.JButton;
import javax.swing.JDialog;
import javax.swing.JList;
import javax.swing.JTabbedPane;
import javax.swing.JTextField;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.callsafe.browser.BrowserFixture;
import dev.callsafe.browser.PersonInput;
import dev.callsafe.browser.Wait;

/**
 * The chrome as a person uses it, with real mouse and keyboard: find in page, zoom, tabs (favicon, close
 * button, middle click), back and forward, bookmarks, history, downloads, the site button and its popup.
 */
class ChromeEndToEndTest {
    private static final Duration SHORT = Duration.ofSeconds(15);
    private static Path downloads;

    private BrowserFixture browser;
    private PersonInput input;
    private BrowserTab tab;

    @BeforeAll
    static void downloadsFolder() throws Exception {
        downloads = Files.createTempDirectory("callsafe-downloads-");
        System.setProperty("callsafe.downloads", downloads.toString()); // read at each download
    }

    @BeforeEach
    void open() throws Exception {
        browser = BrowserFixture.get();
        input = browser.input();
        tab = browser.freshTab("/chrome.html");
    }

    /**
     * Hides the history and downloads windows a failed test left open: over the page, they would take the
     * clicks and keys of the tests after it in this JVM. A back door (a person would close them), used only
     * to contain a failure.
     */
    @AfterEach
    void closeLeftWindows() {
        BrowserFixture.onEdt(() -> {
            for (java.awt.Window w : java.awt.Window.getWindows()) {
                if (w.isShowing() && ("history.dialog".equals(w.getName()) || "downloads.dialog".equals(w.getName()))) {
                    w.setVisible(false);
                }
            }
        });
    }

    private BrowserWindow window() {
        return browser.browser().window();
    }

    @Test
    void findInPageCountsMatchesStepsWithEnterAndClosesWithEscape() {
        input.click(tab, "#field");
        input.key("ctrl+f");
        browser.awaitShowing("find.bar");
        Wait.until("find field focused", SHORT,
                () -> BrowserFixture.onEdtGet(() -> browser.awaitShowing("find.field").isFocusOwner()));
        input.type("needle");
        Wait.until("three matches, the first one current", SHORT, () -> "1 of 3".equals(window().findCount()));
        input.key("Return");
        Wait.until("the second match", SHORT, () -> "2 of 3".equals(window().findCount()));
        input.key("shift+Return");
        Wait.until("back to the first", SHORT, () -> "1 of 3".equals(window().findCount()));
        assertEquals("", browser.eval(tab, "document.getElementById('field').value").getAsString(),
                "what was typed into the find bar did not reach the page");
        input.key("Escape");
        browser.awaitGone("find.bar");
        Wait.until("the page has the keyboard again", SHORT,
                () -> BrowserFixture.onEdtGet(() -> tab.browser().getUIComponent().isFocusOwner()));
    }

    @Test
    void controlPlusZoomsThePageAndControlZeroResetsIt() {
        double ratio = browser.eval(tab, "devicePixelRatio").getAsDouble();
        int width = browser.eval(tab, "innerWidth").getAsInt();
        input.click(tab, "#field");
        input.key("ctrl+equal");
        Wait.until("the page is zoomed to 110 %", SHORT,
                () -> Math.abs(browser.eval(tab, "devicePixelRatio").getAsDouble() - ratio * 1.1) < 0.01);
        assertTrue(browser.eval(tab, "innerWidth").getAsInt() < width, "fewer CSS pixels fit the window");
        assertEquals("110 %", BrowserFixture.onEdtGet(() -> ((JButton) browser.awaitShowing("zoom.indicator")).getText()));
        input.key("ctrl+minus");
        input.key("ctrl+minus");
        Wait.until("90 %", SHORT, () -> Math.abs(browser.eval(tab, "devicePixelRatio").getAsDouble() - ratio * 0.9) < 0.01);
        input.key("ctrl+0");
        Wait.until("back to 100 %", SHORT,
                () -> Math.abs(browser.eval(tab, "devicePixelRatio").getAsDouble() - ratio) < 0.01);
        browser.awaitGone("zoom.indicator");
        assertEquals(width, browser.eval(tab, "innerWidth").getAsInt());
    }

    private Rectangle tabBounds(BrowserTab t) {
        return BrowserFixture.onEdtGet(() -> {
            JTabbedPane pane = (JTabbedPane) t.getParent();
            Rectangle r = pane.getBoundsAt(pane.indexOfComponent(t));
            Point at = pane.getLocationOnScreen();
            return new Rectangle(at.x + r.x, at.y + r.y, r.width, r.height);
        });
    }

    @Test
    void tabsShowTheFaviconAndCloseWithTheirButtonOrAMiddleClick() throws Exception {
        Wait.until("the page's icon in its tab", SHORT, () -> window().showsPageIcon(tab));
        BrowserTab other = browser.open(browser.pages().url("/call.html"));
        Wait.until("title shown", SHORT, () -> other.title().equals("Test call"));
        assertFalse(window().showsPageIcon(other), "a page without an icon shows the fallback");

        Rectangle r = tabBounds(other);
        input.click(new Point(r.x + r.width / 3, r.y + r.height / 2), InputEvent.BUTTON2_DOWN_MASK, 1);
        Wait.until("middle click closed the tab", SHORT, () -> !window().tabs().contains(other));

        BrowserTab third = browser.open(browser.pages().url("/call.html"));
        JButton close = BrowserFixture.onEdtGet(() -> {
            JTabbedPane pane = (JTabbedPane) third.getParent();
            return ((TabHeader) pane.getTabComponentAt(pane.indexOfComponent(third))).closeButton();
        });
        browser.click(close);
        Wait.until("the close button closed the tab", SHORT, () -> !window().tabs().contains(third));
        assertTrue(window().tabs().contains(tab));
    }

    private boolean enabled(String name) {
        return BrowserFixture.onEdtGet(() -> browser.awaitShowing(name).isEnabled());
    }

    @Test
    void backAndForwardButtonsFollowTheTabsHistory() {
        String first = browser.pages().url("/chrome.html");
        String second = browser.pages().url("/call.html");
        browser.navigate(tab, second);
        Wait.until("Back enabled", SHORT, () -> enabled("nav.back"));
        assertFalse(enabled("nav.forward"));
        browser.clickNamed("nav.back");
        Wait.until("back on the first page", SHORT, () -> first.equals(browser.eval(tab, "location.href").getAsString()));
        Wait.until("Forward enabled", SHORT, () -> enabled("nav.forward"));
        browser.clickNamed("nav.forward");
        Wait.until("forward on the second page", SHORT, () -> second.equals(browser.eval(tab, "location.href").getAsString()));
        Wait.until("Forward disabled at the end", SHORT, () -> !enabled("nav.forward"));
    }

    @Test
    void ctrlDBookmarksAPageThatReopensFromTheMenuAndIsRemovedThere() throws Exception {
        String url = browser.pages().url("/chrome.html");
        Wait.until("title known", SHORT, () -> tab.title().equals("Chrome test page"));
        if (window().bookmarkUrls().contains(url)) {
            browser.clickNamed("bookmarks.star"); // left from an earlier run in this profile
            Wait.until("bookmark removed", SHORT, () -> !window().bookmarkUrls().contains(url));
        }
        input.click(tab, "body");
        input.key("ctrl+d");
        Wait.until("bookmarked", SHORT, () -> window().bookmarkUrls().contains(url));
        javax.swing.AbstractButton star = (javax.swing.AbstractButton) browser.awaitShowing("bookmarks.star");
        Wait.until("the star shows it", SHORT, () -> BrowserFixture.onEdtGet(star::isSelected));
        Path file = browser.browser().options().profile().resolve("bookmarks.json");
        Wait.until("stored in the profile", SHORT, () -> Files.exists(file) && read(file).contains(url));

        browser.navigate(tab, browser.pages().url("/call.html"));
        browser.clickNamed("bookmarks.menu");
        javax.swing.JMenuItem item = (javax.swing.JMenuItem) Wait.value("bookmark in the menu", SHORT,
                () -> browser.showing("bookmarks.item"), l -> l.size() == 1).get(0);
        assertEquals("Chrome test page", BrowserFixture.onEdtGet(item::getText));
        browser.click(item);
        Wait.until("the bookmark reopened", SHORT, () -> url.equals(browser.eval(tab, "location.href").getAsString()));

        browser.clickNamed("bookmarks.menu");
        browser.clickNamed("bookmarks.remove");
        javax.swing.JMenuItem forget = (javax.swing.JMenuItem) Wait.value("the bookmark under Remove", SHORT,
                () -> browser.showing("bookmarks.remove.item"), l -> l.size() == 1).get(0);
        browser.click(forget);
        Wait.until("bookmark removed", SHORT, () -> !window().bookmarkUrls().contains(url));
        Wait.until("the star shows it", SHORT, () -> !BrowserFixture.onEdtGet(star::isSelected));
        Wait.until("removed from the profile", SHORT, () -> !read(file).contains(url));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "";
        }
    }

    @Test
    void historyListsAVisitedPageFoundBySearchAndOpensIt() {
        String visited = browser.pages().url("/chrome.html");
        browser.navigate(tab, browser.pages().url("/call.html"));
        input.click(tab, "body");
        input.key("ctrl+h");
        browser.awaitShowing("history.search"); // the window itself is no JComponent: found by its field
        Wait.until("search field focused", SHORT,
                () -> BrowserFixture.onEdtGet(() -> browser.awaitShowing("history.search").isFocusOwner()));
        input.type("chrome test");
        @SuppressWarnings("unchecked")
        JList<ProfileList.Page> list = (JList<ProfileList.Page>) browser.awaitShowing("history.list");
        Wait.until("the visited page listed first, only matching pages listed", SHORT, () -> BrowserFixture.onEdtGet(() -> {
            javax.swing.ListModel<ProfileList.Page> m = list.getModel();
            for (int i = 0; i < m.getSize(); i++) {
                if (!m.getElementAt(i).title().toLowerCase(java.util.Locale.ROOT).contains("chrome test")) {
                    return false;
                }
            }
            return m.getSize() >= 1 && m.getElementAt(0).url().equals(visited);
        }));
        input.key("Return");
        browser.awaitGone("history.search");
        Wait.until("the visited page reopened", SHORT, () -> visited.equals(browser.eval(tab, "location.href").getAsString()));
    }

    @Test
    void aDownloadIsSavedToTheDownloadsFolderAndListed() throws Exception {
        String served;
        try (java.io.InputStream in = ChromeEndToEndTest.class.getResourceAsStream("/pages/download.bin")) {
            served = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        assertTrue(served.startsWith("Callsafe download test"));
        input.click(tab, "#dl");
        Path saved = downloads.resolve("report.txt");
        Wait.until("the file saved whole", Duration.ofSeconds(20), () -> Files.exists(saved) && read(saved).equals(served));
        @SuppressWarnings("unchecked")
        JList<Downloads.Download> list = (JList<Downloads.Download>) browser.awaitShowing("downloads.list");
        Wait.until("listed as done", SHORT, () -> BrowserFixture.onEdtGet(() -> {
            for (int i = 0; i < list.getModel().getSize(); i++) {
                Downloads.Download d = list.getModel().getElementAt(i);
                if (saved.equals(d.file()) && d.complete()) {
                    return true;
                }
            }
            return false;
        }));
        BrowserFixture.onEdt(() -> ((JDialog) javax.swing.SwingUtilities.getWindowAncestor(list)).setVisible(false));
    }

    @Test
    void theSiteButtonShowsWhetherThePageIsSecureAndOpensAnAnchoredPopup() throws Exception {
        JButton site = (JButton) browser.awaitShowing("siteinfo.button");
        Wait.until("loopback counts as secure", SHORT, () -> BrowserFixture.onEdtGet(
                () -> site.getAccessibleContext().getAccessibleName()).contains("secure connection"));
        browser.navigate(tab, "http://" + BrowserFixture.INSECURE_HOST + ":" + browser.pages().port() + "/chrome.html");
        Wait.until("plain http elsewhere is not secure", SHORT, () -> BrowserFixture.onEdtGet(
                () -> site.getAccessibleContext().getAccessibleName()).contains("not secure"));
        assertEquals("Not secure", BrowserFixture.onEdtGet(site::getText));

        browser.clickNamed("siteinfo.button");
        javax.swing.JComponent panel = browser.awaitShowing("siteinfo.panel");
        JDialog popup = (JDialog) javax.swing.SwingUtilities.getWindowAncestor(panel);
        assertTrue(popup.isUndecorated(), "a popup, not a decorated window");
        Point button = BrowserFixture.onEdtGet(site::getLocationOnScreen);
        Point at = BrowserFixture.onEdtGet(popup::getLocationOnScreen);
        assertEquals(button.x, at.x, 2, "anchored at the button");
        assertTrue(Math.abs(at.y - (button.y + site.getHeight())) <= 2, "right under the button");
        Wait.until("the popup has the keyboard", SHORT, () -> BrowserFixture.onEdtGet(popup::isFocused));
        input.key("Escape");
        browser.awaitGone("siteinfo.panel");
    }

    @Test
    void controlTOpensTheNewTabPageWithTheKeyboardInTheAddressBar() {
        int before = window().tabs().size();
        input.click(tab, "#field");
        input.key("ctrl+t");
        Wait.until("a new tab", SHORT, () -> window().tabs().size() == before + 1);
        BrowserTab added = browser.current().orElseThrow();
        Wait.until("the new-tab page", SHORT, () -> browser.eval(added,
                "location.href === 'callsafe://newtab/' && document.readyState === 'complete'").getAsBoolean());
        JTextField address = (JTextField) browser.awaitShowing("nav.address");
        Wait.until("address bar empty and focused", SHORT, () -> BrowserFixture.onEdtGet(
                () -> address.getText().isEmpty() && address.isFocusOwner()));
        List<BrowserTab> all = window().tabs();
        assertEquals(before + 1, all.size());
    }
}
