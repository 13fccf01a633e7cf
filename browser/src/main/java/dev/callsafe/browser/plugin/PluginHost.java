package dev.callsafe.browser.plugin;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.swing.JComponent;

import dev.callsafe.browser.cef.PageBridge;
import dev.callsafe.browser.cef.SchemeRouter;
import dev.callsafe.plugins.spi.BrowserPlugin;
import dev.callsafe.plugins.spi.MessageHandler;
import dev.callsafe.plugins.spi.PluginContext;
import dev.callsafe.plugins.spi.StreamHandler;
import dev.callsafe.plugins.spi.Tab;
import dev.callsafe.plugins.spi.TabListener;

/** Finds plugins with {@link ServiceLoader}, starts them in priority order and holds what they register. */
public final class PluginHost implements PluginContext {
    private static final Logger LOG = Logger.getLogger(PluginHost.class.getName());

    private final Path profile;
    private final PageBridge bridge;
    private final SchemeRouter schemes;
    private final Supplier<List<? extends Tab>> tabs;
    private final List<String> scripts = new ArrayList<>();
    private final List<TabListener> listeners = new CopyOnWriteArrayList<>();
    private final List<JComponent> widgets = new ArrayList<>();
    private final List<JComponent> addressBarWidgets = new ArrayList<>();
    private final List<MenuEntry> menuEntries = new ArrayList<>();
    private final List<SettingsSection> settingsSections = new ArrayList<>();
    private Supplier<java.util.Optional<? extends Tab>> selected = java.util.Optional::empty;
    private final List<BrowserPlugin> plugins = new ArrayList<>();
    private final dev.callsafe.browser.cef.EngineWebRtcPolicy webRtcPolicy;

    public PluginHost(Path profile, PageBridge bridge, SchemeRouter schemes, Supplier<List<? extends Tab>> tabs,
                      dev.callsafe.browser.cef.EngineWebRtcPolicy webRtcPolicy) {
        this.webRtcPolicy = webRtcPolicy;
        this.profile = profile;
        this.bridge = bridge;
        this.schemes = schemes;
        this.tabs = tabs;
    }

    /** Loads and starts every plugin on the class path; a plugin that fails to start is logged and skipped. */
    public void startAll() {
        List<BrowserPlugin> found = new ArrayList<>();
        ServiceLoader.load(BrowserPlugin.class).forEach(found::add);
        found.sort(Comparator.comparingInt(BrowserPlugin::priority).thenComparing(BrowserPlugin::id));
        for (BrowserPlugin p : found) {
            try {
                p.start(this);
                plugins.add(p);
                LOG.info("plugin started: " + p.id());
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "plugin " + p.id() + " failed to start", e);
            }
        }
    }

    public void stopAll() {
        for (BrowserPlugin p : plugins) {
            try {
                p.stop();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "plugin " + p.id() + " failed to stop", e);
            }
        }
    }

    /** A started plugin of this type, for diagnostics and tests. */
    public <T extends BrowserPlugin> java.util.Optional<T> plugin(Class<T> type) {
        return plugins.stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    /** All plugin document scripts, joined in start order. */
    public String documentScript() {
        return String.join("\n;\n", scripts);
    }

    public List<JComponent> widgets() {
        return List.copyOf(widgets);
    }

    public List<JComponent> addressBarWidgets() {
        return List.copyOf(addressBarWidgets);
    }

    /** An entry a plugin added to the browser's menu. */
    public record MenuEntry(String name, String label, Runnable action) {
    }

    /** A section a plugin added to the Settings dialog; {@code content} builds it anew each time. */
    public record SettingsSection(String name, String title, Supplier<JComponent> content) {
    }

    public List<MenuEntry> menuEntries() {
        return List.copyOf(menuEntries);
    }

    public List<SettingsSection> settingsSections() {
        return List.copyOf(settingsSections);
    }

    /** Tells the host how to find the selected tab (the window exists only after plugins start). */
    public void setSelectedTab(Supplier<java.util.Optional<? extends Tab>> selected) {
        this.selected = selected;
    }

    /** Delivers a tab event to every listener; one failing listener does not stop the others. */
    public void fire(Consumer<TabListener> event) {
        for (TabListener l : listeners) {
            try {
                event.accept(l);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "tab listener failed", e);
            }
        }
    }

    @Override
    public void addDocumentScript(String source) {
        scripts.add(source);
    }

    @Override
    public void addMessageHandler(String channel, MessageHandler handler) {
        bridge.addHandler(channel, handler);
    }

    @Override
    public void addStreamHandler(String name, StreamHandler handler) {
        schemes.addStreamHandler(name, handler);
    }

    @Override
    public void addTabListener(TabListener listener) {
        listeners.add(listener);
    }

    @Override
    public void addChromeWidget(JComponent widget) {
        widgets.add(widget);
    }

    @Override
    public void addAddressBarWidget(JComponent widget) {
        addressBarWidgets.add(widget);
    }

    @Override
    public void addMenuItem(String name, String label, Runnable action) {
        menuEntries.add(new MenuEntry(name, label, action));
    }

    @Override
    public void addSettingsSection(String name, String title, Supplier<JComponent> content) {
        settingsSections.add(new SettingsSection(name, title, content));
    }

    @Override
    public void setEngineRelayOnly(boolean relayOnly) {
        webRtcPolicy.want(relayOnly);
    }

    @Override
    public java.util.Optional<Tab> selectedTab() {
        return selected.get().map(t -> (Tab) t);
    }

    @Override
    public Path profileDirectory() {
        return profile;
    }

    @Override
    public List<Tab> tabs() {
        return List.copyOf(tabs.get());
    }
}
