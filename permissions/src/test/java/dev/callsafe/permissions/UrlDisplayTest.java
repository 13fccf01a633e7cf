package dev.callsafe.permissions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The address bar's form of a URL: only the host changes, to its safe display form. */
class UrlDisplayTest {
    @Test
    void aSafeInternationalisedHostIsShownInUnicodeWithTheRestUntouched() {
        assertEquals("https://b\u00fccher.example:8443/xn--path?q=xn--a#xn--f",
                UrlDisplay.of("https://xn--bcher-kva.example:8443/xn--path?q=xn--a#xn--f"));
        assertEquals("http://\u4f8b\u3048.jp/", UrlDisplay.of("http://xn--r8jz45g.jp/"));
    }

    @Test
    void aHomographStaysInPunycode() {
        // p + Cyrillic a + ypal: mixed Latin and Cyrillic.
        assertEquals("https://xn--pypal-4ve.com/login", UrlDisplay.of("https://xn--pypal-4ve.com/login"));
    }

    @Test
    void userInfoAndPortAreKeptAndOnlyTheHostDecoded() {
        assertEquals("https://xn--user@b\u00fccher.example:1/",
                UrlDisplay.of("https://xn--user@xn--bcher-kva.example:1/"));
        assertEquals("https://b\u00fccher.example", UrlDisplay.of("https://xn--bcher-kva.example"));
    }

    @Test
    void urlsWithoutAnInternationalisedHostAreUnchanged() {
        assertEquals("http://127.0.0.1:8080/a/xn--b", UrlDisplay.of("http://127.0.0.1:8080/a/xn--b"));
        assertEquals("about:blank", UrlDisplay.of("about:blank"));
        assertEquals("http://[::1]:80/xn--x", UrlDisplay.of("http://[::1]:80/xn--x"));
        assertEquals("data:text/html,xn--", UrlDisplay.of("data:text/html,xn--"));
        assertEquals("", UrlDisplay.of(null));
    }
}
