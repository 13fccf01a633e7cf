package dev.callsafe.permissions;

/**
 * What the devices chosen for a request mean for consent, as the browser found them before deciding.
 *
 * @param takesOver a chosen device is held by another origin (its tracks would end)
 * @param replacesFile the person sent a file instead of a device for a requested kind in this call
 */
public record DeviceUse(boolean takesOver, boolean replacesFile) {
    /** Free (or same-origin) devices, no file to replace. */
    public static final DeviceUse PLAIN = new DeviceUse(false, false);
}
