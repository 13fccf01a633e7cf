package dev.callsafe.browser.shell;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.swing.JButton;

/**
 * Page zoom (Ctrl+plus, Ctrl+minus, Ctrl+0) in Chrome's steps, remembered per site for the session: a page
 * of the same host opens at the zoom last chosen there. Chromium's zoom level is log base 1.2 of the factor.
 * The indicator in the toolbar shows the zoom when it is not 100 % and resets it when pressed.
 */
final class PageZoom {
    static final int[] STEPS = {25, 33, 50, 67, 75, 80, 90, 100, 110, 125, 150, 175, 200, 250, 300, 400, 500};

    private final Map<String, Integer> perSite = new ConcurrentHashMap<>();
    private final JButton indicator = new JButton();

    PageZoom() {
        indicator.setName("zoom.indicator");
        indicator.setFocusable(false);
        indicator.setVisible(false);
        indicator.putClientProperty("JButton.buttonType", "toolBarButton");
    }

    JButton indicator() {
        return indicator;
    }

    static double level(int percent) {
        return Math.log(percent / 100.0) / Math.log(1.2);
    }

    private static String site(String url) {
        try {
            String host = URI.create(url).getHost();
            return host == null ? url : host;
        } catch (IllegalArgumentException e) {
            return url;
        }
    }

    int percent(BrowserTab tab) {
        return perSite.getOrDefault(site(tab.url()), 100);
    }

    /** One step in (+1) or out (-1), or back to 100 % (0). */
    void change(BrowserTab tab, int direction) {
        int now = percent(tab);
        int next = 100;
        if (direction > 0) {
            next = STEPS[STEPS.length - 1];
            for (int s : STEPS) {
                if (s > now) {
                    next = s;
                    break;
                }
            }
        } else if (direction < 0) {
            next = STEPS[0];
            for (int i = STEPS.length - 1; i >= 0; i--) {
                if (STEPS[i] < now) {
                    next = STEPS[i];
                    break;
                }
            }
        }
        String site = site(tab.url());
        if (next == 100) {
            perSite.remove(site);
        } else {
            perSite.put(site, next);
        }
        apply(tab);
    }

    /** Applies the tab's site zoom (after a navigation or when the tab is selected) and updates the indicator. */
    void apply(BrowserTab tab) {
        int p = percent(tab);
        tab.browser().setZoomLevel(level(p));
        show(p);
    }

    void show(int percent) {
        indicator.setVisible(percent != 100);
        indicator.setText(percent + " %");
        indicator.setToolTipText("Zoom " + percent + " % \u2014 press to reset (Ctrl+0)");
        Accessible.name(indicator, "Zoom " + percent + " percent, reset", "Resets the page zoom to 100 percent (Ctrl+0)");
    }
}
