package dev.callsafe.plugins.media.constraints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.google.gson.JsonParser;

import dev.callsafe.plugins.media.MediaError;

/** The Media Capture spec's fitness distance and SelectSettings, on hand-made settings dictionaries. */
class SelectSettingsTest {
    private static MediaConstraints parse(String json) throws MediaError {
        return MediaConstraints.parse(JsonParser.parseString(json).getAsJsonObject());
    }

    private static Candidate<String> camera(String id, String group, int w, int h, String resize) {
        return new Candidate<>(id + " " + w + "x" + h + " " + resize, TrackKind.VIDEO, Map.of("deviceId", id,
                "groupId", group, "width", w, "height", h, "frameRate", 30.0, "aspectRatio", (double) w / h,
                "resizeMode", resize));
    }

    private static final List<Candidate<String>> CAMERAS = List.of(
            camera("a", "g1", 640, 480, "none"), camera("a", "g1", 320, 240, "crop-and-scale"),
            camera("b", "g2", 1280, 720, "none"), camera("b", "g2", 640, 360, "crop-and-scale"));

    private static String pick(String json) throws MediaError {
        SelectSettings.Result<String> r = SelectSettings.select(parse(json), CAMERAS);
        return r.succeeded() ? r.chosen().get().source() : "failed:" + r.failedConstraint();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "{} | a 640x480 none",
            // Bare values in the basic set are ideals: the nearest wins, nothing is refused.
            "{\"width\":1280} | b 1280x720 none",
            "{\"width\":5000} | b 1280x720 none",
            "{\"width\":{\"ideal\":300}} | a 320x240 crop-and-scale",
            "{\"deviceId\":\"b\"} | b 1280x720 none",
            "{\"deviceId\":\"nobody\"} | a 640x480 none",
            // Required parts rule candidates out; the error names a constraint no candidate met.
            "{\"width\":{\"exact\":5000}} | failed:width",
            "{\"width\":{\"min\":700},\"height\":{\"max\":400}} | failed:",
            "{\"deviceId\":{\"exact\":\"b\"},\"width\":{\"exact\":640}} | b 640x360 crop-and-scale",
            // No single constraint failed everywhere (a's are the wrong device, b's the wrong width): "" as specified.
            "{\"deviceId\":{\"exact\":\"b\"},\"width\":{\"exact\":320}} | failed:",
            "{\"groupId\":{\"exact\":\"\"}} | failed:groupId",
            "{\"groupId\":{\"exact\":\"g2\"}} | b 1280x720 none",
            "{\"groupId\":{\"exact\":[\"g9\",\"g2\"]},\"width\":600} | b 640x360 crop-and-scale",
            "{\"resizeMode\":{\"exact\":\"crop-and-scale\"}} | a 320x240 crop-and-scale",
            "{\"resizeMode\":{\"exact\":\"stretch\"}} | failed:resizeMode",
            "{\"resizeMode\":\"crop-and-scale\",\"width\":1280} | b 640x360 crop-and-scale",
            "{\"aspectRatio\":{\"min\":1.7}} | b 1280x720 none",
            "{\"width\":{\"min\":300,\"ideal\":650}} | a 640x480 none",
            // Constraints on properties that do not apply, or that this browser does not know, are ignored.
            "{\"sampleRate\":{\"exact\":8000}} | a 640x480 none",
            "{\"torch\":{\"exact\":true}} | a 640x480 none",
            // Advanced sets: bare values are exact; a set nothing meets is skipped; the basic distance decides.
            "{\"advanced\":[{\"width\":1280}]} | b 1280x720 none",
            "{\"advanced\":[{\"width\":9999},{\"height\":360}]} | b 640x360 crop-and-scale",
            "{\"width\":640,\"advanced\":[{\"deviceId\":\"b\"}]} | b 640x360 crop-and-scale",
            "{\"advanced\":[{\"aspectRatio\":{\"max\":1.5}},{\"deviceId\":\"b\"}]} | a 640x480 none",
    })
    void selectsAsTheSpecSays(String constraints, String expected) throws MediaError {
        assertEquals(expected.trim(), pick(constraints));
    }

    @Test
    void fitnessDistanceIsTheRelativeDistanceFromTheIdeal() throws MediaError {
        ConstraintSet s = parse("{\"width\":{\"ideal\":1000,\"min\":100},\"facingMode\":\"user\","
                + "\"echoCancellation\":true}").basic();
        assertEquals(0.36, s.fitnessDistance(TrackKind.VIDEO, Map.of("width", 640)) - 1, 1e-9,
                "|640-1000|/1000, plus 1 for a facing mode the camera does not report");
        assertEquals(Double.POSITIVE_INFINITY, s.fitnessDistance(TrackKind.VIDEO, Map.of("width", 50)));
        assertEquals(1.0, s.fitnessDistance(TrackKind.AUDIO, Map.of("echoCancellation", false)), 1e-9,
                "width and facingMode do not apply to audio");
        assertEquals(List.of("width"), s.unmet(TrackKind.VIDEO, Map.of("width", 50)));
    }

    @Test
    void aRequiredConstraintOnAMissingSettingRulesTheCandidateOut() throws MediaError {
        ConstraintSet s = parse("{\"facingMode\":{\"exact\":\"user\"}}").basic();
        assertFalse(Double.isFinite(s.fitnessDistance(TrackKind.VIDEO, Map.of("width", 640))));
        assertTrue(Double.isFinite(s.fitnessDistance(TrackKind.VIDEO, Map.of("facingMode", "user"))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"width\":\"wide\"}", "{\"width\":{\"least\":3}}", "{\"width\":-1}",
            "{\"deviceId\":7}", "{\"deviceId\":{\"exact\":[1]}}", "{\"echoCancellation\":\"yes\"}",
            "{\"resizeMode\":{\"exactly\":\"none\"}}", "{\"advanced\":{}}", "{\"advanced\":[3]}"})
    void wronglyTypedConstraintsAreTypeErrors(String json) {
        assertEquals("TypeError", assertThrows(MediaError.class, () -> parse(json)).name());
    }

    @Test
    void noCandidatesFailOnTheFirstRequiredConstraint() throws MediaError {
        SelectSettings.Result<String> r = SelectSettings.select(parse("{\"width\":3,\"height\":{\"min\":1}}"),
                new ArrayList<>());
        assertEquals("height", r.failedConstraint());
    }
}
