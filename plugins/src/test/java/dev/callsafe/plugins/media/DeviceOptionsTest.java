package dev.callsafe.plugins.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.google.gson.JsonParser;

import dev.callsafe.capture.device.Camera;
import dev.callsafe.capture.device.DeviceCatalog;
import dev.callsafe.capture.device.Microphone;
import dev.callsafe.capture.device.VideoCapabilities;
import dev.callsafe.capture.video.VideoFormat;
import dev.callsafe.capture.video.VideoFrame;
import dev.callsafe.capture.video.VideoSource;
import dev.callsafe.permissions.Origin;
import dev.callsafe.plugins.media.constraints.MediaConstraints;

class DeviceOptionsTest {
    private static TrackConstraints constraints(String json) throws MediaError {
        return TrackConstraints.parse(JsonParser.parseString(json)).orElseThrow();
    }

    /** A camera limited to small pictures; never opened here. */
    private static Camera small(String id) {
        return new Camera() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public String label() {
                return "Small " + id;
            }

            @Override
            public VideoCapabilities capabilities() {
                return new VideoCapabilities(160, 320, 120, 240, 1, 30);
            }

            @Override
            public VideoSource open(VideoFormat format) {
                throw new UnsupportedOperationException("not opened in this test");
            }
        };
    }

    /** Page ids as "page-" + the device id; groups as "group-" + the device id. */
    private static final DeviceOptions.PageIds IDS = new DeviceOptions.PageIds() {
        @Override
        public String deviceId(String id) {
            return "page-" + id;
        }

        @Override
        public String groupId(String id) {
            return "group-" + id;
        }
    };

    private final Origin page = Origin.of("https://call.example");
    private final Origin other = Origin.of("https://other.example");

    @Test
    void everyCameraIsListedAndTheOnesThatCannotMeetTheConstraintsSayWhy() throws Exception {
        List<Camera> cams = List.of(small("s"), DeviceCatalog.syntheticCamera(1));
        TrackConstraints wide = constraints("{\"width\":{\"min\":640}}");
        List<DeviceOption<Camera>> o = DeviceOptions.cameras(cams, wide, IDS, id -> Optional.empty());
        assertEquals(2, o.size());
        assertEquals(Optional.of("cannot give the width the page requires"), o.get(0).unsuitable());
        assertTrue(o.get(1).suitable());
        assertEquals(640, o.get(1).format().orElseThrow().width());
        assertTrue(o.get(0).describe().endsWith("unavailable: cannot give the width the page requires"));
        assertEquals(Optional.of(o.get(1)), DeviceOptions.preferred(o, wide.spec(), Optional.of("s")),
                "an unsuitable remembered choice is not used");
        List<DeviceOption<Camera>> exact = DeviceOptions.cameras(cams,
                constraints("{\"deviceId\":{\"exact\":\"page-s\"}}"), IDS, id -> Optional.empty());
        assertTrue(exact.get(0).suitable());
        assertEquals(Optional.of("the page asked for another camera"), exact.get(1).unsuitable());
    }

    @Test
    void freeDevicesComeFirstThenThePagesPreferenceThenTheRememberedChoice() throws Exception {
        List<Camera> cams = List.of(DeviceCatalog.syntheticCamera(1), DeviceCatalog.syntheticCamera(2),
                DeviceCatalog.syntheticCamera(3));
        DeviceHolder busy = new DeviceHolder(4, "Call", other, false);
        DeviceHolder mine = new DeviceHolder(5, "Call", page, true);
        Map<String, DeviceHolder> held = Map.of("synthetic-camera-1", busy, "synthetic-camera-3", mine);
        List<DeviceOption<Camera>> o = DeviceOptions.cameras(cams, constraints("{}"), IDS,
                id -> Optional.ofNullable(held.get(id)));
        MediaConstraints none = MediaConstraints.none();
        assertTrue(o.get(0).needsTakeover());
        assertFalse(o.get(2).needsTakeover(), "the same origin shares");
        assertEquals("synthetic-camera-2", DeviceOptions.preferred(o, none, Optional.empty()).get().id());
        assertEquals("synthetic-camera-3",
                DeviceOptions.preferred(o, none, Optional.of("synthetic-camera-3")).get().id());
        assertEquals("synthetic-camera-3", DeviceOptions.preferred(o,
                constraints("{\"deviceId\":\"page-synthetic-camera-3\"}").spec(),
                Optional.of("synthetic-camera-2")).get().id(), "the page's preference before the memory");
        assertEquals("synthetic-camera-2", DeviceOptions.preferred(o,
                constraints("{\"deviceId\":\"page-synthetic-camera-1\"}").spec(),
                Optional.empty()).get().id(), "a busy device only when nothing else will do");
        assertTrue(o.get(0).describe().contains("in use by https://other.example in tab \u201CCall\u201D"));
        assertTrue(o.get(2).describe().contains("shared with this site's tab \u201CCall\u201D"));
        List<DeviceOption<Camera>> onlyBusy = DeviceOptions.cameras(cams.subList(0, 1), constraints("{}"),
                IDS, id -> Optional.ofNullable(held.get(id)));
        assertTrue(DeviceOptions.preferred(onlyBusy, none, Optional.empty()).get().needsTakeover());
    }

    @Test
    void microphonesNamedByThePageOnly() throws Exception {
        List<Microphone> mics = List.of(DeviceCatalog.syntheticMicrophone(1), DeviceCatalog.syntheticMicrophone(2));
        TrackConstraints c = constraints("{\"deviceId\":{\"exact\":[\"x\",\"page-synthetic-microphone-2\"]}}");
        List<DeviceOption<Microphone>> o = DeviceOptions.microphones(mics, c, IDS, id -> Optional.empty());
        assertFalse(o.get(0).suitable());
        assertEquals("synthetic-microphone-2", DeviceOptions.preferred(o, c.spec(), Optional.empty()).get().id());
    }

    @Test
    void groupsAndAudioSettingsAreConstraintsLikeAnyOther() throws Exception {
        List<Microphone> mics = List.of(DeviceCatalog.syntheticMicrophone(1), DeviceCatalog.syntheticMicrophone(2));
        TrackConstraints group = constraints("{\"groupId\":{\"exact\":\"group-synthetic-microphone-2\"}}");
        List<DeviceOption<Microphone>> o = DeviceOptions.microphones(mics, group, IDS, id -> Optional.empty());
        assertEquals(Optional.of("the page asked for another microphone"), o.get(0).unsuitable());
        assertEquals("synthetic-microphone-2", DeviceOptions.preferred(o, group.spec(), Optional.empty()).get().id());
        assertTrue(DeviceOptions.microphones(mics, constraints("{\"groupId\":{\"exact\":\"\"}}"), IDS,
                id -> Optional.empty()).stream().noneMatch(DeviceOption::suitable), "an empty group is no group");
        TrackConstraints echo = constraints("{\"echoCancellation\":{\"exact\":true}}");
        assertEquals("echoCancellation", DeviceOptions.failedMicrophoneConstraint(mics, echo, IDS));
        assertTrue(DeviceOptions.microphones(mics, constraints("{\"echoCancellation\":true,\"latency\":0.02}"),
                IDS, id -> Optional.empty()).get(0).suitable(), "ideals never refuse");
        List<Camera> cams = List.of(DeviceCatalog.syntheticCamera(1), DeviceCatalog.syntheticCamera(2));
        assertEquals("groupId", DeviceOptions.failedConstraint(cams,
                constraints("{\"groupId\":{\"exact\":\"group-synthetic-microphone-1\"}}"), IDS),
                "a microphone's group has no camera");
    }

    @Test
    void theMeterAndThePreviewShowWhatArrives() {
        assertEquals(0, DevicePreviews.meter(0));
        assertEquals(1, DevicePreviews.meter(1), 1e-9);
        assertEquals(0.5, DevicePreviews.meter(Math.pow(10, -1.5)), 1e-9); // -30 dBFS
        // A frame that is red in I420 (Y 81, U 90, V 240) becomes a red thumbnail.
        int w = 320;
        int h = 180;
        byte[] px = new byte[w * h * 3 / 2];
        java.util.Arrays.fill(px, 0, w * h, (byte) 81);
        java.util.Arrays.fill(px, w * h, w * h + w * h / 4, (byte) 90);
        java.util.Arrays.fill(px, w * h + w * h / 4, px.length, (byte) 240);
        BufferedImage img = DevicePreviews.thumbnail(new VideoFrame(w, h, 0, 0, px));
        assertEquals(DevicePreviews.PREVIEW_WIDTH, img.getWidth());
        assertEquals(90, img.getHeight());
        int rgb = img.getRGB(80, 45);
        assertTrue(((rgb >> 16) & 0xff) > 230 && ((rgb >> 8) & 0xff) < 30 && (rgb & 0xff) < 30,
                Integer.toHexString(rgb));
    }
}
