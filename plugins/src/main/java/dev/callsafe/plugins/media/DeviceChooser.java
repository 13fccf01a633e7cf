package dev.callsafe.plugins.media;

import java.awt.Color;
import java.awt.Component;
import java.awt.Dimension;
import java.awt.FlowLayout;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;

import javax.swing.BorderFactory;
import javax.swing.BoxLayout;
import javax.swing.DefaultComboBoxModel;
import javax.swing.DefaultListCellRenderer;
import javax.swing.ImageIcon;
import javax.swing.JButton;
import javax.swing.JComboBox;
import javax.swing.JFileChooser;
import javax.swing.JLabel;
import javax.swing.JList;
import javax.swing.JPanel;
import javax.swing.JProgressBar;
import javax.swing.SwingUtilities;
import javax.swing.filechooser.FileNameExtensionFilter;

import dev.callsafe.capture.device.Camera;
import dev.callsafe.capture.device.MediaFile;
import dev.callsafe.capture.device.Microphone;

/**
 * The prompt's device choice: every camera and microphone with why an unsuitable one cannot be used and who
 * holds a busy one, a live camera preview and a microphone level, and "Use a file instead". Lives in the
 * prompt, outside the page; used on the Swing thread.
 */
final class DeviceChooser extends JPanel {
    /** Turns a file the user picked into an option for this request (probes it; may refuse it). */
    interface FileOptions {
        DeviceOption<Camera> camera(Path file) throws MediaFile.Unusable;

        DeviceOption<Microphone> microphone(Path file) throws MediaFile.Unusable;
    }

    /** Bound property fired when the offered devices change (plugged, unplugged): the prompt re-arms. */
    static final String OPTIONS = "consent.options";
    private static final Color PROBLEM = new Color(0xB0, 0x00, 0x20);

    private final DevicePreviews previews;
    private final FileOptions files;
    private final ExecutorService opener;
    private final Runnable changed;
    private final JLabel note = new JLabel(" ");
    private final JLabel fileMessage = new JLabel(" ");
    private final JPanel rows = new JPanel();
    private JComboBox<DeviceOption<Camera>> cameras;
    private JComboBox<DeviceOption<Microphone>> microphones;
    private final JLabel preview = new JLabel();
    /** Devices the operating system reported held by another application when we tried to open them. */
    private final java.util.Set<String> heldElsewhere = new java.util.HashSet<>();
    private final JProgressBar level = new JProgressBar(0, 100);
    private DevicePreviews.Preview cameraPreview;
    private DevicePreviews.Preview microphonePreview;
    private DeviceOption<Camera> currentCamera;
    private DeviceOption<Microphone> currentMicrophone;
    private boolean closed;
    /** Set while the lists are rebuilt, so rebuilding is not taken for the user's choice. */
    private boolean rebuilding;

    /** @param changed runs when the selection changes (the prompt relabels Allow for a take-over) */
    DeviceChooser(DevicePreviews previews, FileOptions files, ExecutorService opener, Runnable changed) {
        this.previews = previews;
        this.files = files;
        this.opener = opener;
        this.changed = changed;
        setName("consent.devices");
        setOpaque(false);
        setLayout(new BoxLayout(this, BoxLayout.Y_AXIS));
        rows.setOpaque(false);
        rows.setLayout(new BoxLayout(rows, BoxLayout.Y_AXIS));
        add(rows);
        note.setName("consent.note");
        fileMessage.setName("consent.file.message");
        fileMessage.setForeground(PROBLEM);
        add(line(note));
        add(line(fileMessage));
        preview.setName("consent.camera.preview");
        // Room for a 4:3 picture; wider ones are centred.
        preview.setPreferredSize(new Dimension(DevicePreviews.PREVIEW_WIDTH, DevicePreviews.PREVIEW_WIDTH * 3 / 4));
        preview.setHorizontalAlignment(JLabel.CENTER);
        preview.setBorder(BorderFactory.createLineBorder(Color.GRAY));
        level.setName("consent.microphone.level");
        level.setPreferredSize(new Dimension(120, 10));
    }

    private static JPanel line(Component... parts) {
        JPanel p = new JPanel(new FlowLayout(FlowLayout.LEFT, 6, 2));
        p.setOpaque(false);
        for (Component c : parts) {
            p.add(c);
        }
        return p;
    }

    /** Adds the camera row, unless there is one (a merged prompt asking for the camera again). */
    void offerCameras(List<DeviceOption<Camera>> options, Optional<DeviceOption<Camera>> start) {
        if (cameras != null) {
            return;
        }
        cameras = combo("consent.camera", options);
        JButton file = new JButton("Use a file instead\u2026");
        file.setName("consent.camera.file");
        file.addActionListener(e -> pickFile(true));
        rows.add(line(labelFor("Camera:", cameras), cameras, file, preview));
        start.ifPresent(cameras::setSelectedItem);
        cameras.addActionListener(e -> select(cameras, true));
        select(cameras, true);
        revalidate();
    }

    void offerMicrophones(List<DeviceOption<Microphone>> options, Optional<DeviceOption<Microphone>> start) {
        if (microphones != null) {
            return;
        }
        microphones = combo("consent.microphone", options);
        JButton file = new JButton("Use a file instead\u2026");
        file.setName("consent.microphone.file");
        file.addActionListener(e -> pickFile(false));
        rows.add(line(labelFor("Microphone:", microphones), microphones, file, level));
        start.ifPresent(microphones::setSelectedItem);
        microphones.addActionListener(e -> select(microphones, false));
        select(microphones, false);
        revalidate();
    }

    /** The row's label, tied to its list so that a screen reader names the list by it. */
    private static JLabel labelFor(String text, JComboBox<?> box) {
        JLabel label = new JLabel(text);
        label.setLabelFor(box);
        return label;
    }

    private <D> JComboBox<DeviceOption<D>> combo(String name, List<DeviceOption<D>> options) {
        JComboBox<DeviceOption<D>> box = new JComboBox<>(new DefaultComboBoxModel<>(new java.util.Vector<>(options)));
        box.setName(name);
        box.setRenderer(new DefaultListCellRenderer() {
            @Override
            public Component getListCellRendererComponent(JList<?> list, Object value, int index, boolean selected,
                                                          boolean focus) {
                Component c = super.getListCellRendererComponent(list, value, index, selected, focus);
                if (value instanceof DeviceOption && !((DeviceOption<?>) value).suitable()) {
                    c.setForeground(Color.GRAY);
                }
                if (value instanceof DeviceOption && heldElsewhere.contains(((DeviceOption<?>) value).id())) {
                    setText(value + " \u2014 in use by another application");
                }
                return c;
            }
        });
        return box;
    }

    /** The selection changed: unsuitable options are refused (with the reason), previews follow. */
    @SuppressWarnings("unchecked")
    private <D> void select(JComboBox<DeviceOption<D>> box, boolean camera) {
        if (rebuilding) {
            return;
        }
        DeviceOption<D> chosen = (DeviceOption<D>) box.getSelectedItem();
        DeviceOption<D> current = (DeviceOption<D>) (camera ? currentCamera : currentMicrophone);
        if (chosen == null || chosen == current) {
            return;
        }
        if (!chosen.suitable()) {
            note.setText(chosen.label() + " cannot be used: " + chosen.unsuitable().get());
            box.setSelectedItem(current);
            return;
        }
        if (camera) {
            currentCamera = (DeviceOption<Camera>) chosen;
            restartCameraPreview();
        } else {
            currentMicrophone = (DeviceOption<Microphone>) chosen;
            restartMicrophonePreview();
        }
        describeSelection();
        changed.run();
    }

    private void describeSelection() {
        List<String> parts = new ArrayList<>();
        for (DeviceOption<?> o : new DeviceOption<?>[] {currentCamera, currentMicrophone}) {
            if (o != null && o.holder().isPresent()) {
                DeviceHolder h = o.holder().get();
                parts.add(o.label() + (h.sameOrigin() ? " is " + h.describe() + " (one capture, shared)"
                        : " is " + h.describe() + ": taking it over ends that tab's track"));
            }
        }
        note.setText(parts.isEmpty() ? " " : String.join("; ", parts));
    }

    private void restartCameraPreview() {
        if (cameraPreview != null) {
            cameraPreview.close();
        }
        preview.setIcon(null);
        if (closed) {
            return;
        }
        DeviceOption<Camera> showing = currentCamera;
        cameraPreview = previews.camera(showing, img -> SwingUtilities.invokeLater(() -> {
            if (currentCamera == showing && !closed) {
                preview.setIcon(new ImageIcon(img));
            }
        }), (message, elsewhere) -> trouble(showing.id(), message, elsewhere));
    }

    /** A preview could not start; a device another application holds is marked so in its list. */
    private void trouble(String deviceId, String message, boolean elsewhere) {
        SwingUtilities.invokeLater(() -> {
            note.setText(message);
            if (elsewhere && heldElsewhere.add(deviceId)) {
                for (JComboBox<?> box : new JComboBox<?>[] {cameras, microphones}) {
                    if (box != null) {
                        box.repaint();
                    }
                }
            }
        });
    }

    private void restartMicrophonePreview() {
        if (microphonePreview != null) {
            microphonePreview.close();
        }
        level.setValue(0);
        if (closed) {
            return;
        }
        DeviceOption<Microphone> hearing = currentMicrophone;
        microphonePreview = previews.microphone(hearing, v -> SwingUtilities.invokeLater(() -> {
            if (currentMicrophone == hearing && !closed) {
                level.setValue((int) Math.round(v * 100));
            }
        }), (message, elsewhere) -> trouble(hearing.id(), message, elsewhere));
    }

    private void pickFile(boolean camera) {
        JFileChooser chooser = new JFileChooser();
        chooser.setName("consent.file.chooser");
        chooser.setDialogTitle(camera ? "Use a video or image instead of the camera"
                : "Use an audio file instead of the microphone");
        chooser.setFileFilter(camera
                ? new FileNameExtensionFilter("Videos and images", "mp4", "mkv", "webm", "mov", "avi", "ogv",
                        "y4m", "png", "jpg", "jpeg", "gif", "bmp")
                : new FileNameExtensionFilter("Audio", "wav", "mp3", "ogg", "oga", "opus", "flac", "m4a", "aac"));
        if (chooser.showOpenDialog(this) != JFileChooser.APPROVE_OPTION || chooser.getSelectedFile() == null) {
            return;
        }
        useFile(chooser.getSelectedFile(), camera);
    }

    /** Probes a chosen file off the Swing thread; offers it, or says why it cannot be used. */
    private void useFile(File file, boolean camera) {
        fileMessage.setText("Opening " + file.getName() + "\u2026");
        fileMessage.setForeground(Color.DARK_GRAY);
        opener.execute(() -> {
            try {
                DeviceOption<?> option = camera ? files.camera(file.toPath()) : files.microphone(file.toPath());
                SwingUtilities.invokeLater(() -> offerFile(option, camera));
            } catch (MediaFile.Unusable e) {
                SwingUtilities.invokeLater(() -> {
                    fileMessage.setForeground(PROBLEM);
                    fileMessage.setText("Cannot use this file: " + e.getMessage());
                });
            } catch (RuntimeException | LinkageError e) {
                SwingUtilities.invokeLater(() -> {
                    fileMessage.setForeground(PROBLEM);
                    fileMessage.setText("Cannot use this file: " + e);
                });
            }
        });
    }

    @SuppressWarnings("unchecked")
    private void offerFile(DeviceOption<?> option, boolean camera) {
        if (closed) {
            return;
        }
        if (!option.suitable()) {
            fileMessage.setForeground(PROBLEM);
            fileMessage.setText("Cannot use this file: " + option.unsuitable().get());
            return;
        }
        fileMessage.setForeground(Color.DARK_GRAY);
        fileMessage.setText("Using " + option.label());
        JComboBox<DeviceOption<Object>> box = (JComboBox<DeviceOption<Object>>) (Object) (camera ? cameras : microphones);
        DefaultComboBoxModel<DeviceOption<Object>> model = (DefaultComboBoxModel<DeviceOption<Object>>) box.getModel();
        for (int i = 0; i < model.getSize(); i++) {
            if (model.getElementAt(i).id().equals(option.id())) {
                model.removeElementAt(i); // the same file chosen again: offer the fresh probe
                break;
            }
        }
        model.addElement((DeviceOption<Object>) option);
        box.setSelectedItem(option);
    }

    /**
     * Devices came or went while the prompt is open: the lists are rebuilt (files the user chose stay), the
     * selection stays when its device is still there, else moves to the first usable one. A null list leaves
     * that row as it is (this request did not list that kind).
     */
    void devicesChanged(List<DeviceOption<Camera>> cameraOptions, List<DeviceOption<Microphone>> microphoneOptions) {
        if (closed) {
            return;
        }
        if (cameras != null && cameraOptions != null) {
            DeviceOption<Camera> kept = rebuild(cameras, cameraOptions, currentCamera);
            if (kept != null && currentCamera != null && kept.id().equals(currentCamera.id())) {
                currentCamera = kept;
            } else {
                currentCamera = null;
                select(cameras, true);
            }
        }
        if (microphones != null && microphoneOptions != null) {
            DeviceOption<Microphone> kept = rebuild(microphones, microphoneOptions, currentMicrophone);
            if (kept != null && currentMicrophone != null && kept.id().equals(currentMicrophone.id())) {
                currentMicrophone = kept;
            } else {
                currentMicrophone = null;
                select(microphones, false);
            }
        }
        describeSelection();
        changed.run();
        firePropertyChange(OPTIONS, false, true);
    }

    /** Refills a list; returns the option now selected (the current device's fresh option if it is there). */
    private <D> DeviceOption<D> rebuild(JComboBox<DeviceOption<D>> box, List<DeviceOption<D>> fresh,
                                        DeviceOption<D> current) {
        List<DeviceOption<D>> all = new ArrayList<>(fresh);
        DefaultComboBoxModel<DeviceOption<D>> model = (DefaultComboBoxModel<DeviceOption<D>>) box.getModel();
        for (int i = 0; i < model.getSize(); i++) {
            if (model.getElementAt(i).id().startsWith("file:")) {
                all.add(model.getElementAt(i));
            }
        }
        DeviceOption<D> pick = all.stream().filter(o -> current != null && o.id().equals(current.id())
                && o.suitable()).findFirst()
                .orElseGet(() -> DeviceOptions.preferred(all, id -> false, Optional.empty()).orElse(null));
        rebuilding = true;
        try {
            model.removeAllElements();
            all.forEach(model::addElement);
            model.setSelectedItem(pick);
        } finally {
            rebuilding = false;
        }
        return pick;
    }

    Optional<DeviceOption<Camera>> camera() {
        return Optional.ofNullable(currentCamera);
    }

    Optional<DeviceOption<Microphone>> microphone() {
        return Optional.ofNullable(currentMicrophone);
    }

    /** Whether allowing now takes a device over from another page. */
    boolean takesOver() {
        return currentCamera != null && currentCamera.needsTakeover()
                || currentMicrophone != null && currentMicrophone.needsTakeover();
    }

    /** Stops the previews (after the answer's captures were queued, so they can join them). */
    void close() {
        closed = true;
        if (cameraPreview != null) {
            cameraPreview.close();
        }
        if (microphonePreview != null) {
            microphonePreview.close();
        }
    }
}
