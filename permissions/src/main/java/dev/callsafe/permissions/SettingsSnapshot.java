package dev.callsafe.permissions;

import java.util.Map;

/**
 * The browser-wide settings, as plain data for storage.
 *
 * @param defaultAnswers {@link CaptureCategory#key()} to {@code "ask"} or {@code "block"}
 * @param defaultDevices kind name ({@code camera}, {@code microphone}) to the browser's own device id
 */
public record SettingsSnapshot(Map<String, String> defaultAnswers, Map<String, String> defaultDevices) {
}
