package dev.callsafe.plugins.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import dev.callsafe.permissions.DisplaySource;

/** The browser's own check of what a page asks to share (the page script can be bypassed). */
class DisplayMediaServiceTest {
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "{op: 'share', video: {width: {min: 640}}}",
        "{op: 'share', video: {frameRate: {exact: 30}}}",
        "{op: 'share', video: {advanced: [{width: 640}]}}",
        "{op: 'share', mediaSource: 'desktop'}",
        "{op: 'share', mediaSource: 'screen', tabId: 3}",
        "{op: 'share', mediaSource: 'browser', tabId: 'three'}",
        "{op: 'grab'}",
        "{op: 'share', preferCurrentTab: true, selfBrowserSurface: 'exclude'}",
        "{op: 'share', selfBrowserSurface: 'maybe'}",
        "{op: 'share', monitorTypeSurfaces: 'exclude', video: {displaySurface: 'monitor'}}",
        "{op: 'share', video: {width: 'wide'}}",
        "not json at all"})
    void malformedRequestsAreTypeErrors(String payload) {
        MediaError e = assertThrows(MediaError.class, () -> DisplayMediaService.parse(payload));
        assertEquals("TypeError", e.name());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "{op: 'share'}|SCREEN APPLICATION BROWSER",
        "{op: 'share', mediaSource: 'screen'}|SCREEN",
        "{op: 'share', mediaSource: 'window'}|APPLICATION",
        "{op: 'share', mediaSource: 'application'}|APPLICATION",
        "{op: 'share', mediaSource: 'browser', tabId: 4}|BROWSER"})
    void mediaSourceNamesWhatMayBeOffered(String payload, String sources) throws MediaError {
        Set<DisplaySource> expected = EnumSet.noneOf(DisplaySource.class);
        for (String s : sources.split(" ")) {
            expected.add(DisplaySource.valueOf(s));
        }
        assertEquals(expected, DisplayMediaService.parse(payload).wanted());
    }

    @ParameterizedTest(name = "{0} -> {1} fps")
    @CsvSource(delimiter = '|', value = {
        "{op: 'share'}|30",
        "{op: 'share', video: {frameRate: 5}}|5",
        "{op: 'share', video: {frameRate: {max: 10}}}|10",
        "{op: 'share', video: {frameRate: {ideal: 15}}}|15",
        "{op: 'share', video: {frameRate: 120}}|30"})
    void frameRateIsAtMostThirty(String payload, double fps) throws MediaError {
        assertEquals(fps, DisplayMediaService.parse(payload).frameRate());
    }

    @Test
    void pickerHintsAreRead() throws MediaError {
        ShareHints none = DisplayMediaService.parse("{op: 'share'}").hints();
        assertEquals(ShareHints.defaults(), none);
        ShareHints h = DisplayMediaService.parse("{op: 'share', preferCurrentTab: true, surfaceSwitching: 'include',"
                + " monitorTypeSurfaces: 'exclude', video: {displaySurface: {ideal: 'window'}}}").hints();
        assertTrue(h.preferCurrentTab() && h.selfIncluded() && h.surfaceSwitching() && !h.monitorsIncluded());
        assertEquals(java.util.Optional.of(DisplaySource.APPLICATION), h.preferredSurface());
        assertTrue(!DisplayMediaService.parse("{op: 'share', selfBrowserSurface: 'exclude'}").hints().selfIncluded());
        assertTrue(!none.selfIncluded(), "the page's own tab is left out by default, as in Chrome");
        assertTrue(DisplayMediaService.parse("{op: 'share', selfBrowserSurface: 'include'}").hints().selfIncluded());
    }

    @Test
    void aTabIdIsKept() throws MediaError {
        assertEquals(7, DisplayMediaService.parse("{op: 'share', mediaSource: 'browser', tabId: 7}").tabId().getAsInt());
        assertTrue(DisplayMediaService.parse("{op: 'share', mediaSource: 'browser'}").tabId().isEmpty());
    }

    /** getDisplayMedia's audio: true or constraints ask for the shared tab's sound; anything else does not. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"op\":\"share\"}|false",
        "{\"op\":\"share\",\"audio\":false}|false",
        "{\"op\":\"share\",\"audio\":true}|true",
        "{\"op\":\"share\",\"audio\":{\"echoCancellation\":false}}|true",
        "{\"op\":\"share\",\"audio\":\"yes\"}|false",
        "{\"op\":\"share\",\"audio\":1}|false",
    })
    void audioIsAskedOnlyByTrueOrConstraints(String payload, boolean audio) throws MediaError {
        assertEquals(audio, DisplayMediaService.parse(payload).audio());
    }
}
