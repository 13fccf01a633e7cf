package dev.callsafe.plugins.media.constraints;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.google.gson.JsonParser;

import dev.callsafe.plugins.media.MediaError;

/** The modes made for a camera with a range of formats, and for a running capture, chosen by SelectSettings. */
class VideoModesTest {
    private static final VideoModes.Range CAMERA = new VideoModes.Range(160, 1920, 120, 1080, 1, 60);
    private static final VideoModes.Range RUNNING = VideoModes.Range.fixed(1280, 720, 30);

    private static String pick(VideoModes.Range range, String json) throws MediaError {
        MediaConstraints c = MediaConstraints.parse(JsonParser.parseString(json).getAsJsonObject());
        List<Candidate<VideoMode>> cands = VideoModes.of(range, c).stream()
                .map(m -> new Candidate<>(m, TrackKind.VIDEO, m.settings())).toList();
        SelectSettings.Result<VideoMode> r = SelectSettings.select(c, cands);
        if (!r.succeeded()) {
            return r.failedConstraint();
        }
        VideoMode m = r.chosen().get().source();
        return m.nativeWidth() + "x" + m.nativeHeight() + "@" + m.nativeFrameRate() + " " + m.resizeMode() + " "
                + m.width() + "x" + m.height() + "@" + m.frameRate();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "{} | 640x480@30.0 none 640x480@30.0",
            "{\"width\":1280,\"height\":720} | 1280x720@30.0 none 1280x720@30.0",
            "{\"width\":{\"ideal\":4000}} | 1920x1080@30.0 none 1920x1080@30.0",
            "{\"width\":{\"min\":1280},\"height\":{\"max\":720}} | 1280x720@30.0 none 1280x720@30.0",
            "{\"width\":{\"exact\":1920},\"height\":{\"exact\":1080},\"frameRate\":{\"exact\":30}}"
                    + " | 1920x1080@30.0 none 1920x1080@30.0",
            "{\"frameRate\":{\"max\":15}} | 640x480@15.0 none 640x480@15.0",
            "{\"width\":641} | 640x480@30.0 none 640x480@30.0",
            "{\"aspectRatio\":{\"exact\":1.7777777777777777}} | 640x360@30.0 none 640x360@30.0",
            "{\"width\":{\"exact\":5000}} | width",
            "{\"height\":{\"min\":2000}} | height",
            "{\"frameRate\":{\"min\":120}} | frameRate",
            "{\"width\":{\"min\":800,\"max\":700}} | width",
            "{\"width\":{\"exact\":641}} | width",
            "{\"width\":100} | 160x120@30.0 crop-and-scale 100x74@30.0",
            "{\"resizeMode\":{\"exact\":\"crop-and-scale\"}} | 640x480@30.0 crop-and-scale 640x480@30.0",
            "{\"resizeMode\":{\"exact\":\"crop-and-scale\"},\"width\":320,\"height\":180}"
                    + " | 320x180@30.0 crop-and-scale 320x180@30.0",
            "{\"resizeMode\":{\"exact\":\"bogus\"}} | resizeMode",
            "{\"advanced\":[{\"width\":800,\"height\":600}]} | 800x600@30.0 none 800x600@30.0",
    })
    void aCameraIsOpenedAtTheBestModeItsRangeAllows(String constraints, String expected) throws MediaError {
        assertEquals(expected.trim(), pick(CAMERA, constraints));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "{} | 1280x720@30.0 none 1280x720@30.0",
            "{\"width\":640,\"height\":360} | 1280x720@30.0 crop-and-scale 640x360@30.0",
            "{\"width\":{\"max\":320},\"height\":{\"max\":320}} | 1280x720@30.0 crop-and-scale 320x180@30.0",
            "{\"width\":480,\"height\":480} | 1280x720@30.0 crop-and-scale 480x480@30.0",
            "{\"frameRate\":10} | 1280x720@30.0 crop-and-scale 1280x720@10.0",
            "{\"frameRate\":10,\"resizeMode\":\"none\"} | 1280x720@30.0 none 1280x720@30.0",
            "{\"width\":{\"exact\":1920}} | width",
            "{\"resizeMode\":{\"exact\":\"none\"},\"width\":{\"max\":640}} | ''",
    })
    void aRunningCaptureIsCutDown(String constraints, String expected) throws MediaError {
        assertEquals(expected.trim(), pick(RUNNING, constraints));
    }
}
