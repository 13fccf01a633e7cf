package dev.callsafe.browser.shell;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import javax.swing.SwingUtilities;

import org.cef.browser.CefBrowser;
import org.cef.callback.CefBeforeDownloadCallback;
import org.cef.callback.CefDownloadItem;
import org.cef.callback.CefDownloadItemCallback;
import org.cef.handler.CefDownloadHandlerAdapter;

/**
 * Downloads: every file a page offers is saved into the downloads folder ({@code ~/Downloads}, or the
 * {@code callsafe.downloads} system property) under its suggested name, made unique with " (1)", " (2)"...,
 * without asking; the downloads window lists them with their progress.
 */
final class Downloads extends CefDownloadHandlerAdapter {
    /** One download's state as last reported by the engine. */
    record Download(int id, String url, Path file, long received, long total, boolean complete, boolean canceled) {
        String progress() {
            if (canceled) {
                return "cancelled";
            }
            if (complete) {
                return "done, " + size(received);
            }
            return total > 0 ? size(received) + " of " + size(total) + " (" + (100 * received / total) + " %)"
                    : size(received);
        }

        private static String size(long bytes) {
            return bytes < 1024 ? bytes + " B" : bytes < 1 << 20 ? (bytes / 1024) + " KB"
                    : String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1048576.0);
        }
    }

    private final Map<Integer, Download> downloads = new LinkedHashMap<>();
    private final Map<Integer, Path> targets = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<Consumer<Download>> listeners = new CopyOnWriteArrayList<>();

    static Path folder() {
        String configured = System.getProperty("callsafe.downloads");
        return configured != null ? Path.of(configured) : Path.of(System.getProperty("user.home"), "Downloads");
    }

    /** Called on the Swing thread with each new or changed download. */
    void addListener(Consumer<Download> listener) {
        listeners.add(listener);
    }

    /** Every download of this session, oldest first. Swing thread. */
    List<Download> all() {
        return new ArrayList<>(downloads.values());
    }

    @Override
    public boolean onBeforeDownload(CefBrowser browser, CefDownloadItem item, String suggestedName,
                                    CefBeforeDownloadCallback callback) {
        Path target = uniqueTarget(suggestedName);
        targets.put(item.getId(), target);
        callback.Continue(target.toString(), false);
        return true;
    }

    /** A free name in the downloads folder for {@code suggested}, its path stripped (no way out of the folder). */
    static synchronized Path uniqueTarget(String suggested) {
        Path dir = folder();
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            // CEF reports the failure as a cancelled download
        }
        String name = suggested == null ? "" : suggested.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).replaceAll("[\\x00-\\x1f]", "").strip();
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            name = "download";
        }
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : "";
        Path p = dir.resolve(name);
        for (int i = 1; Files.exists(p); i++) {
            p = dir.resolve(stem + " (" + i + ")" + ext);
        }
        return p;
    }

    @Override
    public void onDownloadUpdated(CefBrowser browser, CefDownloadItem item, CefDownloadItemCallback callback) {
        if (!item.isValid()) {
            return;
        }
        String full = item.getFullPath();
        Path file = full != null && !full.isEmpty() ? Path.of(full) : targets.get(item.getId());
        Download d = new Download(item.getId(), item.getURL(), file, item.getReceivedBytes(), item.getTotalBytes(),
                item.isComplete(), item.isCanceled());
        SwingUtilities.invokeLater(() -> {
            downloads.put(d.id(), d);
            listeners.forEach(l -> l.accept(d));
        });
    }
}
