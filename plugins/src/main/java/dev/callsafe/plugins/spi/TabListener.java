package dev.callsafe.plugins.spi;

/** Tab lifecycle events, delivered on the Swing event thread. */
public interface TabListener {
    default void tabOpened(Tab tab) {
    }

    /** The main frame began loading a new document: everything tied to the old one ends. */
    default void mainFrameNavigated(Tab tab) {
    }

    /** A subframe began loading a new document or went away. */
    default void frameNavigated(Tab tab, String frameId) {
    }

    /** The tab's page process ended (crashed or killed): its documents are gone; the tab stays, offering reload. */
    default void pageCrashed(Tab tab) {
    }

    default void tabSelected(Tab tab) {
    }

    default void tabClosed(Tab tab) {
    }
}
