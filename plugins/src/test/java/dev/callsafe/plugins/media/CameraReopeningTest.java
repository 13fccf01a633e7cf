package dev.callsafe.plugins.media;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonParser;

import dev.callsafe.capture.device.VideoCapabilities;
import dev.callsafe.capture.video.VideoFormat;
import dev.callsafe.plugins.media.CameraReopening.When;
import dev.callsafe.plugins.media.constraints.MediaConstraints;
import dev.callsafe.plugins.media.constraints.VideoMode;

/** When a camera's shared capture is reopened for a track, and at which format; no device is opened. */
class CameraReopeningTest {
    /** The synthetic camera's range. */
    private static final VideoCapabilities CAMERA = new VideoCapabilities(160, 1920, 120, 1080, 1, 60);
    private static final Map<String, Object> IDS = Map.of("deviceId", "cam", "groupId", "group");
    private static final VideoFormat SMALL = new VideoFormat(320, 240, 30);

    private static MediaConstraints c(String json) throws MediaError {
        return MediaConstraints.parse(JsonParser.parseString(json).getAsJsonObject());
    }

    /** Another track of the camera, cut at {@code w x h @ fps} under these constraints. */
    private static CameraDemand other(String constraints, int w, int h, double fps, VideoFormat capture)
            throws MediaError {
        boolean whole = w == capture.width() && h == capture.height() && fps == capture.frameRate();
        return new CameraDemand(c(constraints), IDS, new VideoMode(capture.width(), capture.height(),
                capture.frameRate(), w, h, fps, !whole));
    }

    private static Optional<VideoFormat> reopen(VideoFormat running, String asking, List<CameraDemand> others,
                                                When when) throws MediaError {
        return CameraReopening.format(CAMERA, running, c(asking), IDS, others, when);
    }

    @Test
    void anExactSizeTheCaptureCannotGiveReopensItAtThatSize() throws MediaError {
        assertEquals(Optional.of(new VideoFormat(1280, 720, 30)),
                reopen(SMALL, "{width: {exact: 1280}, height: {exact: 720}}", List.of(), When.BETTER));
        assertEquals(Optional.of(new VideoFormat(1280, 720, 30)),
                reopen(SMALL, "{width: {exact: 1280}, height: {exact: 720}}", List.of(), When.REQUIRED));
    }

    @Test
    void idealsReopenOnlyForApplyConstraints() throws MediaError {
        assertEquals(Optional.of(new VideoFormat(1280, 720, 30)),
                reopen(SMALL, "{width: 1280, height: 720}", List.of(), When.BETTER));
        assertEquals(Optional.empty(), reopen(SMALL, "{width: 1280, height: 720}", List.of(), When.REQUIRED),
                "a track joining a running capture takes its format when that meets what it requires, as in Chrome");
        assertEquals(Optional.of(new VideoFormat(640, 480, 60)), reopen(new VideoFormat(640, 480, 30),
                "{frameRate: 60}", List.of(), When.BETTER), "faster counts as better too");
    }

    @Test
    void whatTheRunningCaptureCanGiveReopensNothing() throws MediaError {
        VideoFormat hd = new VideoFormat(1280, 720, 30);
        assertEquals(Optional.empty(), reopen(hd, "{width: {exact: 320}, height: {exact: 240}}", List.of(), When.BETTER));
        assertEquals(Optional.empty(), reopen(hd, "{frameRate: {exact: 10}}", List.of(), When.BETTER));
        assertEquals(Optional.empty(), reopen(hd, "{width: {exact: 5000}}", List.of(), When.BETTER),
                "beyond the camera: nothing to reopen for, the running capture says why");
        assertEquals(Optional.empty(), reopen(SMALL, "{width: {exact: 1280}, deviceId: {exact: 'other'}}", List.of(),
                When.BETTER), "ids are constraints like any other");
    }

    @Test
    void theNewFormatIsLargeEnoughForEveryOtherTrack() throws MediaError {
        VideoFormat running = new VideoFormat(640, 480, 30);
        CameraDemand wide = other("{}", 640, 480, 30, running);
        assertEquals(Optional.of(new VideoFormat(640, 720, 30)),
                reopen(running, "{width: {exact: 480}, height: {exact: 720}}", List.of(wide), When.BETTER),
                "a tall track and a wide one: the capture covers both, each cut to its own shape");
        CameraDemand fast = other("{}", 320, 240, 60, new VideoFormat(320, 240, 60));
        assertEquals(Optional.of(new VideoFormat(1280, 720, 60)),
                reopen(new VideoFormat(320, 240, 60), "{width: {exact: 1280}, height: {exact: 720}}", List.of(fast),
                        When.REQUIRED), "and fast enough");
    }

    @Test
    void anotherTrackThatMustNotBeCroppedKeepsTheCaptureAsItIs() throws MediaError {
        CameraDemand uncut = other("{resizeMode: {exact: 'none'}}", 320, 240, 30, SMALL);
        assertEquals(Optional.empty(),
                reopen(SMALL, "{width: {exact: 1280}, height: {exact: 720}}", List.of(uncut), When.BETTER));
        CameraDemand cutOk = other("{resizeMode: 'none'}", 320, 240, 30, SMALL);
        assertEquals(Optional.of(new VideoFormat(1280, 720, 30)),
                reopen(SMALL, "{width: {exact: 1280}, height: {exact: 720}}", List.of(cutOk), When.BETTER),
                "an ideal is no bar");
    }

    @Test
    void aTrackWhoseRequiredModeTheRunningCaptureCannotCutGetsItsOwnFormat() throws MediaError {
        assertEquals(Optional.of(new VideoFormat(320, 240, 30)), reopen(new VideoFormat(640, 480, 30),
                "{width: {exact: 320}, height: {exact: 240}, resizeMode: {exact: 'none'}}", List.of(), When.REQUIRED),
                "alone on the camera, it may even go down");
        CameraDemand big = other("{}", 640, 480, 30, new VideoFormat(640, 480, 30));
        assertEquals(Optional.empty(), reopen(new VideoFormat(640, 480, 30),
                "{width: {exact: 320}, height: {exact: 240}, resizeMode: {exact: 'none'}}", List.of(big), When.REQUIRED),
                "but not under a track that needs more");
    }
}
