package dev.callsafe.plugins.media;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.callsafe.permissions.MediaKind;

/** A file the person sent in a call is remembered for that call only, per kind, until a device replaces it. */
class SubstitutedFilesTest {
    private final SubstitutedFiles files = new SubstitutedFiles();

    @Test
    void aFileChoiceIsPerCallAndKind() {
        files.chosen("1/main", MediaKind.CAMERA, true);
        assertTrue(files.any("1/main", Set.of(MediaKind.CAMERA)));
        assertTrue(files.any("1/main", EnumSet.of(MediaKind.CAMERA, MediaKind.MICROPHONE)));
        assertFalse(files.any("1/main", Set.of(MediaKind.MICROPHONE)));
        assertFalse(files.any("2/main", Set.of(MediaKind.CAMERA)));
    }

    @Test
    void choosingADeviceOrEndingTheCallForgetsIt() {
        files.chosen("1/main", MediaKind.CAMERA, true);
        files.chosen("1/main", MediaKind.CAMERA, false);
        assertFalse(files.any("1/main", Set.of(MediaKind.CAMERA)));
        files.chosen("1/main", MediaKind.MICROPHONE, true);
        files.forget(id -> id.startsWith("1/"));
        assertFalse(files.any("1/main", Set.of(MediaKind.MICROPHONE)));
    }
}
