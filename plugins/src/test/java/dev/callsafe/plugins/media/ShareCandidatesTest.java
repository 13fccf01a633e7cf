package dev.callsafe.plugins.media;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.callsafe.permissions.DisplaySource;
import dev.callsafe.plugins.spi.Tab;

/** How a page's getDisplayMedia hints arrange what the picker offers. */
class ShareCandidatesTest {
    private static Tab tab(int id) {
        return (Tab) Proxy.newProxyInstance(Tab.class.getClassLoader(), new Class<?>[] {Tab.class},
                (p, m, a) -> m.getName().equals("id") ? id : null);
    }

    private static ShareCandidates.Candidate candidate(DisplaySource source, String key, Tab tab) {
        return new ShareCandidates.Candidate() {
            @Override
            public DisplaySource source() {
                return source;
            }

            @Override
            public String key() {
                return key;
            }

            @Override
            public String label() {
                return key;
            }

            @Override
            public BufferedImage thumbnail() {
                return null;
            }

            @Override
            public Tab tab() {
                return tab;
            }
        };
    }

    private static final List<ShareCandidates.Candidate> ALL = List.of(
            candidate(DisplaySource.SCREEN, "screen0", null), candidate(DisplaySource.APPLICATION, "app", null),
            candidate(DisplaySource.BROWSER, "tab1", tab(1)), candidate(DisplaySource.BROWSER, "tab2", tab(2)));

    private static List<String> keys(List<ShareCandidates.Candidate> cs) {
        return cs.stream().map(ShareCandidates.Candidate::key).toList();
    }

    @Test
    void theRequestingTabIsLeftOutOrPutFirstAsThePageAsks() {
        ShareHints none = ShareHints.defaults();
        assertEquals(List.of("screen0", "app", "tab1"), keys(ShareCandidates.forPage(ALL, 2, none)),
                "left out unless asked for, as in Chrome");
        assertEquals(Optional.empty(), ShareCandidates.preselected(ALL, 2, none));
        ShareHints include = new ShareHints(false, true, false, true, Optional.empty());
        assertEquals(List.of("screen0", "app", "tab1", "tab2"), keys(ShareCandidates.forPage(ALL, 2, include)));
        ShareHints prefer = new ShareHints(true, true, false, true, Optional.empty());
        List<ShareCandidates.Candidate> preferred = ShareCandidates.forPage(ALL, 2, prefer);
        assertEquals(List.of("tab2", "screen0", "app", "tab1"), keys(preferred));
        assertEquals("tab2", ShareCandidates.preselected(preferred, 2, prefer).orElseThrow().key());
        ShareHints window = new ShareHints(false, true, false, true, Optional.of(DisplaySource.APPLICATION));
        assertEquals("app", ShareCandidates.preselected(ALL, 2, window).orElseThrow().key());
    }
}
