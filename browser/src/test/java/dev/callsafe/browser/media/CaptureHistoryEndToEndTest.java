package dev.callsafe.browser.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.swing.JTable;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;

import dev.callsafe.browser.BrowserFixture;
import dev.callsafe.browser.Wait;
import dev.callsafe.browser.shell.BrowserTab;
import dev.callsafe.permissions.HistoryFilter;
import dev.callsafe.permissions.Origin;

/**
 * The capture history as a person meets it: a camera allowed in the real prompt and stopped in the chrome is a
 * row of the history window (opened from the menu and from the Site button, read from its table), and
 * clearing the site's data removes it.
 */
class CaptureHistoryEndToEndTest {
    private BrowserFixture browser;
    private BrowserTab tab;
    private Origin origin;

    @BeforeEach
    void open() throws Exception {
        browser = BrowserFixture.get();
        // The second port is an origin of its own, so this test's sessions are told apart from other tests'.
        tab = browser.open(browser.pages().otherPort("/call.html"));
        browser.closeAllBut(tab);
        origin = Origin.of(browser.pages().otherPort("/"));
    }

    @AfterEach
    void cleanUp() {
        browser.stopAllCapture();
        browser.media().clearSiteData(origin);
        // Windows this test opened sit over the chrome strip, where later tests click.
        BrowserFixture.onEdt(() -> {
            for (java.awt.Window w : java.awt.Window.getWindows()) {
                if (w instanceof javax.swing.JDialog d && ("siteinfo.popup".equals(d.getName())
                        || "history.dialog".equals(d.getName()))) {
                    d.setVisible(false);
                }
            }
        });
    }

    /** The history table's rows as the person reads them. */
    private List<List<String>> rows() {
        JTable table = (JTable) browser.awaitShowing("history.table");
        return BrowserFixture.onEdtGet(() -> {
            List<List<String>> out = new ArrayList<>();
            for (int r = 0; r < table.getRowCount(); r++) {
                List<String> row = new ArrayList<>();
                for (int c = 0; c < table.getColumnCount(); c++) {
                    row.add(String.valueOf(table.getValueAt(r, c)));
                }
                out.add(row);
            }
            return out;
        });
    }

    @Test
    void aCameraSessionIsShownAndClearingTheSiteRemovesIt() {
        browser.eval(tab, "probe.start({video: true})");
        browser.clickNamed("consent.allow");
        JsonObject s = Wait.value("camera on", Duration.ofSeconds(20),
                () -> browser.eval(tab, "probe.state()").getAsJsonObject(), x -> x.get("settled").getAsBoolean());
        assertTrue(s.get("error").isJsonNull(), () -> "error " + s.get("error"));
        String camera = s.getAsJsonArray("tracks").get(0).getAsJsonObject().get("label").getAsString();
        browser.clickNamed("capture.indicator.stop");
        Wait.until("capture stopped", Duration.ofSeconds(10), () -> browser.media().liveTrackCount() == 0);

        // From the menu: every site, newest first, so this session is the first row.
        browser.clickNamed("menu.button");
        browser.clickNamed("menu.history");
        List<String> newest = Wait.value("the session in the history", Duration.ofSeconds(10), this::rows,
                r -> !r.isEmpty() && r.get(0).get(0).equals(origin.display())).get(0);
        assertEquals("Camera", newest.get(1));
        assertEquals(camera, newest.get(2), "the device as the person saw it named");
        assertTrue(newest.get(4).matches("\\d+ s|\\d+ min \\d+ s"), () -> "closed with a duration: " + newest);
        browser.clickNamed("history.close");
        browser.awaitGone("history.table");

        // From the Site button: only this site.
        browser.clickNamed("siteinfo.button");
        browser.clickNamed("siteinfo.history");
        List<List<String>> site = rows();
        assertFalse(site.isEmpty());
        assertTrue(site.stream().allMatch(r -> r.get(0).equals(origin.display())), site::toString);
        assertEquals(newest, site.get(0));
        browser.clickNamed("history.close");
        browser.awaitGone("history.table");

        browser.clickNamed("siteinfo.clear");
        Wait.until("the site's sessions forgotten", Duration.ofSeconds(10), () -> browser.media().history()
                .sessions(new HistoryFilter(Optional.of(origin), Optional.empty())).isEmpty());
        browser.clickNamed("siteinfo.history");
        assertEquals(List.of(), rows(), "the history window shows none for the site");
    }
}
