package dev.callsafe.plugins.media;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import dev.callsafe.plugins.spi.FrameRef;

/**
 * Documents known to have gone (frame removed or navigated, tab closed), remembered so that work still in
 * flight for one (a request whose frame lookup was under way, devices opening after the Allow) ends instead
 * of outliving it: it would otherwise arrive after the cleanup. Frame identifiers are never reused, so a
 * bounded memory of the most recent ones is enough. Safe from any thread.
 */
final class EndedDocuments {
    /** How many ended documents are remembered (the oldest are forgotten first). */
    static final int REMEMBERED = 4096;

    private final Set<String> ended = Collections.synchronizedSet(Collections.newSetFromMap(
            new LinkedHashMap<String, Boolean>() {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > REMEMBERED;
                }
            }));

    /** Marks a document ended; call before its cleanup, so work that checks afterwards sees it. */
    void ended(int tabId, String frameId) {
        ended.add(tabId + "/" + frameId);
    }

    /** Whether the frame's document has ended. */
    boolean hasEnded(FrameRef frame) {
        return ended.contains(frame.tabId() + "/" + frame.frameId());
    }
}
