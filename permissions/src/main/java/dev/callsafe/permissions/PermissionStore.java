package dev.callsafe.permissions;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.UUID;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * Keeps the permission state in {@code permissions.json} in the profile: written whole to a temporary file,
 * synced and atomically renamed over the old one (a kill at any moment leaves the old or the new state),
 * guarded by a lock held while the store is open (a second instance on the profile is refused), and a
 * file it cannot read is kept aside and reported, never silently dropped.
 */
public final class PermissionStore implements AutoCloseable {
    public static final String FILE = "permissions.json";
    private static final String LOCK = "permissions.lock";
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private final Path file;
    private final Clock clock;
    private final FileChannel lockChannel;
    private final FileLock lock;

    /** What loading found: the state, and a message for the user when the file could not be used. */
    public record LoadResult(PermissionSnapshot snapshot, Optional<String> problem, Optional<Path> keptAside) {
    }

    private PermissionStore(Path file, Clock clock, FileChannel lockChannel, FileLock lock) {
        this.file = file;
        this.clock = clock;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** Opens the store of a profile directory, taking its lock. */
    public static PermissionStore open(Path profile, Clock clock) throws IOException {
        Files.createDirectories(profile);
        FileChannel channel = FileChannel.open(profile.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new ProfileInUseException("another Callsafe instance is using the profile " + profile);
        }
        return new PermissionStore(profile.resolve(FILE), clock, channel, lock);
    }

    public Path file() {
        return file;
    }

    /** Reads the stored state. Never throws for bad content: such a file is moved aside and reported. */
    public LoadResult load() throws IOException {
        removeStaleTemporaries();
        if (!Files.exists(file)) {
            return new LoadResult(PermissionSnapshot.empty(), Optional.empty(), Optional.empty());
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (java.nio.charset.MalformedInputException e) {
            return keepAside("corrupt", "is not text");
        }
        PermissionSnapshot snapshot;
        try {
            JsonElement root = JsonParser.parseString(text);
            if (!root.isJsonObject() || !root.getAsJsonObject().has("schema")
                    || !root.getAsJsonObject().get("schema").isJsonPrimitive()) {
                return keepAside("corrupt", "has no schema version");
            }
            int schema = root.getAsJsonObject().get("schema").getAsInt();
            if (schema > PermissionSnapshot.SCHEMA) {
                return keepAside("newer", "was written by a newer version (schema " + schema + ")");
            }
            snapshot = GSON.fromJson(root, PermissionSnapshot.class);
            if (snapshot == null || snapshot.sites() == null) {
                return keepAside("corrupt", "has no sites");
            }
            // Validate every field we will rely on, so a half-valid file cannot throw later.
            new SitePermissions(clock, SitePermissions.DEFAULT_LAPSE, java.util.Set.of()).restore(snapshot);
        } catch (JsonParseException | IllegalStateException | NumberFormatException
                 | java.time.format.DateTimeParseException | UnsupportedOperationException | NullPointerException e) {
            return keepAside("corrupt", "could not be read (" + e.getClass().getSimpleName() + ")");
        }
        return new LoadResult(snapshot, Optional.empty(), Optional.empty());
    }

    private LoadResult keepAside(String why, String what) throws IOException {
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(java.time.ZoneOffset.UTC)
                .format(clock.instant());
        Path aside = file.resolveSibling(FILE + "." + why + "-" + stamp);
        for (int i = 1; Files.exists(aside); i++) {
            aside = file.resolveSibling(FILE + "." + why + "-" + stamp + "-" + i);
        }
        Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
        String message = "The site permissions file " + what + ". It was kept as " + aside.getFileName()
                + " and permissions start empty.";
        return new LoadResult(PermissionSnapshot.empty(), Optional.of(message), Optional.of(aside));
    }

    /**
     * Writes the whole state atomically: temporary file, fsync, rename, directory fsync. When it fails (a full
     * disk) the stored file is untouched and the temporary is removed, so the failure takes no space.
     */
    public synchronized void save(PermissionSnapshot snapshot) throws IOException {
        byte[] data = GSON.toJson(snapshot).getBytes(StandardCharsets.UTF_8);
        Path tmp = file.resolveSibling(FILE + ".tmp-" + UUID.randomUUID());
        try {
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(data);
                while (buf.hasRemaining()) {
                    out.write(buf);
                }
                out.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not every platform can sync a directory; the rename itself is still atomic
        }
    }

    private void removeStaleTemporaries() throws IOException {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(file.getParent(), FILE + ".tmp-*")) {
            for (Path p : s) {
                Files.deleteIfExists(p); // a write killed before its rename: the old file is intact
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (lock.isValid()) {
            lock.release();
        }
        lockChannel.close();
    }
}
