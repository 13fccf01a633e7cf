package dev.callsafe.browser.cef;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** What a frame's sandbox (its origin and the sandbox attributes around it) lets its popups do. */
class PopupRuleTest {
    private static List<Optional<String>> attrs(String... values) {
        return java.util.Arrays.stream(values).map(Optional::ofNullable).toList();
    }

    @Test
    void noSandboxAnywhereIsAnOrdinaryPopup() {
        assertEquals(PopupRule.FREE, PopupRule.of(false, attrs()));
        assertEquals(PopupRule.FREE, PopupRule.of(false, attrs(null, null)));
    }

    @Test
    void aSandboxWithoutAllowPopupsRefusesWhateverTheOrigin() {
        assertEquals(PopupRule.REFUSED, PopupRule.of(false, attrs("allow-scripts allow-same-origin")));
        assertEquals(PopupRule.REFUSED, PopupRule.of(true, attrs("")));
        // allow-popups-to-escape-sandbox does not allow popups by itself
        assertEquals(PopupRule.REFUSED, PopupRule.of(false, attrs("allow-popups-to-escape-sandbox allow-same-origin")));
    }

    @Test
    void anEnclosingFramesSandboxCountsToo() {
        assertEquals(PopupRule.REFUSED, PopupRule.of(false, attrs(null, "allow-scripts allow-same-origin")));
        assertEquals(PopupRule.REFUSED, PopupRule.of(false, attrs("allow-popups allow-scripts", "allow-scripts")));
    }

    @Test
    void allowPopupsOpensAPopupThatKeepsTheSandbox() {
        assertEquals(PopupRule.SANDBOXED, PopupRule.of(true, attrs("allow-scripts allow-popups")));
        assertEquals(PopupRule.SANDBOXED, PopupRule.of(false, attrs(" ALLOW-POPUPS\tallow-same-origin ")));
    }

    @Test
    void escapingTheSandboxNeedsEveryLayerToSaySo() {
        assertEquals(PopupRule.FREE, PopupRule.of(true, attrs("allow-popups allow-popups-to-escape-sandbox")));
        assertEquals(PopupRule.SANDBOXED, PopupRule.of(true, attrs("allow-popups allow-popups-to-escape-sandbox",
                "allow-popups allow-scripts")));
    }

    @Test
    void anOpaqueOriginWithNoSandboxAttributeIsRefused() {
        // A Content-Security-Policy sandbox (or a data: document): its flags cannot be read, so no popup.
        assertEquals(PopupRule.REFUSED, PopupRule.of(true, attrs()));
        assertEquals(PopupRule.REFUSED, PopupRule.of(true, attrs(null, null)));
    }

    @Test
    void twinsGetTheStricterAnswer() {
        assertEquals(PopupRule.REFUSED, PopupRule.FREE.and(PopupRule.REFUSED));
        assertEquals(PopupRule.SANDBOXED, PopupRule.SANDBOXED.and(PopupRule.FREE));
        assertEquals(PopupRule.FREE, PopupRule.FREE.and(PopupRule.FREE));
    }
}
