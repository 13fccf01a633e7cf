package dev.callsafe.plugins.spi;

/** A browser extension, found with {@link java.util.ServiceLoader} at start and given a {@link PluginContext}. */
public interface BrowserPlugin {
    /** A short stable name, used in logs and settings. */
    String id();

    /** Plugins start in ascending priority. */
    default int priority() {
        return 0;
    }

    /** Registers scripts, handlers and widgets. Runs once, before the first tab opens. */
    void start(PluginContext context);

    /** Releases what the plugin holds; the browser is quitting. */
    default void stop() {
    }
}
