package dev.callsafe.permissions;

import java.lang.Character.UnicodeScript;
import java.net.IDN;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * How a host name is shown to the user: each internationalised label in Unicode when that is safe, in
 * punycode ({@code xn--...}) when it could pass for another name (a homograph).
 *
 * <p>The rules, after Firefox's default ({@code network.IDN.restriction_profile = moderate}, UTS #39 §5.2
 * "Moderately Restrictive") and Chromium's IDN spoof checks, applied per label:
 * <ol>
 *   <li>Only letters, combining marks of a letter's own script, digits and {@code -}: no invisible or
 *       format characters, symbols, punctuation, generic combining diacritics (U+0300–U+036F; decoded
 *       labels are NFC, so a legitimate accent is precomposed) or modifier letters (except the Japanese
 *       prolonged sound mark).</li>
 *   <li>Scripts (Common and Inherited aside) may mix only as UTS #39 allows: one script; Latin with
 *       Han + Hiragana + Katakana, Han + Bopomofo or Han + Hangul; or Latin with one other script that is
 *       not Cyrillic, Greek or Cherokee. So Latin + Cyrillic ({@code pаypal}) shows punycode.</li>
 *   <li>Digits of one numbering system only.</li>
 *   <li>Whole-script confusables (Chromium): a label written entirely in Cyrillic or Greek letters that
 *       look like Latin ones ({@code аррӏе}) shows punycode.</li>
 *   <li>Latin letters that pass for other Latin letters (dotless ı, script ɡ, ɑ, ɩ, ǀ, þ) show punycode.</li>
 * </ol>
 * Not implemented: Chromium's comparison of skeletons against a list of top domains, and its exemption
 * of Cyrillic top-level domains from rule 4 (such names stay in punycode: the safe side).
 */
final class HostDisplay {
    private static final String ACE_PREFIX = "xn--";
    private static final Set<UnicodeScript> IGNORED = EnumSet.of(UnicodeScript.COMMON, UnicodeScript.INHERITED);
    private static final Set<UnicodeScript> NEVER_WITH_LATIN =
            EnumSet.of(UnicodeScript.CYRILLIC, UnicodeScript.GREEK, UnicodeScript.CHEROKEE);
    private static final Set<UnicodeScript> JAPANESE = EnumSet.of(UnicodeScript.LATIN, UnicodeScript.HAN,
            UnicodeScript.HIRAGANA, UnicodeScript.KATAKANA);
    private static final Set<UnicodeScript> CHINESE = EnumSet.of(UnicodeScript.LATIN, UnicodeScript.HAN,
            UnicodeScript.BOPOMOFO);
    private static final Set<UnicodeScript> KOREAN = EnumSet.of(UnicodeScript.LATIN, UnicodeScript.HAN,
            UnicodeScript.HANGUL);
    /** Cyrillic letters that read as Latin ones in a lower-case host name. */
    private static final String CYRILLIC_LOOKALIKES = "\u0430\u0435\u043e\u0440\u0441\u0443\u0445\u0455\u0456"
            + "\u0458\u0501\u04bb\u04cf\u051b\u051d\u04af\u044c\u043f\u0433\u043a\u044b\u044e\u044a\u0475";
    /** Greek letters that read as Latin ones. */
    private static final String GREEK_LOOKALIKES = "\u03b1\u03b5\u03b9\u03ba\u03bd\u03bf\u03c1\u03c4\u03c5\u03c7"
            + "\u03c9";
    /** Latin letters that pass for other Latin letters. */
    private static final String LATIN_LOOKALIKES = "\u0131\u0251\u0261\u0269\u01c0\u00fe";
    private static final int PROLONGED_SOUND_MARK = 0x30FC;

    private HostDisplay() {
    }

    /** The display form of an ASCII (punycode) host name. */
    static String of(String asciiHost) {
        if (asciiHost.contains(":") || !asciiHost.toLowerCase(Locale.ROOT).contains(ACE_PREFIX)) {
            return asciiHost; // IPv6 literal or nothing internationalised
        }
        String[] labels = asciiHost.split("\\.", -1);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < labels.length; i++) {
            if (i > 0) {
                out.append('.');
            }
            out.append(displayLabel(labels[i]));
        }
        return out.toString();
    }

    private static String displayLabel(String label) {
        if (!label.toLowerCase(Locale.ROOT).startsWith(ACE_PREFIX)) {
            return label;
        }
        String unicode;
        try {
            unicode = IDN.toUnicode(label, IDN.ALLOW_UNASSIGNED);
            if (unicode.equals(label) || !IDN.toASCII(unicode, IDN.ALLOW_UNASSIGNED).equalsIgnoreCase(label)) {
                return label; // not valid punycode, or not the canonical form of what it decodes to
            }
        } catch (IllegalArgumentException e) {
            return label;
        }
        return isSafe(unicode) ? unicode : label;
    }

    /** Whether a decoded label can be shown in Unicode without passing for another name. */
    static boolean isSafe(String label) {
        Set<UnicodeScript> scripts = EnumSet.noneOf(UnicodeScript.class);
        int digitZero = -1;
        for (int i = 0; i < label.length(); ) {
            int cp = label.codePointAt(i);
            i += Character.charCount(cp);
            if (!allowedCharacter(cp) || LATIN_LOOKALIKES.indexOf(cp) >= 0) {
                return false;
            }
            if (Character.getType(cp) == Character.DECIMAL_DIGIT_NUMBER) {
                int zero = cp - Character.digit(cp, 10);
                if (digitZero >= 0 && zero != digitZero) {
                    return false; // digits of two numbering systems
                }
                digitZero = zero;
            }
            UnicodeScript s = UnicodeScript.of(cp);
            if (!IGNORED.contains(s)) {
                scripts.add(s);
            }
        }
        return allowedMix(scripts) && !wholeScriptConfusable(label, scripts);
    }

    private static boolean allowedCharacter(int cp) {
        if (cp == '-' || cp == PROLONGED_SOUND_MARK) {
            return true;
        }
        if (cp >= 0x0300 && cp <= 0x036F) {
            return false;
        }
        switch (Character.getType(cp)) {
            case Character.LOWERCASE_LETTER:
            case Character.UPPERCASE_LETTER:
            case Character.TITLECASE_LETTER:
            case Character.OTHER_LETTER:
            case Character.NON_SPACING_MARK:
            case Character.COMBINING_SPACING_MARK:
            case Character.DECIMAL_DIGIT_NUMBER:
                return true;
            default:
                return false;
        }
    }

    private static boolean allowedMix(Set<UnicodeScript> scripts) {
        if (scripts.size() <= 1 || JAPANESE.containsAll(scripts) || CHINESE.containsAll(scripts)
                || KOREAN.containsAll(scripts)) {
            return true;
        }
        if (scripts.size() == 2 && scripts.contains(UnicodeScript.LATIN)) {
            return scripts.stream().noneMatch(NEVER_WITH_LATIN::contains);
        }
        return false;
    }

    private static boolean wholeScriptConfusable(String label, Set<UnicodeScript> scripts) {
        String lookalikes;
        if (scripts.equals(EnumSet.of(UnicodeScript.CYRILLIC))) {
            lookalikes = CYRILLIC_LOOKALIKES;
        } else if (scripts.equals(EnumSet.of(UnicodeScript.GREEK))) {
            lookalikes = GREEK_LOOKALIKES;
        } else {
            return false;
        }
        return label.codePoints().filter(Character::isLetter).allMatch(cp -> lookalikes.indexOf(cp) >= 0);
    }
}
