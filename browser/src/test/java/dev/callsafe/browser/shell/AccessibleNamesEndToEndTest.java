package dev.callsafe.browser.shell;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Component;
import java.awt.Container;
import java.awt.Window;
import java.util.ArrayList;
import java.util.List;

import javax.accessibility.AccessibleContext;
import javax.swing.AbstractButton;
import javax.swing.JComboBox;
import javax.swing.JList;
import javax.swing.JSlider;
import javax.swing.JTabbedPane;
import javax.swing.JTable;
import javax.swing.text.JTextComponent;

import org.junit.jupiter.api.Test;

import dev.callsafe.browser.BrowserFixture;
import dev.callsafe.browser.Wait;
import dev.callsafe.permissions.Origin;

/**
 * Every control a person can reach has a name a screen reader can say: the chrome, a consent prompt, the
 * find bar, the site information popup, the history and downloads windows, read through the accessibility
 * API as assistive technology reads them.
 */
class AccessibleNamesEndToEndTest {
    @Test
    void everyShowingControlHasAnAccessibleNameAndTheToolbarOnesADescription() throws Exception {
        BrowserFixture browser = BrowserFixture.get();
        BrowserTab tab = browser.freshTab("/call.html");
        Origin origin = Origin.of(browser.pages().url("/"));
        browser.media().clearSiteData(origin);
        try {
            browser.eval(tab, "probe.start({video: true}), true");
            browser.awaitShowing("consent.allow");
            Wait.until("prompt armed", java.time.Duration.ofSeconds(10),
                    () -> BrowserFixture.onEdtGet(() -> browser.awaitShowing("consent.allow").isEnabled()));
            browser.input().click(tab, "body");
            browser.input().key("ctrl+f");
            browser.awaitShowing("find.bar");
            browser.input().key("ctrl+h");
            browser.awaitShowing("history.search"); // the window itself is no JComponent
            browser.input().key("Escape");
            browser.awaitGone("history.search");
            browser.clickNamed("siteinfo.button");
            browser.awaitShowing("siteinfo.panel");

            List<String> unnamed = new ArrayList<>();
            List<String> undescribed = new ArrayList<>();
            int[] checked = {0};
            BrowserFixture.onEdt(() -> {
                for (Window w : Window.getWindows()) {
                    if (w.isShowing()) {
                        walk(w, unnamed, undescribed, checked);
                    }
                }
            });
            assertTrue(checked[0] > 20, "walked the controls: " + checked[0]);
            assertTrue(unnamed.isEmpty(), "controls without an accessible name: " + unnamed);
            assertTrue(undescribed.isEmpty(), "toolbar controls without a description: " + undescribed);
        } finally {
            browser.input().key("Escape");
            browser.awaitGone("siteinfo.panel");
            browser.clickNamed("consent.dismiss");
            browser.awaitGone("consent.prompt");
            BrowserFixture.onEdt(() -> browser.browser().window().closeFindBar());
            browser.media().clearSiteData(origin);
        }
    }

    /** Controls a person operates; look-and-feel internals (scroll arrows) are the toolkit's, not ours. */
    private static boolean isControl(Component c) {
        String pkg = c.getClass().getName();
        if (pkg.startsWith("javax.swing.plaf.") || pkg.startsWith("com.formdev.flatlaf.")) {
            return false;
        }
        return c instanceof AbstractButton || c instanceof JTextComponent && ((JTextComponent) c).isEditable()
                || c instanceof JList || c instanceof JTable || c instanceof JComboBox || c instanceof JSlider
                || c instanceof JTabbedPane;
    }

    /**
     * Checks every control in the window and every component the keyboard can reach there (the window's
     * focus traversal cycle, what Tab goes through: the page canvas and the prompt panel included).
     */
    private static void walk(Window window, List<String> unnamed, List<String> undescribed, int[] checked) {
        java.util.Set<Component> seen = new java.util.LinkedHashSet<>();
        collect(window, seen);
        java.awt.FocusTraversalPolicy policy = window.getFocusTraversalPolicy();
        if (policy != null) {
            Component first = policy.getFirstComponent(window);
            Component c = first;
            for (int i = 0; c != null && i < 500; i++) {
                if (c.isShowing()) {
                    seen.add(c);
                }
                c = policy.getComponentAfter(window, c);
                if (c == first) {
                    break;
                }
            }
        }
        for (Component c : seen) {
            checked[0]++;
            AccessibleContext ac = c.getAccessibleContext();
            String name = ac == null ? null : ac.getAccessibleName();
            if (name == null || name.isBlank() || name.equals("\u2715")) {
                unnamed.add(c.getName() + " (" + c.getClass().getSimpleName() + ")");
            }
            String id = String.valueOf(c.getName());
            if ((id.startsWith("nav.") || id.startsWith("bookmarks.") || id.startsWith("history.button")
                    || id.startsWith("downloads.button") || id.startsWith("siteinfo.button"))
                    && (ac == null || ac.getAccessibleDescription() == null || ac.getAccessibleDescription().isBlank())) {
                undescribed.add(id);
            }
        }
    }

    private static void collect(Container parent, java.util.Set<Component> out) {
        for (Component c : parent.getComponents()) {
            if (!c.isShowing()) {
                continue;
            }
            if (isControl(c)) {
                out.add(c);
            }
            if (c instanceof Container) {
                collect((Container) c, out);
            }
        }
    }
}
