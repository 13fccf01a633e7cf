package dev.callsafe.plugins.spi;

import java.nio.file.Path;

import javax.swing.JComponent;

/** What the browser offers a plugin. Everything a plugin learns about a page comes through here. */
public interface PluginContext {
    /** Adds a script that runs in every document (all frames, popups) before any of the page's scripts. */
    void addDocumentScript(String source);

    /**
     * Handles messages a page sends on a channel through the browser's page bridge. The handler learns
     * the sending frame as the browser sees it.
     */
    void addMessageHandler(String channel, MessageHandler handler);

    /** Serves endless response bodies at {@code callsafe-stream://<name>/...} to the frames that may read them. */
    void addStreamHandler(String name, StreamHandler handler);

    void addTabListener(TabListener listener);

    /** Adds a widget to the chrome strip, which stays outside the page area and visible in fullscreen. */
    void addChromeWidget(JComponent widget);

    /** Adds a widget at the start of the address bar (the site-information button). */
    void addAddressBarWidget(JComponent widget);

    /**
     * Adds an entry to the browser's menu (the chrome's menu button), so what the plugin offers is reachable
     * without knowing a shortcut.
     *
     * @param name the entry's component name (tests and accessibility find it by this)
     */
    void addMenuItem(String name, String label, Runnable action);

    /**
     * Adds a section to the browser's Settings dialog: {@code section} builds its content each time the dialog
     * opens, so it shows the current values. This is where browser-wide settings of any plugin go (camera and
     * microphone defaults from the media plugin; a WebRTC network policy would be one more section).
     *
     * @param name the section's component name
     */
    void addSettingsSection(String name, String title, java.util.function.Supplier<JComponent> section);

    /** The selected tab, if any. */
    java.util.Optional<Tab> selectedTab();

    /** The profile directory this browser runs with (settings, permissions). */
    Path profileDirectory();

    /**
     * Whether the engine itself may gather only relay candidates, reached over TCP, in every frame of every tab
     * (Chromium's profile-wide {@code webrtc.ip_handling_policy} {@code disable_non_proxied_udp}): the backstop
     * for a browser-wide relay-only choice. {@code false} leaves the engine's default (mDNS host names).
     */
    void setEngineRelayOnly(boolean relayOnly);

    /** The browser's open tabs. */
    java.util.List<Tab> tabs();
}
