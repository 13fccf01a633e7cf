package dev.callsafe.plugins.media;

import java.awt.FlowLayout;
import java.awt.GridBagConstraints;
import java.awt.GridBagLayout;
import java.awt.Insets;
import java.util.Locale;
import java.util.Optional;

import javax.swing.BoxLayout;
import javax.swing.ButtonGroup;
import javax.swing.DefaultComboBoxModel;
import javax.swing.JButton;
import javax.swing.JComboBox;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JRadioButton;

import dev.callsafe.capture.device.DeviceCatalog;
import dev.callsafe.permissions.CaptureCategory;
import dev.callsafe.permissions.ConsentDefaults;
import dev.callsafe.permissions.DefaultAnswer;
import dev.callsafe.permissions.MediaKind;
import dev.callsafe.plugins.spi.PluginContext;

/**
 * The media plugin's sections of the browser's Settings: the default answer per kind (ask or block; a site's
 * own setting wins), the default camera and microphone (where a prompt starts when the site has no last
 * choice), and clearing data (every site's permissions, the capture history). Each section is built anew when
 * the dialog opens; changes apply at once and are stored with the permissions.
 */
final class CaptureSettings {
    private final MediaPlugin plugin;
    private final ConsentDefaults defaults;
    private final DeviceCatalog devices;

    CaptureSettings(MediaPlugin plugin, ConsentDefaults defaults, DeviceCatalog devices) {
        this.plugin = plugin;
        this.defaults = defaults;
        this.devices = devices;
    }

    void addTo(PluginContext context) {
        context.addSettingsSection("settings.defaults", "When a site asks", this::answers);
        context.addSettingsSection("settings.devices", "Default devices", this::defaultDevices);
        context.addSettingsSection("settings.data", "Clear data", this::clearData);
    }

    private JComponent answers() {
        JPanel panel = new JPanel(new GridBagLayout());
        GridBagConstraints c = new GridBagConstraints();
        c.anchor = GridBagConstraints.WEST;
        c.insets = new Insets(2, 0, 2, 10);
        c.gridy = 0;
        for (CaptureCategory category : CaptureCategory.values()) {
            String name = "settings." + category.key();
            c.gridx = 0;
            JLabel label = new JLabel(label(category));
            panel.add(label, c);
            ButtonGroup group = new ButtonGroup();
            for (DefaultAnswer answer : DefaultAnswer.values()) {
                JRadioButton b = new JRadioButton(answer == DefaultAnswer.ASK ? "Ask" : "Block");
                b.setName(name + "." + answer.name().toLowerCase(Locale.ROOT));
                b.getAccessibleContext().setAccessibleName(label(category) + ": " + b.getText());
                b.getAccessibleContext().setAccessibleDescription(answer == DefaultAnswer.ASK
                        ? "Sites ask you each time" : "Sites are refused without asking, unless the site's own"
                        + " settings allow it");
                b.setSelected(defaults.answer(category) == answer);
                b.addActionListener(e -> defaults.setAnswer(category, answer));
                group.add(b);
                c.gridx++;
                panel.add(b, c);
            }
            c.gridy++;
        }
        c.gridx = 0;
        c.gridwidth = 3;
        panel.add(new JLabel("<html>Block refuses without a prompt, as a blocked site is. A site's own setting"
                + " (an installed calling app) wins; a call already allowed keeps its permission.</html>"), c);
        return panel;
    }

    /** A grid bag centres what does not fill its width: keep the rows at the left edge. */
    private static JComponent leftAligned(JComponent grid) {
        JPanel outer = new JPanel(new java.awt.BorderLayout());
        outer.add(grid, java.awt.BorderLayout.WEST);
        return outer;
    }

    private static String label(CaptureCategory category) {
        switch (category) {
            case CAMERA: return "Camera";
            case MICROPHONE: return "Microphone";
            default: return "Screen, application and tab sharing";
        }
    }

    /** A device in the list, or "the list's order" (no default). */
    private record DeviceItem(String id, String label) {
        @Override
        public String toString() {
            return label;
        }
    }

    private JComponent defaultDevices() {
        JPanel panel = new JPanel(new GridBagLayout());
        GridBagConstraints c = new GridBagConstraints();
        c.anchor = GridBagConstraints.WEST;
        c.insets = new Insets(2, 0, 2, 10);
        c.gridy = 0;
        for (MediaKind kind : new MediaKind[] {MediaKind.CAMERA, MediaKind.MICROPHONE}) {
            DefaultComboBoxModel<DeviceItem> items = new DefaultComboBoxModel<>();
            items.addElement(new DeviceItem(null, "First in the list"));
            if (kind == MediaKind.CAMERA) {
                devices.cameras().forEach(d -> items.addElement(new DeviceItem(d.id(), d.label())));
            } else {
                devices.microphones().forEach(d -> items.addElement(new DeviceItem(d.id(), d.label())));
            }
            Optional<String> chosen = defaults.device(kind);
            if (chosen.isPresent() && indexOf(items, chosen.get()) < 0) {
                items.addElement(new DeviceItem(chosen.get(), "Not connected (" + chosen.get() + ")"));
            }
            JComboBox<DeviceItem> box = new JComboBox<>(items);
            String name = kind.name().toLowerCase(Locale.ROOT);
            box.setName("settings.device." + name);
            box.getAccessibleContext().setAccessibleName("Default " + name);
            box.setSelectedIndex(Math.max(0, chosen.map(id -> indexOf(items, id)).orElse(0)));
            box.addActionListener(e -> defaults.setDevice(kind, ((DeviceItem) box.getSelectedItem()).id()));
            c.gridx = 0;
            panel.add(new JLabel(kind == MediaKind.CAMERA ? "Camera" : "Microphone"), c);
            c.gridx = 1;
            panel.add(box, c);
            c.gridy++;
        }
        c.gridx = 0;
        c.gridwidth = 2;
        panel.add(new JLabel("<html>A prompt starts on this device unless the site's last choice is another."
                + "</html>"), c);
        return leftAligned(panel);
    }

    private static int indexOf(DefaultComboBoxModel<DeviceItem> items, String id) {
        for (int i = 0; i < items.getSize(); i++) {
            if (id.equals(items.getElementAt(i).id())) {
                return i;
            }
        }
        return -1;
    }

    private JComponent clearData() {
        JPanel panel = new JPanel();
        panel.setLayout(new BoxLayout(panel, BoxLayout.Y_AXIS));
        JPanel buttons = new JPanel(new FlowLayout(FlowLayout.LEFT, 6, 2));
        JLabel done = new JLabel(" ");
        done.setName("settings.data.status");
        JButton permissions = new JButton("Clear all site permissions");
        permissions.setName("settings.clear.permissions");
        permissions.getAccessibleContext().setAccessibleDescription("Every site's blocks, installed calling apps,"
                + " current call permissions, remembered devices and device ids; capture ends now");
        permissions.addActionListener(e -> {
            plugin.clearAllSiteData();
            done.setText("Every site's permissions were cleared.");
        });
        JButton history = new JButton("Clear capture history");
        history.setName("settings.clear.history");
        history.addActionListener(e -> {
            plugin.clearHistory();
            done.setText("The capture history was cleared.");
        });
        buttons.add(permissions);
        buttons.add(history);
        buttons.setAlignmentX(0);
        done.setAlignmentX(0);
        panel.add(buttons);
        panel.add(done);
        return panel;
    }
}
