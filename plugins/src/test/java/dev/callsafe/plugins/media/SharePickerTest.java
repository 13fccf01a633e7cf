package dev.callsafe.plugins.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.callsafe.permissions.DisplaySource;
import dev.callsafe.permissions.Origin;

/** The share picker names who asks as the prompt does: a long host elided from the left, its site whole. */
class SharePickerTest {
    private static final String LONG_HOST = "averyveryveryveryveryveryverylonglabel.and.more.long.sub.example.co.uk";
    private static final Origin REQUESTER = Origin.of("https://" + LONG_HOST + ":8443/call");
    private static final Origin TOP_LEVEL = Origin.of("https://accounts.google.com.secure-login.verify.evil.example.net/");

    /** 8 px a character: 40 characters of room for each host. */
    private static int width(String s) {
        return s.length() * HostRoom.PX / 40;
    }

    @Test
    void theTextElidesLongHostsFromTheLeftKeepingTheRegistrableDomain() {
        String text = SharePicker.explain(REQUESTER, TOP_LEVEL, Set.of(DisplaySource.SCREEN), SharePickerTest::width);
        assertTrue(text.contains("<b>https://\u2026and.more.long.sub.example.co.uk:8443</b> (embedded in <b>https://\u2026"
                + "secure-login.verify.evil.example.net</b>) wants to see"), text);
    }

    @Test
    void theWindowTitleElidesTheHostToo() {
        assertEquals("Share with https://\u2026and.more.long.sub.example.co.uk:8443?",
                SharePicker.title(REQUESTER, SharePickerTest::width));
    }

    @Test
    void aShortHostIsShownWhole() {
        Origin short_ = Origin.of("https://meet.example.com/");
        assertEquals("Share with https://meet.example.com?", SharePicker.title(short_, SharePickerTest::width));
        assertTrue(SharePicker.explain(short_, short_, Set.of(DisplaySource.BROWSER), SharePickerTest::width)
                .contains("<b>https://meet.example.com</b> wants to see"));
    }
}
