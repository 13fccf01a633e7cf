package dev.callsafe.plugins.media;

import java.awt.BorderLayout;
import java.awt.Color;
import java.awt.FlowLayout;
import java.awt.Font;
import java.awt.Window;
import java.awt.event.ActionEvent;
import java.awt.event.ComponentAdapter;
import java.awt.event.ComponentEvent;
import java.awt.event.ComponentListener;
import java.awt.event.HierarchyBoundsListener;
import java.awt.event.HierarchyEvent;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.ToIntFunction;

import javax.swing.AbstractAction;
import javax.swing.BorderFactory;
import javax.swing.JButton;
import javax.swing.JComponent;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.KeyStroke;
import javax.swing.Timer;

import dev.callsafe.permissions.ConsentAnswer;
import dev.callsafe.permissions.MediaKind;
import dev.callsafe.permissions.MediaRequest;

/**
 * The consent prompt: a panel in the requesting tab's chrome, above its page, naming the origin as the
 * browser sees it (a long host elided from the left, its registrable domain whole). Its buttons ignore
 * activation for a moment whenever it appears, changes or moves under the pointer (no click-through), there
 * is no default button, and Escape dismisses.
 */
final class ConsentPrompt extends JPanel {
    /** How long the buttons stay inert after the prompt is shown, changed or moved. */
    static final int ARM_DELAY_MS = 500;
    /** Room for a host in the prompt's text; longer hosts are elided from the left. */
    static final int HOST_ROOM_PX = HostRoom.PX;

    private final AtomicBoolean answered = new AtomicBoolean();
    private final Consumer<ConsentAnswer> onAnswer;
    private final JButton allow = new JButton("Allow");
    private final JButton block = new JButton("Block");
    private final JButton dismiss = new JButton("\u2715");
    private final javax.swing.JCheckBox remember = new javax.swing.JCheckBox("Remember block for this site");
    private final javax.swing.JCheckBox pinnedOnly = new javax.swing.JCheckBox();
    private final JLabel text;
    private final Timer arm;
    private Runnable onClose = () -> { };
    /** The window the prompt is in: moving or resizing it moves the buttons. */
    private Window window;
    private final ComponentListener moves = new ComponentAdapter() {
        @Override
        public void componentMoved(ComponentEvent e) {
            rearm();
        }

        @Override
        public void componentResized(ComponentEvent e) {
            rearm();
        }
    };

    ConsentPrompt(MediaRequest request, Consumer<ConsentAnswer> onAnswer) {
        super(new BorderLayout(8, 0));
        this.onAnswer = onAnswer;
        setName("consent.prompt");
        setBorder(BorderFactory.createCompoundBorder(
                BorderFactory.createMatteBorder(0, 0, 1, 0, new Color(0x99, 0x99, 0x99)),
                BorderFactory.createEmptyBorder(6, 10, 6, 10)));
        text = new JLabel();
        text.setName("consent.text");
        text.setFont(text.getFont().deriveFont(Font.PLAIN));
        text.setText(describe(request));
        add(text, BorderLayout.CENTER);

        JPanel buttons = new JPanel(new FlowLayout(FlowLayout.RIGHT, 6, 0));
        buttons.setOpaque(false);
        allow.setName("consent.allow");
        block.setName("consent.block");
        dismiss.setName("consent.dismiss");
        dismiss.setToolTipText("Not now (Escape)");
        dismiss.getAccessibleContext().setAccessibleName("Dismiss");
        dismiss.getAccessibleContext().setAccessibleDescription("Not now: the site may ask again later (Escape)");
        allow.getAccessibleContext().setAccessibleDescription("Lets the site use it for this call");
        block.getAccessibleContext().setAccessibleDescription("Refuses the site this time, or from now on when"
                + " Remember block is ticked");
        remember.getAccessibleContext().setAccessibleDescription(remember.getToolTipText());
        remember.setName("consent.remember");
        remember.setOpaque(false);
        remember.setToolTipText("Block this site from now on, until you change it in site settings");
        buttons.add(remember);
        for (JButton b : new JButton[] {allow, block, dismiss}) {
            b.setDefaultCapable(false);
            b.setEnabled(false);
            buttons.add(b);
        }
        add(buttons, BorderLayout.EAST);
        pinnedOnly.setName("consent.pinned");
        pinnedOnly.setOpaque(false);
        pinnedOnly.setVisible(false);
        buttons.add(pinnedOnly, 0);
        allow.addActionListener(e -> answer(pinnedOnly.isVisible() && pinnedOnly.isSelected()
                ? ConsentAnswer.ALLOW_ONCE_PINNED_PEERS : ConsentAnswer.ALLOW_ONCE));
        block.addActionListener(e -> answer(remember.isSelected() ? ConsentAnswer.BLOCK_ALWAYS : ConsentAnswer.BLOCK));
        dismiss.addActionListener(e -> answer(ConsentAnswer.DISMISS));

        getInputMap(JComponent.WHEN_IN_FOCUSED_WINDOW).put(KeyStroke.getKeyStroke("ESCAPE"), "dismiss");
        getActionMap().put("dismiss", new AbstractAction() {
            @Override
            public void actionPerformed(ActionEvent e) {
                if (isShowing()) {
                    answer(ConsentAnswer.DISMISS);
                }
            }
        });

        arm = new Timer(ARM_DELAY_MS, e -> setArmed(true));
        arm.setRepeats(false);
        // The prompt itself takes the keyboard (not a button: a key typed at it answers nothing); Tab goes on
        // to its choices, Space presses one. It takes it only once the keyboard is quiet, see KeyboardQuiet.
        setFocusable(true);
        java.awt.Color focusColor = javax.swing.UIManager.getColor("Component.focusColor");
        javax.swing.border.Border normal = getBorder();
        javax.swing.border.Border focused = BorderFactory.createCompoundBorder(
                BorderFactory.createLineBorder(focusColor == null ? new Color(0x26, 0x75, 0xBF) : focusColor, 2),
                BorderFactory.createEmptyBorder(4, 8, 5, 8));
        addFocusListener(new java.awt.event.FocusAdapter() {
            @Override
            public void focusGained(java.awt.event.FocusEvent e) {
                setBorder(focused);
            }

            @Override
            public void focusLost(java.awt.event.FocusEvent e) {
                setBorder(normal);
            }
        });
        // Re-arm whenever the prompt (re)appears, e.g. when its tab is selected again.
        addHierarchyListener(e -> {
            if ((e.getChangeFlags() & HierarchyEvent.SHOWING_CHANGED) != 0) {
                setArmed(false);
                if (isShowing()) {
                    arm.restart();
                    KeyboardQuiet.get().whenQuiet(() -> isShowing() && !answered.get(), this::takeFocus);
                }
            }
            followWindow();
        });
        // ... and whenever the buttons move under the pointer: the prompt relaid out, something above it
        // pushing it down, the window moved or resized.
        addComponentListener(moves);
        addHierarchyBoundsListener(new HierarchyBoundsListener() {
            @Override
            public void ancestorMoved(HierarchyEvent e) {
                rearm();
            }

            @Override
            public void ancestorResized(HierarchyEvent e) {
                rearm();
            }
        });
    }

    private void followWindow() {
        Window now = isDisplayable() ? javax.swing.SwingUtilities.getWindowAncestor(this) : null;
        if (now != window) {
            if (window != null) {
                window.removeComponentListener(moves);
            }
            window = now;
            if (window != null) {
                window.addComponentListener(moves);
            }
        }
    }

    /** Moves the keyboard to the prompt, unless it is already inside it. */
    private void takeFocus() {
        java.awt.Component owner = java.awt.KeyboardFocusManager.getCurrentKeyboardFocusManager().getFocusOwner();
        if (owner == null || !javax.swing.SwingUtilities.isDescendingFrom(owner, this)) {
            requestFocusInWindow();
        }
    }

    /** Announced by screen readers as an alert, named by its question. */
    @Override
    public javax.accessibility.AccessibleContext getAccessibleContext() {
        if (accessibleContext == null) {
            accessibleContext = new AccessibleJPanel() {
                @Override
                public javax.accessibility.AccessibleRole getAccessibleRole() {
                    return javax.accessibility.AccessibleRole.ALERT;
                }

                @Override
                public String getAccessibleName() {
                    String name = super.getAccessibleName();
                    return name != null ? name : text == null ? "Permission request"
                            : text.getText().replaceAll("<[^>]*>", "");
                }

                @Override
                public String getAccessibleDescription() {
                    return "Tab to Allow or Block, Space to choose, Escape to dismiss";
                }
            };
        }
        return accessibleContext;
    }

    /** The prompt changed or moved: a click already on its way must not land on the new state. */
    private void rearm() {
        if (answered.get() || !isShowing()) {
            return;
        }
        setArmed(false);
        arm.restart();
    }

    /** Whether the buttons take clicks now (tests). */
    boolean armed() {
        return allow.isEnabled();
    }

    private void setArmed(boolean armed) {
        allow.setEnabled(armed);
        block.setEnabled(armed);
        dismiss.setEnabled(armed);
    }

    private void answer(ConsentAnswer a) {
        if (answered.compareAndSet(false, true)) {
            arm.stop();
            setArmed(false);
            onAnswer.accept(a);
            close();
        }
    }

    /** Runs the close action once, whichever of answer and withdrawal comes first or both. */
    private void close() {
        Runnable r = onClose;
        onClose = () -> { };
        r.run();
        unfollowWindow();
    }

    private void unfollowWindow() {
        if (window != null) {
            window.removeComponentListener(moves);
            window = null;
        }
    }

    /**
     * Adds the device choice below the text; {@code close} runs once the prompt is answered or withdrawn. A
     * change of the choice's options ({@link DeviceChooser#OPTIONS}: devices plugged or unplugged) re-arms.
     */
    void attach(JComponent devices, Runnable close) {
        add(devices, BorderLayout.SOUTH);
        devices.addPropertyChangeListener(DeviceChooser.OPTIONS, e -> rearm());
        onClose = close;
        revalidate();
    }

    /**
     * Offers "only while connected to pinned peers" (the site has pinned peers, named here): when ticked, the
     * browser ends this call's captured tracks as soon as one is sent to any other certificate.
     */
    void offerPinnedPeersOnly(java.util.List<String> names) {
        String who = String.join(", ", names);
        if (who.length() > 40) {
            who = who.substring(0, 39) + "\u2026";
        }
        pinnedOnly.setText("Only while connected to pinned peers (" + who + ")");
        pinnedOnly.setToolTipText("Your camera and microphone stop if this page sends them to anyone else");
        pinnedOnly.setVisible(true);
        rearm();
    }

    /** Relabels Allow ("Take over" when allowing ends another page's use of a device); a new label re-arms. */
    void setAllowText(String label) {
        if (!label.equals(allow.getText())) {
            allow.setText(label);
            rearm();
        }
    }

    /** Shows what a merged prompt now covers; re-arms, so the change cannot be clicked through. */
    void update(MediaRequest merged) {
        text.setText(describe(merged));
        setArmed(false);
        arm.restart();
    }

    /** Takes the prompt's buttons away and closes its device preview (answered, or its document went away). */
    void withdraw() {
        answered.set(true);
        arm.stop();
        setArmed(false);
        close();
    }

    /** The prompt's text, hosts measured in the bold form of this prompt's font. */
    private String describe(MediaRequest request) {
        java.awt.FontMetrics bold = text.getFontMetrics(text.getFont().deriveFont(Font.BOLD));
        return describe(request, bold::stringWidth);
    }

    /** The prompt's text: who asks (and in whose page) for what, hosts elided to {@link #HOST_ROOM_PX}. */
    static String describe(MediaRequest request, ToIntFunction<String> width) {
        String who = "<b>" + escape(request.requester().display(HOST_ROOM_PX, width)) + "</b>";
        if (request.isCrossOrigin()) {
            who += " (embedded in <b>" + escape(request.topLevel().display(HOST_ROOM_PX, width)) + "</b>)";
        }
        return "<html>" + who + " wants to use your " + kinds(request.kinds()) + " for this call.</html>";
    }

    private static String kinds(Set<MediaKind> kinds) {
        boolean cam = kinds.contains(MediaKind.CAMERA);
        boolean mic = kinds.contains(MediaKind.MICROPHONE);
        return cam && mic ? "camera and microphone" : cam ? "camera" : "microphone";
    }

    /** Text made safe inside a Swing HTML label. */
    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
