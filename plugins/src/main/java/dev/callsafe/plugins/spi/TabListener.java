package dev.callsafe.plugins.spi;

/** Tab lifecycle events, delivered on the Swing event thread. */
public interface TabListener {
    default void tabOpened(Tab tab) {
    }

    /** The main frame began loading a new document: everything tied to the old one ends. */
    default void mainFrameNavigated(Tab tab) {
    }

    /** A subframe began loading a new document. */
    default void frameNavigated(Tab tab, String frameId) {
    }

    /**
     * A frame the engine reported is gone: its iframe was removed, or its document was replaced by another
     * (a cross-document navigation gives the frame a new identifier), or its parent went. Everything tied to
     * that document ends.
     */
    default void frameGone(Tab tab, String frameId) {
    }

    /** The tab's page process ended (crashed or killed): its documents are gone; the tab stays, offering reload. */
    default void pageCrashed(Tab tab) {
    }

    default void tabSelected(Tab tab) {
    }

    default void tabClosed(Tab tab) {
    }
}
