package dev.callsafe.plugins.media;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.google.gson.JsonParser;

import dev.callsafe.capture.screen.CursorMode;
import dev.callsafe.capture.video.VideoFormat;
import dev.callsafe.plugins.media.constraints.MediaConstraints;

/**
 * The cursor a share draws, chosen with its size by the constraint algorithm: screens and windows offer
 * always, motion and never (always unless asked otherwise, as Chrome reports), a tab share only never.
 */
class DisplayCursorTest {
    private static final VideoFormat SCREEN = new VideoFormat(1600, 1000, 30);
    private static final Map<String, Object> MONITOR = Map.of("displaySurface", "monitor", "logicalSurface", true);
    private static final List<CursorMode> SCREEN_CURSORS = DisplayMediaService.CURSOR_PREFERENCE;
    private static final List<CursorMode> TAB_CURSORS = List.of(CursorMode.NEVER);

    private static String choose(String constraints, List<CursorMode> cursors) {
        try {
            MediaConstraints c = MediaConstraints.parse(JsonParser.parseString(constraints).getAsJsonObject());
            return DisplayMediaService.displayMode(SCREEN, c, MONITOR, cursors).cursor().setting();
        } catch (MediaError e) {
            return e.name() + ":" + e.constraint();
        }
    }

    @ParameterizedTest(name = "{0} on a screen -> {1}")
    @CsvSource(delimiter = '|', value = {
            "{}|always",
            "{cursor: 'never'}|never",
            "{cursor: {ideal: 'motion'}}|motion",
            "{cursor: 'sometimes'}|always",
            "{cursor: {exact: 'never'}, width: 640}|never",
            "{cursor: {exact: 'sometimes'}}|OverconstrainedError:cursor",
            "{advanced: [{cursor: 'never'}]}|never",
    })
    void aScreenDrawsThePointerUnlessAskedNotTo(String constraints, String expected) {
        assertEquals(expected, choose(constraints, SCREEN_CURSORS));
    }

    @ParameterizedTest(name = "{0} on a tab -> {1}")
    @CsvSource(delimiter = '|', value = {
            "{}|never",
            "{cursor: 'always'}|never",
            "{cursor: {exact: 'always'}}|OverconstrainedError:cursor",
            "{cursor: {exact: 'never'}}|never",
    })
    void aTabShareNeverDrawsIt(String constraints, String expected) {
        assertEquals(expected, choose(constraints, TAB_CURSORS));
    }
}
