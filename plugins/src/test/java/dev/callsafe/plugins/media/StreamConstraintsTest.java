package dev.callsafe.plugins.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.callsafe.capture.device.VideoCapabilities;
import dev.callsafe.capture.video.VideoFormat;

class StreamConstraintsTest {
    private static final VideoCapabilities CAMERA = new VideoCapabilities(160, 1920, 120, 1080, 1, 60);

    @ParameterizedTest
    @ValueSource(strings = {
            "{}", "{\"video\":false}", "{\"video\":false,\"audio\":false}", "[]", "3",
            "{\"video\":{\"width\":\"wide\"}}", "{\"video\":{\"width\":{\"least\":3}}}",
            "{\"video\":{\"width\":-1}}", "{\"video\":{\"deviceId\":7}}", "{\"video\":{\"advanced\":{}}}", "{\"video\":{\"advanced\":[5]}}", "{\"audio\":{\"advanced\":[[]]}}",
            "{\"video\":\"yes\"}", "not json",
    })
    void malformedConstraintsAreTypeErrors(String json) {
        MediaError e = assertThrows(MediaError.class, () -> StreamConstraints.parse(json));
        assertEquals("TypeError", e.name());
    }

    @Test
    void booleansAndObjectsAreAccepted() throws MediaError {
        StreamConstraints c = StreamConstraints.parse("{\"video\":true,\"audio\":{\"deviceId\":\"x\"}}");
        assertTrue(c.video().isPresent());
        assertEquals(java.util.List.of("x"), c.audio().get().deviceIds());
    }

    /** One row per case: constraints, chosen format or the constraint an OverconstrainedError names. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "true | 640x480@30.0",
            "{\"width\":1280,\"height\":720} | 1280x720@30.0",
            "{\"width\":{\"ideal\":4000}} | 1920x480@30.0",
            "{\"width\":{\"min\":1280},\"height\":{\"max\":720}} | 1280x480@30.0",
            "{\"width\":{\"exact\":1920},\"height\":{\"exact\":1080},\"frameRate\":{\"exact\":30}} | 1920x1080@30.0",
            "{\"frameRate\":{\"max\":15}} | 640x480@15.0",
            "{\"width\":641} | 640x480@30.0",
            "{\"width\":{\"exact\":5000}} | width",
            "{\"height\":{\"min\":2000}} | height",
            "{\"frameRate\":{\"min\":120}} | frameRate",
            "{\"width\":{\"min\":800,\"max\":700}} | width",
            "{\"width\":{\"exact\":641}} | width",
    })
    void formatsAreChosenWithinTheCameraAndTheMandatoryBounds(String video, String expected) throws MediaError {
        TrackConstraints t = StreamConstraints.parse("{\"video\":" + video + "}").video().orElseThrow();
        if (!expected.contains("x")) {
            MediaError e = assertThrows(MediaError.class, () -> UserMediaService.chooseFormat(CAMERA, t));
            assertEquals("OverconstrainedError", e.name());
            assertEquals(expected, e.constraint());
            return;
        }
        VideoFormat f = UserMediaService.chooseFormat(CAMERA, t);
        assertEquals(expected, f.toString());
    }

    @Test
    void errorsSerialiseWithTheirNameAndConstraint() {
        String json = MediaError.overconstrained("width", "too wide").toJson();
        assertTrue(json.contains("\"name\":\"OverconstrainedError\""));
        assertTrue(json.contains("\"constraint\":\"width\""));
    }
}
