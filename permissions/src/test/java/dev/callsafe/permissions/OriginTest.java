package dev.callsafe.permissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class OriginTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "https://example.com/path?q=1, https://example.com",
            "https://example.com:443/, https://example.com",
            "http://example.com:80/, http://example.com",
            "https://Example.COM:8443/x, https://example.com:8443",
            "http://127.0.0.1:9000/call.html, http://127.0.0.1:9000",
            "http://[::1]:8080/, http://[::1]:8080",
            "https://b\u00fccher.example/, https://xn--bcher-kva.example",
            "https://\u0430\u0440\u0440\u04cf\u0435.com/, https://xn--80ak6aa92e.com",
            "'data:text/html;base64,AAAA', null",
            "about:blank, null",
            "not a url, null",
    })
    void serialisesAsTheBrowserShowsIt(String url, String expected) {
        assertEquals(expected, Origin.of(url).serialize());
    }

    @Test
    void schemeHostAndPortAllCount() {
        Origin a = Origin.of("https://a.example/");
        assertEquals(a, Origin.of("https://a.example:443/other"));
        assertNotEquals(a, Origin.of("http://a.example/"));
        assertNotEquals(a, Origin.of("https://a.example:8443/"));
        assertNotEquals(a, Origin.of("https://sub.a.example/"));
    }

    @Test
    void opaqueOriginsEqualNothingElse() {
        Origin o = Origin.of("data:text/plain,x");
        assertTrue(o.isOpaque());
        assertNotEquals(o, Origin.of("data:text/plain,x"));
        assertEquals(o, o);
    }

    @ParameterizedTest(name = "{0} trustworthy={1}")
    @CsvSource({
            "https://example.com, true",
            "http://example.com, false",
            "http://localhost:3000, true",
            "http://app.localhost, true",
            "http://127.0.0.1:80, true",
            "http://127.1.2.3, true",
            "http://[::1]/, true",
            "http://128.0.0.1, false",
            "http://localhost.example.com, false",
            "callsafe://demo/, true",
            "ftp://example.com, false",
            "'data:text/html,x', false",
    })
    void secureContextRuleWithLoopback(String url, boolean trustworthy) {
        assertEquals(trustworthy, Origin.of(url).isPotentiallyTrustworthy(Set.of("callsafe")));
    }

    @Test
    void malformedInputNeverThrows() {
        assertTrue(Origin.of(null).isOpaque());
        assertTrue(Origin.of("").isOpaque());
        assertTrue(Origin.of("https://").isOpaque());
        assertFalse(Origin.of("https://%zz/").isPotentiallyTrustworthy(Set.of()));
    }
}
