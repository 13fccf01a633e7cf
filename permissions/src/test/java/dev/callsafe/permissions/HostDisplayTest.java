package dev.callsafe.permissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostDisplayTest {
    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            // rule | URL as typed or linked | what the user is shown (PUNYCODE: the ASCII serialisation)
            "ASCII stays ASCII                  | https://example.com/                 | https://example.com",
            "Latin with accents                 | https://b\u00fccher.example/          | https://b\u00fccher.example",
            "Cyrillic word, not a lookalike     | https://\u043f\u0440\u0438\u043c\u0435\u0440.\u0440\u0444/ | https://\u043f\u0440\u0438\u043c\u0435\u0440.\u0440\u0444",
            "Japanese: Han+Hiragana+Katakana     | https://\u65e5\u672c\u8a9e\u3072\u3089\u304c\u306a\u30ab\u30bf\u30ab\u30ca.jp/ | https://\u65e5\u672c\u8a9e\u3072\u3089\u304c\u306a\u30ab\u30bf\u30ab\u30ca.jp",
            "Japanese with Latin and long mark   | https://abc\u30c6\u30b9\u30c8\u30fc.jp/   | https://abc\u30c6\u30b9\u30c8\u30fc.jp",
            "Korean Hangul                      | https://\ud55c\uad6d.kr/               | https://\ud55c\uad6d.kr",
            "Chinese Han+Bopomofo                | https://\u4e2d\u6587\u3105.cn/          | https://\u4e2d\u6587\u3105.cn",
            "Latin + Devanagari may mix         | https://abc\u0939\u093f\u0928\u094d\u0926\u0940.example/ | https://abc\u0939\u093f\u0928\u094d\u0926\u0940.example",
            "Greek word, not a lookalike         | https://\u03b4\u03bf\u03ba\u03b9\u03bc\u03ae.gr/ | https://\u03b4\u03bf\u03ba\u03b9\u03bc\u03ae.gr",
            "Latin + Cyrillic a (paypal)         | https://p\u0430ypal.com/             | https://xn--pypal-4ve.com",
            "Latin + Greek omicron               | https://g\u03bfogle.com/             | PUNYCODE",
            "whole-script Cyrillic apple         | https://\u0430\u0440\u0440\u04cf\u0435.com/ | PUNYCODE",
            "whole-script Cyrillic with digits   | https://\u0441\u043e\u0441\u043e1.com/ | PUNYCODE",
            "whole-script Greek lookalike        | https://\u03bf\u03ba.com/             | PUNYCODE",
            "Cyrillic + Greek                   | https://\u043f\u0440\u03b4.com/         | PUNYCODE",
            "Latin dotless i                    | https://\u0131nstagram.com/          | PUNYCODE",
            "Latin script g                     | https://\u0261oogle.com/             | PUNYCODE",
            "only the unsafe label in punycode   | https://b\u00fccher.p\u0430ypal.com/  | https://b\u00fccher.xn--pypal-4ve.com",
            "port and scheme kept                | https://b\u00fccher.example:8443/    | https://b\u00fccher.example:8443",
            "IPv6 literal untouched              | http://[::1]:8080/                   | http://[::1]:8080",
    })
    void showsUnicodeOnlyWhenNoHomographIsPossible(String rule, String url, String shown) {
        Origin origin = Origin.of(url);
        if (shown.equals("PUNYCODE")) {
            assertTrue(origin.serialize().contains("xn--"), origin.serialize());
            assertEquals(origin.serialize(), origin.display());
        } else {
            assertEquals(shown, origin.display());
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "symbol (fraction slash)       | a\u2044b      | false",
            "zero-width joiner            | ab\u200dc     | false",
            "combining dot above          | ab\u0307c     | false",
            "two numbering systems        | a1\u0661      | false",
            "Devanagari with its own marks | \u0939\u093f\u0928\u094d\u0926\u0940 | true",
            "Arabic-Indic digits alone     | \u0645\u0661\u0662 | true",
    })
    void labelRules(String rule, String label, boolean safe) {
        assertEquals(safe, HostDisplay.isSafe(label));
    }
}
