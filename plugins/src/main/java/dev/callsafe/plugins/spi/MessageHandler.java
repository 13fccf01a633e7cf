package dev.callsafe.plugins.spi;

/** Receives a page's message on one channel. */
@FunctionalInterface
public interface MessageHandler {
    /**
     * Handles one message. Exactly one of {@code reply.success} or {@code reply.failure} must be called,
     * now or later (for a persistent message, success may be called many times).
     */
    void onMessage(FrameRef frame, String payload, Reply reply);

    /** A reply to the page; safe to call from any thread. */
    interface Reply {
        void success(String json);

        void failure(int code, String message);

        /** Whether the page asked for several answers (an event subscription). */
        boolean persistent();
    }
}
