package dev.callsafe.permissions;

import java.io.IOException;

/** Another running instance holds the profile's permission store. */
public final class ProfileInUseException extends IOException {
    public ProfileInUseException(String message) {
        super(message);
    }
}
