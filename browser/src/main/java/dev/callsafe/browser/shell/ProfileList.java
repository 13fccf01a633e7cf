package dev.callsafe.browser.shell;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.logging.Logger;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * A list of visited or saved pages kept in one JSON file of the profile (history, bookmarks): read once,
 * written after each change off the Swing thread, atomically (a temporary file moved over the old one). A
 * damaged file is kept aside as {@code <name>.damaged} (an earlier damaged copy is not overwritten: the next is
 * {@code <name>.damaged-2}, ...), reported ({@link #damagedCopy()}, the log) and the list starts empty.
 */
class ProfileList {
    private static final Logger LOG = Logger.getLogger(ProfileList.class.getName());

    /** One page: its address, title and when it was last visited or saved. */
    record Page(String url, String title, Instant when) {
    }

    private final Path file;
    private final int limit;
    private final List<Page> pages = new CopyOnWriteArrayList<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService writer;
    private volatile Path damagedCopy;

    ProfileList(Path file, int limit) {
        this.file = file;
        this.limit = limit;
        this.writer = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "profile-" + file.getFileName());
            t.setDaemon(true);
            return t;
        });
        read();
    }

    private void read() {
        if (!Files.exists(file)) {
            return;
        }
        try {
            JsonArray a = JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonArray();
            for (var e : a) {
                JsonObject o = e.getAsJsonObject();
                pages.add(new Page(o.get("url").getAsString(), o.get("title").getAsString(),
                        Instant.ofEpochMilli(o.get("when").getAsLong())));
            }
        } catch (IOException | RuntimeException e) {
            pages.clear();
            try {
                Path aside = file.resolveSibling(file.getFileName() + ".damaged");
                for (int n = 2; Files.exists(aside); n++) {
                    aside = file.resolveSibling(file.getFileName() + ".damaged-" + n);
                }
                Files.move(file, aside);
                damagedCopy = aside;
                LOG.warning("damaged " + file + " kept aside as " + aside + ": " + e);
            } catch (IOException moveFailed) {
                // left where it is: the list is not written over it until it changes
                damagedCopy = file;
                LOG.warning("damaged " + file + " could not be kept aside (" + moveFailed + "): " + e);
            }
        }
    }

    /** Where the file this list could not read was kept (to be mended by hand); null when it read well or was absent. */
    Path damagedCopy() {
        return damagedCopy;
    }

    /** Newest first. */
    List<Page> pages() {
        return List.copyOf(pages);
    }

    void addListener(Runnable onChange) {
        listeners.add(onChange);
    }

    /** Puts a page first, replacing an entry of the same address. */
    synchronized void putFirst(String url, String title) {
        pages.removeIf(p -> p.url().equals(url));
        pages.add(0, new Page(url, title == null || title.isBlank() ? url : title, Instant.now()));
        while (pages.size() > limit) {
            pages.remove(pages.size() - 1);
        }
        changed();
    }

    /** Gives an existing entry a new title (a page's title arrives after its address). */
    synchronized void retitle(String url, String title) {
        for (int i = 0; i < pages.size(); i++) {
            Page p = pages.get(i);
            if (p.url().equals(url) && title != null && !title.isBlank() && !title.equals(p.title())) {
                pages.set(i, new Page(url, title, p.when()));
                changed();
                return;
            }
        }
    }

    synchronized void remove(String url) {
        if (pages.removeIf(p -> p.url().equals(url))) {
            changed();
        }
    }

    boolean contains(String url) {
        return pages.stream().anyMatch(p -> p.url().equals(url));
    }

    private void changed() {
        List<Page> snapshot = new ArrayList<>(pages);
        writer.execute(() -> write(snapshot));
        listeners.forEach(Runnable::run);
    }

    private void write(List<Page> snapshot) {
        JsonArray a = new JsonArray();
        for (Page p : snapshot) {
            JsonObject o = new JsonObject();
            o.addProperty("url", p.url());
            o.addProperty("title", p.title());
            o.addProperty("when", p.when().toEpochMilli());
            a.add(o);
        }
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, a.toString(), StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            LOG.warning("could not save " + file + ": " + e);
        }
    }

    /** Waits until every change so far is on disk (tests, quitting). */
    void flush() {
        try {
            writer.submit(() -> { }).get();
        } catch (Exception e) {
            Thread.currentThread().interrupt();
        }
    }
}
