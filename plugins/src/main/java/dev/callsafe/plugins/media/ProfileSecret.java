package dev.callsafe.plugins.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;

/** The per-profile random key that scopes device ids to origins; created on first use. */
final class ProfileSecret {
    private static final String FILE = "device-id-secret";

    private ProfileSecret() {
    }

    static byte[] load(Path profile) throws IOException {
        Path file = profile.resolve(FILE);
        if (Files.isRegularFile(file) && Files.size(file) == 32) {
            return Files.readAllBytes(file);
        }
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        Files.createDirectories(profile);
        Path tmp = Files.createTempFile(profile, FILE, ".tmp");
        Files.write(tmp, secret);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return secret;
    }
}
