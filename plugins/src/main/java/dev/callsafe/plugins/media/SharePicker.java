package dev.callsafe.plugins.media;

import java.awt.BorderLayout;
import java.awt.Dimension;
import java.awt.FlowLayout;
import java.awt.Font;
import java.awt.Window;
import java.awt.event.ActionEvent;
import java.awt.event.WindowAdapter;
import java.awt.event.WindowEvent;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import javax.swing.AbstractAction;
import javax.swing.BorderFactory;
import javax.swing.Box;
import javax.swing.BoxLayout;
import javax.swing.ButtonGroup;
import javax.swing.ImageIcon;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JDialog;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JRadioButton;
import javax.swing.JScrollPane;
import javax.swing.JToggleButton;
import javax.swing.KeyStroke;
import javax.swing.SwingConstants;
import javax.swing.SwingUtilities;
import javax.swing.Timer;

import dev.callsafe.capture.screen.OcclusionStyle;
import dev.callsafe.permissions.DisplaySource;
import dev.callsafe.permissions.Origin;

/**
 * The share picker: a browser dialog (outside any page) where the user chooses what a page may see, with
 * live thumbnails of the screens, the other applications and the tabs. Only a choice made here selects a
 * source. Like the consent prompt, its controls ignore activation for a moment after it appears (Share
 * also when it regains focus), there is no default button, and Escape or closing it cancels. It stays on
 * top of other applications and opens below the browser's chrome strip.
 */
final class SharePicker extends JDialog {
    static final int ARM_DELAY_MS = ConsentPrompt.ARM_DELAY_MS;
    private static final int THUMBNAIL_REFRESH_MS = 1000;

    private final AtomicBoolean answered = new AtomicBoolean();
    private final Consumer<ShareChoice> onChoice;
    private final Runnable onCancel;
    private final JButton share = new JButton("Share");
    private final JButton cancel = new JButton("Cancel");
    private final JRadioButton grey = new JRadioButton("grey", true);
    private final JRadioButton freeze = new JRadioButton("the last picture seen there");
    /** Chrome's "Share tab audio": shown when the page asked for audio, on by default, only for a tab. */
    private final javax.swing.JCheckBox tabAudio = new javax.swing.JCheckBox("Share tab audio", true);
    private final Map<JToggleButton, ShareCandidates.Candidate> choices = new LinkedHashMap<>();
    private final List<JComponent> armed = new ArrayList<>();
    private final Timer arm;
    private final Timer refresh;
    private final ExecutorService thumbnails = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "share-picker-thumbnails");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean refreshing;
    /** Whether Share may act: false for a moment after the dialog appears or gets focus back. */
    private boolean shareArmed;

    SharePicker(Window owner, JComponent below, Origin requester, Origin topLevel, Set<DisplaySource> offered,
                List<ShareCandidates.Candidate> candidates, Consumer<ShareChoice> onChoice, Runnable onCancel) {
        super(owner, title(requester), ModalityType.MODELESS);
        this.onChoice = onChoice;
        this.onCancel = onCancel;
        JPanel root = new JPanel(new BorderLayout(0, 8));
        root.setName("share.picker");
        root.setBorder(BorderFactory.createEmptyBorder(10, 12, 10, 12));
        setContentPane(root);
        JLabel text = new JLabel();
        text.setName("share.picker.text");
        text.setFont(text.getFont().deriveFont(Font.PLAIN));
        text.setText(explain(requester, topLevel, offered, HostRoom.measuredIn(text, true)));
        root.add(text, BorderLayout.NORTH);

        JPanel sections = new JPanel();
        sections.setLayout(new BoxLayout(sections, BoxLayout.Y_AXIS));
        ButtonGroup group = new ButtonGroup();
        for (DisplaySource source : DisplaySource.values()) {
            if (!offered.contains(source)) {
                continue;
            }
            JLabel heading = new JLabel(heading(source));
            heading.setFont(heading.getFont().deriveFont(Font.BOLD));
            heading.setAlignmentX(0);
            sections.add(heading);
            JPanel row = new JPanel(new FlowLayout(FlowLayout.LEFT, 6, 6));
            row.setAlignmentX(0);
            int count = 0;
            for (ShareCandidates.Candidate c : candidates) {
                if (c.source() != source) {
                    continue;
                }
                JToggleButton b = new JToggleButton(c.label());
                b.setName("share.picker." + source.name().toLowerCase(java.util.Locale.ROOT) + "." + c.key());
                b.setToolTipText(c.label());
                b.setVerticalTextPosition(SwingConstants.BOTTOM);
                b.setHorizontalTextPosition(SwingConstants.CENTER);
                b.setPreferredSize(new Dimension(ShareCandidates.THUMB_W + 24, ShareCandidates.THUMB_H + 44));
                b.addActionListener(e -> {
                    share.setEnabled(shareArmed);
                    tabAudio.setEnabled(c.tab() != null);
                });
                group.add(b);
                choices.put(b, c);
                armed.add(b);
                row.add(b);
                count++;
            }
            if (count == 0) {
                row.add(new JLabel(source == DisplaySource.APPLICATION ? "No other application has a window open."
                        : "Nothing to share."));
            }
            sections.add(row);
            sections.add(Box.createVerticalStrut(4));
        }
        arrowKeysMoveBetween(new java.util.ArrayList<>(choices.keySet()));
        JScrollPane scroll = new JScrollPane(sections);
        scroll.setBorder(BorderFactory.createEmptyBorder());
        scroll.setPreferredSize(new Dimension(3 * (ShareCandidates.THUMB_W + 36) + 24, 460));
        root.add(scroll, BorderLayout.CENTER);

        JPanel south = new JPanel(new BorderLayout());
        JPanel occlusion = new JPanel(new FlowLayout(FlowLayout.LEFT, 4, 0));
        occlusion.add(new JLabel("Show parts covered by other windows as"));
        grey.setName("share.picker.grey");
        freeze.setName("share.picker.freeze");
        ButtonGroup og = new ButtonGroup();
        og.add(grey);
        og.add(freeze);
        occlusion.add(grey);
        occlusion.add(freeze);
        occlusion.setVisible(offered.contains(DisplaySource.SCREEN) || offered.contains(DisplaySource.APPLICATION));
        JPanel options = new JPanel();
        options.setLayout(new BoxLayout(options, BoxLayout.Y_AXIS));
        occlusion.setAlignmentX(0);
        options.add(occlusion);
        tabAudio.setName("share.picker.tabAudio");
        tabAudio.setToolTipText("The sound of the tab's audio and video elements goes with the share");
        tabAudio.setAlignmentX(0);
        tabAudio.setVisible(false);
        options.add(tabAudio);
        south.add(options, BorderLayout.WEST);
        JPanel buttons = new JPanel(new FlowLayout(FlowLayout.RIGHT, 6, 0));
        share.setName("share.picker.share");
        cancel.setName("share.picker.cancel");
        for (JButton b : new JButton[] {share, cancel}) {
            b.setDefaultCapable(false);
            b.setEnabled(false);
            buttons.add(b);
        }
        armed.add(cancel);
        south.add(buttons, BorderLayout.EAST);
        root.add(south, BorderLayout.SOUTH);
        getRootPane().setDefaultButton(null);

        share.addActionListener(e -> choose());
        cancel.addActionListener(e -> cancel());
        root.getInputMap(JComponent.WHEN_IN_FOCUSED_WINDOW).put(KeyStroke.getKeyStroke("ESCAPE"), "cancel");
        root.getActionMap().put("cancel", new AbstractAction() {
            @Override
            public void actionPerformed(ActionEvent e) {
                cancel();
            }
        });
        setDefaultCloseOperation(DO_NOTHING_ON_CLOSE);
        addWindowListener(new WindowAdapter() {
            @Override
            public void windowClosing(WindowEvent e) {
                cancel();
            }
        });
        arm = new Timer(ARM_DELAY_MS, e -> setArmed(true));
        arm.setRepeats(false);
        // Share re-arms whenever the dialog gets focus back: a click meant for something else that lands on
        // it as it comes back does not start sharing. Choosing an item stays possible (it shares nothing),
        // so the click that focuses the dialog by selecting an item is not eaten.
        addWindowFocusListener(new WindowAdapter() {
            @Override
            public void windowGainedFocus(WindowEvent e) {
                shareArmed = false;
                share.setEnabled(false);
                arm.restart();
            }
        });
        refresh = new Timer(THUMBNAIL_REFRESH_MS, e -> refreshThumbnails());
        // Above other applications' windows (one of them may be what is offered, and may raise itself),
        // and below the browser's chrome strip, whose sharing indicator and Stop stay visible.
        setAlwaysOnTop(true);
        pack();
        setLocationRelativeTo(owner);
        if (below != null && below.isShowing()) {
            java.awt.Point p = below.getLocationOnScreen();
            setLocation(getX(), Math.max(getY(), p.y + below.getHeight() + 4));
        }
    }

    /**
     * Arrow keys move the keyboard and the choice from one item to the next (Left/Up back, Right/Down on), as
     * in a list; Tab leaves the items for the buttons. Choosing shares nothing: Share still has to be pressed.
     */
    private static void arrowKeysMoveBetween(List<JToggleButton> items) {
        for (int i = 0; i < items.size(); i++) {
            JToggleButton b = items.get(i);
            JToggleButton previous = items.get((i + items.size() - 1) % items.size());
            JToggleButton next = items.get((i + 1) % items.size());
            b.getAccessibleContext().setAccessibleDescription("Arrow keys choose another item; Share shares it");
            for (String key : new String[] {"LEFT", "UP", "RIGHT", "DOWN"}) {
                JToggleButton to = key.equals("LEFT") || key.equals("UP") ? previous : next;
                b.getInputMap(JComponent.WHEN_FOCUSED).put(KeyStroke.getKeyStroke(key), "choose-" + key);
                b.getActionMap().put("choose-" + key, new AbstractAction() {
                    @Override
                    public void actionPerformed(ActionEvent e) {
                        to.requestFocusInWindow();
                        if (!to.isSelected()) {
                            to.doClick(0);
                        }
                    }
                });
            }
        }
    }

    /** Starts with this candidate selected (the page's hint); the person still presses Share, or picks another. */
    void preselect(ShareCandidates.Candidate c) {
        choices.forEach((b, k) -> {
            if (k == c) {
                b.setSelected(true);
                tabAudio.setEnabled(c.tab() != null);
                b.scrollRectToVisible(new java.awt.Rectangle(0, 0, b.getWidth(), b.getHeight()));
            }
        });
    }

    /** Shows the picker and starts its live thumbnails and its arming delay. */
    void open() {
        setArmed(false);
        setVisible(true);
        arm.restart();
        refreshThumbnails();
        refresh.start();
    }

    private void setArmed(boolean on) {
        shareArmed = on;
        armed.forEach(c -> c.setEnabled(on));
        share.setEnabled(on && selected() != null);
        if (on) {
            keyboardToTheItems();
        }
    }

    /**
     * Once the items can be chosen, the keyboard goes to the chosen one (or the first): while they were still
     * disabled the dialog had nothing to focus (AWT gives the keyboard to the window itself then, where no key
     * does anything), and a person using the keyboard would be stuck.
     */
    private void keyboardToTheItems() {
        java.awt.Component owner = getFocusOwner();
        if (owner != null && owner != this && owner.isEnabled() || choices.isEmpty()) {
            return;
        }
        JToggleButton b = selected();
        (b != null ? b : choices.keySet().iterator().next()).requestFocusInWindow();
    }

    private JToggleButton selected() {
        return choices.keySet().stream().filter(JToggleButton::isSelected).findFirst().orElse(null);
    }

    private void refreshThumbnails() {
        if (refreshing || !isShowing()) {
            return;
        }
        refreshing = true;
        List<Map.Entry<JToggleButton, ShareCandidates.Candidate>> all = new ArrayList<>(choices.entrySet());
        thumbnails.execute(() -> {
            try {
                for (Map.Entry<JToggleButton, ShareCandidates.Candidate> e : all) {
                    BufferedImage img = e.getValue().thumbnail();
                    if (img != null) {
                        SwingUtilities.invokeLater(() -> e.getKey().setIcon(new ImageIcon(img)));
                    }
                }
            } finally {
                refreshing = false;
            }
        });
    }

    private void choose() {
        JToggleButton b = selected();
        if (b == null || !shareArmed || !answered.compareAndSet(false, true)) {
            return;
        }
        ShareCandidates.Candidate c = choices.get(b);
        close();
        onChoice.accept(new ShareChoice(c.source(), shareLabel(c), c.target(), c.tab(),
                freeze.isSelected() ? OcclusionStyle.FREEZE : OcclusionStyle.GREY,
                c.tab() != null && tabAudio.isVisible() && tabAudio.isSelected()));
    }

    /**
     * The page asked for audio: offers "Share tab audio" (checked) for a tab. Screens and windows have no audio
     * (system audio is not captured, as in Chrome on Linux). Before {@link #open}.
     */
    void offerTabAudio(boolean offered) {
        tabAudio.setVisible(offered);
        if (offered) {
            pack();
        }
    }

    private void cancel() {
        if (answered.compareAndSet(false, true)) {
            close();
            onCancel.run();
        }
    }

    /** Closes without an answer (the requesting document went away); the caller refuses the request. */
    void withdraw() {
        answered.set(true);
        close();
    }

    private void close() {
        arm.stop();
        refresh.stop();
        thumbnails.shutdownNow();
        setVisible(false);
        dispose();
    }

    private static String shareLabel(ShareCandidates.Candidate c) {
        switch (c.source()) {
            case SCREEN: return c.label().replaceFirst(" \\(.*$", "");
            case APPLICATION: return "Application: " + c.label().replaceFirst(" \u2014 .*$", "");
            default: return c.label();
        }
    }

    private static String heading(DisplaySource source) {
        switch (source) {
            case SCREEN: return "Your entire screen";
            case APPLICATION: return "An application (all its windows)";
            default: return "A browser tab";
        }
    }

    /** The window's title, its host elided as in the text (measured in a label's font: the title's is the desktop's). */
    private static String title(Origin requester) {
        return title(requester, HostRoom.measuredIn(new JLabel(), false));
    }

    static String title(Origin requester, java.util.function.ToIntFunction<String> width) {
        return "Share with " + HostRoom.shown(requester, width) + "?";
    }

    /** The picker's text: who asks (and in whose page) for what, hosts elided to {@link HostRoom#PX}. */
    static String explain(Origin requester, Origin topLevel, Set<DisplaySource> offered,
                          java.util.function.ToIntFunction<String> width) {
        String who = "<b>" + escape(HostRoom.shown(requester, width)) + "</b>";
        if (!requester.equals(topLevel)) {
            who += " (embedded in <b>" + escape(HostRoom.shown(topLevel, width)) + "</b>)";
        }
        StringBuilder s = new StringBuilder("<html><div style='width:560px'>").append(who)
                .append(" wants to see what you choose below, until you press Stop. Everything visible in it is"
                        + " sent to this site: documents, messages, passwords you type.");
        if (offered.contains(DisplaySource.SCREEN)) {
            s.append("<br>Sharing the screen shows every other program on it; Callsafe's own windows are hidden"
                    + " (grey).");
        }
        if (offered.contains(DisplaySource.BROWSER)) {
            s.append("<br>Sharing a tab lets the site see that tab even when you leave it: if it can make that tab"
                    + " open another site (your bank, your mail), it sees that too.");
        }
        if (offered.contains(DisplaySource.APPLICATION)) {
            s.append("<br>Sharing an application shows only its windows; anything covering them is hidden.");
        }
        return s.append("</div></html>").toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
