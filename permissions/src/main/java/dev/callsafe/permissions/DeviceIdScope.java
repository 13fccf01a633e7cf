package dev.callsafe.permissions;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns a machine device id into the id one origin sees under one top-level site: stable there, different for
 * every other origin and for the same origin embedded under another site (a keyed hash with a per-profile
 * secret), so device ids cannot link a user across sites, not even through a third party embedded in many.
 */
public final class DeviceIdScope {
    private final SecretKeySpec key;

    public DeviceIdScope(byte[] profileSecret) {
        if (profileSecret.length < 16) {
            throw new IllegalArgumentException("profile secret too short");
        }
        this.key = new SecretKeySpec(profileSecret.clone(), "HmacSHA256");
    }

    /** The device id a frame of {@code origin} in a tab of {@code topLevel} sees for a machine device id. */
    public String pageId(Site topLevel, Origin origin, String deviceId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(topLevel.serialize().getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            mac.update(origin.serialize().getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            byte[] h = mac.doFinal(deviceId.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(h).substring(0, 32);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
