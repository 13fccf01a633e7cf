package dev.callsafe.plugins.media;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import dev.callsafe.capture.device.VideoCapabilities;

/**
 * What {@code InputDeviceInfo.getCapabilities()} says of a device before it is opened (Media Capture spec:
 * the capabilities of the device's primary track): the camera's ranges; for a microphone what every
 * microphone here delivers (48 kHz mono 32-bit float, no echo cancellation, gain control or noise suppression).
 */
final class DeviceCapabilities {
    /** The sample rate every microphone source delivers (resampled when the device differs). */
    static final int SAMPLE_RATE = 48_000;

    private DeviceCapabilities() {
    }

    static JsonObject camera(String pageId, String groupId, VideoCapabilities cap) {
        JsonObject c = ids(pageId, groupId);
        c.add("width", range(cap.minWidth(), cap.maxWidth()));
        c.add("height", range(cap.minHeight(), cap.maxHeight()));
        c.add("aspectRatio", range((double) cap.minWidth() / cap.maxHeight(), (double) cap.maxWidth() / cap.minHeight()));
        c.add("frameRate", range(cap.minFrameRate(), cap.maxFrameRate()));
        c.add("facingMode", new JsonArray());
        c.add("resizeMode", strings("none"));
        return c;
    }

    static JsonObject microphone(String pageId, String groupId) {
        JsonObject c = ids(pageId, groupId);
        c.add("sampleRate", range(SAMPLE_RATE, SAMPLE_RATE));
        c.add("sampleSize", range(32, 32));
        c.add("channelCount", range(1, 1));
        c.add("echoCancellation", unprocessed());
        c.add("autoGainControl", unprocessed());
        c.add("noiseSuppression", unprocessed());
        return c;
    }

    private static JsonObject ids(String pageId, String groupId) {
        JsonObject c = new JsonObject();
        c.addProperty("deviceId", pageId);
        c.addProperty("groupId", groupId);
        return c;
    }

    private static JsonObject range(double min, double max) {
        JsonObject r = new JsonObject();
        r.addProperty("min", min);
        r.addProperty("max", max);
        return r;
    }

    private static JsonArray strings(String... values) {
        JsonArray a = new JsonArray();
        for (String v : values) {
            a.add(v);
        }
        return a;
    }

    /** A processing switch (echo cancellation, gain control, noise suppression) that only offers "off". */
    private static JsonArray unprocessed() {
        JsonArray a = new JsonArray();
        a.add(false);
        return a;
    }
}
