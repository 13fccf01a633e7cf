package dev.callsafe.permissions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.reflect.TypeToken;

/**
 * The device the user last chose in the prompt, per origin and kind, so the next prompt for that origin
 * starts on it. Kept in {@code device-choices.json} in the profile (written whole, atomically renamed);
 * a file that cannot be read is set aside and the choices start empty: a lost preference, not a lost grant.
 */
public final class DeviceChoices {
    public static final String FILE = "device-choices.json";
    private static final Logger LOG = Logger.getLogger(DeviceChoices.class.getName());
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private final Path file;
    /** Serialised origin -> kind name -> device id (the browser's own id, never the page's). */
    private final Map<String, Map<String, String>> choices = new TreeMap<>();

    private DeviceChoices(Path file) {
        this.file = file;
    }

    /** Choices that live only as long as the browser (no profile file). */
    public static DeviceChoices inMemory() {
        return new DeviceChoices(null);
    }

    /** Loads the choices kept in a profile directory. */
    public static DeviceChoices open(Path profile) {
        DeviceChoices c = new DeviceChoices(profile.resolve(FILE));
        if (Files.exists(c.file)) {
            try {
                Map<String, Map<String, String>> read = GSON.fromJson(
                        Files.readString(c.file, StandardCharsets.UTF_8),
                        new TypeToken<Map<String, Map<String, String>>>() { }.getType());
                if (read != null) {
                    read.forEach((origin, kinds) -> {
                        if (kinds != null) {
                            c.choices.put(origin, new TreeMap<>(kinds));
                        }
                    });
                }
            } catch (IOException | JsonParseException | ClassCastException e) {
                LOG.log(Level.WARNING, "device choices unreadable; starting empty", e);
                try {
                    Files.move(c.file, c.file.resolveSibling(FILE + ".corrupt-" + System.currentTimeMillis()));
                } catch (IOException moveFailed) {
                    LOG.log(Level.WARNING, "cannot set the unreadable device choices aside", moveFailed);
                }
            }
        }
        return c;
    }

    /** The device this origin's user chose last for a kind. */
    public synchronized Optional<String> last(Origin origin, MediaKind kind) {
        Map<String, String> kinds = choices.get(origin.serialize());
        return Optional.ofNullable(kinds == null ? null : kinds.get(kind.name()));
    }

    public synchronized void remember(Origin origin, MediaKind kind, String deviceId) {
        String before = choices.computeIfAbsent(origin.serialize(), o -> new TreeMap<>()).put(kind.name(), deviceId);
        if (!deviceId.equals(before)) {
            save();
        }
    }

    /** Forgets an origin's choices (site data cleared). */
    public synchronized void forget(Origin origin) {
        if (choices.remove(origin.serialize()) != null) {
            save();
        }
    }

    /** Forgets every origin's choices (every site's data cleared). */
    public synchronized void forgetAll() {
        if (!choices.isEmpty()) {
            choices.clear();
            save();
        }
    }

    private void save() {
        if (file == null) {
            return;
        }
        try {
            Path tmp = file.resolveSibling(FILE + ".tmp");
            Files.writeString(tmp, GSON.toJson(choices), StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot save device choices", e);
        }
    }
}
