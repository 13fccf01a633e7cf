package dev.callsafe.browser.shell;

import javax.swing.JComponent;

/** Gives a control the name and description a screen reader announces (and tests read). */
final class Accessible {
    private Accessible() {
    }

    static <T extends JComponent> T name(T c, String name, String description) {
        c.getAccessibleContext().setAccessibleName(name);
        c.getAccessibleContext().setAccessibleDescription(description);
        return c;
    }
}
