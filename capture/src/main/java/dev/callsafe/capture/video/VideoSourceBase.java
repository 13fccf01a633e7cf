package dev.callsafe.capture.video;

import java.util.function.Consumer;

import dev.callsafe.capture.SourceSinks;

/** The consumers and end callbacks every video source keeps the same way; subclasses deliver to {@link #sinks}. */
public abstract class VideoSourceBase implements VideoSource {
    /** Where the subclass delivers its frames and signals its end. */
    protected final SourceSinks<VideoFrame> sinks = new SourceSinks<>();

    @Override
    public final void addSink(Consumer<VideoFrame> sink) {
        sinks.add(sink);
    }

    @Override
    public final void removeSink(Consumer<VideoFrame> sink) {
        sinks.remove(sink);
    }

    @Override
    public final void onEnded(Runnable callback) {
        sinks.onEnded(callback);
    }

    @Override
    public final java.util.Optional<String> failure() {
        return sinks.failure();
    }
}
