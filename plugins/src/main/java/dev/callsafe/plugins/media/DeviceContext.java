package dev.callsafe.plugins.media;

import dev.callsafe.permissions.DeviceChoices;

/**
 * What device choice needs besides the consent engine: the shared captures, the remembered choices, the
 * prompt's previews and the pages waiting for {@code devicechange}.
 */
record DeviceContext(Captures captures, DeviceChoices remembered, DevicePreviews previews, DeviceWatchers watchers) {
}
