package dev.callsafe.plugins.media;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.callsafe.permissions.MediaKind;
import dev.callsafe.permissions.MediaRequest;
import dev.callsafe.permissions.Origin;

class ConsentPromptTest {
    @Test
    void aDelegatedFrameIsNamedWithTheTopLevelOriginInDisplayForm() {
        MediaRequest r = new MediaRequest(Origin.of("https://b\u00fccher.example/call"),
                Origin.of("https://p\u0430ypal.com/"), Set.of(MediaKind.CAMERA, MediaKind.MICROPHONE), true);
        assertEquals("<html><b>https://b\u00fccher.example</b> (embedded in <b>https://xn--pypal-4ve.com</b>)"
                + " wants to use your camera and microphone for this call.</html>", ConsentPrompt.describe(r, String::length));
    }

    @Test
    void aMainFrameIsNamedOnce() {
        MediaRequest r = MediaRequest.fromMainFrame(Origin.of("https://\u043f\u0440\u0438\u043c\u0435\u0440.\u0440\u0444/"),
                Set.of(MediaKind.CAMERA));
        assertEquals("<html><b>https://\u043f\u0440\u0438\u043c\u0435\u0440.\u0440\u0444</b> wants to use your camera"
                + " for this call.</html>", ConsentPrompt.describe(r, String::length));
    }

    @Test
    void longHostsAreElidedFromTheLeftKeepingTheRegistrableDomain() {
        String longHost = "averyveryveryveryveryveryverylonglabel.and.more.long.sub.example.co.uk";
        MediaRequest r = new MediaRequest(Origin.of("https://" + longHost + ":8443/call"),
                Origin.of("https://accounts.google.com.secure-login.verify.evil.example.net/"),
                Set.of(MediaKind.CAMERA), true);
        // 8 px a character: 40 characters of room for each host.
        assertEquals("<html><b>https://\u2026and.more.long.sub.example.co.uk:8443</b> (embedded in <b>https://\u2026"
                + "secure-login.verify.evil.example.net</b>) wants to use your camera for this call.</html>",
                ConsentPrompt.describe(r, s -> s.length() * ConsentPrompt.HOST_ROOM_PX / 40));
    }

    @Test
    void thePromptsOwnLabelElidesALongHostInItsFont() {
        String longHost = "averyveryveryveryveryveryveryveryveryveryverylonglabel.more.sub.example.co.uk";
        ConsentPrompt prompt = new ConsentPrompt(MediaRequest.fromMainFrame(Origin.of("https://" + longHost),
                Set.of(MediaKind.CAMERA)), a -> { });
        javax.swing.JLabel text = (javax.swing.JLabel) java.util.Arrays.stream(prompt.getComponents())
                .filter(c -> "consent.text".equals(c.getName())).findFirst().orElseThrow();
        String shown = text.getText();
        org.junit.jupiter.api.Assertions.assertTrue(shown.startsWith("<html><b>https://\u2026")
                && shown.contains("sub.example.co.uk</b> wants to use your camera"), shown);
        org.junit.jupiter.api.Assertions.assertFalse(shown.contains("averyvery"), shown);
    }
}
