package dev.callsafe.plugins.media;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import dev.callsafe.permissions.Origin;

/** Site settings' table shows a long host elided from the left to its column, the registrable domain whole. */
class ElidedOriginCellTest {
    @Test
    void aLongHostFitsItsColumnFromTheLeft() {
        Origin o = Origin.of("https://accounts.google.com.secure-login.verify.evil.example.net:8443/");
        // one pixel a character: a 50-pixel column
        String shown = ElidedOriginCell.fit(o, 50, String::length);
        assertEquals("https://\u2026secure-login.verify.evil.example.net:8443", shown);
        org.junit.jupiter.api.Assertions.assertTrue(shown.length() <= 50, shown);
    }

    @Test
    void aHostThatFitsIsWholeAndTheRegistrableDomainIsNeverCut() {
        Origin o = Origin.of("https://sub.example.co.uk/");
        assertEquals("https://sub.example.co.uk", ElidedOriginCell.fit(o, 200, String::length));
        assertEquals("https://\u2026example.co.uk", ElidedOriginCell.fit(o, 10, String::length));
    }
}
