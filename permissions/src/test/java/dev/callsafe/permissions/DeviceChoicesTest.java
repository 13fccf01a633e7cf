package dev.callsafe.permissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceChoicesTest {
    @TempDir
    Path profile;

    private final Origin a = Origin.of("https://a.example");
    private final Origin b = Origin.of("https://b.example");

    @Test
    void theLastChoiceIsKeptPerOriginAndKindAcrossRestarts() {
        DeviceChoices c = DeviceChoices.open(profile);
        c.remember(a, MediaKind.CAMERA, "synthetic-camera-2");
        c.remember(a, MediaKind.MICROPHONE, "synthetic-microphone-3");
        c.remember(a, MediaKind.CAMERA, "synthetic-camera-1");
        DeviceChoices again = DeviceChoices.open(profile);
        assertEquals(Optional.of("synthetic-camera-1"), again.last(a, MediaKind.CAMERA));
        assertEquals(Optional.of("synthetic-microphone-3"), again.last(a, MediaKind.MICROPHONE));
        assertEquals(Optional.empty(), again.last(b, MediaKind.CAMERA));
        assertEquals(Optional.empty(), again.last(Origin.of("http://a.example"), MediaKind.CAMERA), "exact origin");
        again.forget(a);
        assertEquals(Optional.empty(), DeviceChoices.open(profile).last(a, MediaKind.CAMERA));
    }

    @Test
    void anUnreadableFileIsSetAsideAndChoicesStartEmpty() throws Exception {
        Files.writeString(profile.resolve(DeviceChoices.FILE), "{not json");
        DeviceChoices c = DeviceChoices.open(profile);
        assertEquals(Optional.empty(), c.last(a, MediaKind.CAMERA));
        try (var files = Files.list(profile)) {
            assertTrue(files.anyMatch(p -> p.getFileName().toString().startsWith(DeviceChoices.FILE + ".corrupt-")));
        }
        c.remember(a, MediaKind.CAMERA, "x");
        assertEquals(Optional.of("x"), DeviceChoices.open(profile).last(a, MediaKind.CAMERA));
    }
}
