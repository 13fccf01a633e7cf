package dev.callsafe.plugins.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StreamConstraintsTest {
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
        assertEquals("x", c.audio().get().raw().get("deviceId").getAsString());
    }

    @Test
    void errorsSerialiseWithTheirNameAndConstraint() {
        String json = MediaError.overconstrained("width", "too wide").toJson();
        assertTrue(json.contains("\"name\":\"OverconstrainedError\""));
        assertTrue(json.contains("\"constraint\":\"width\""));
    }
}
