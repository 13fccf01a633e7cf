package dev.callsafe.capture.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class SwitchableVideoSourceTest {
    /** A source that delivers when told to. */
    private static final class Manual extends VideoSourceBase {
        boolean open = true;
        final VideoFormat format;

        Manual() {
            this(new VideoFormat(2, 2, 30));
        }

        Manual(VideoFormat format) {
            this.format = format;
        }

        /** Ends by itself, as a camera that fails. */
        void fail(String why) {
            sinks.failed(why);
            close();
        }

        void send(int w) {
            sinks.deliver(new VideoFrame(w, 2, 0, 0, new byte[w * 3]));
        }

        @Override
        public VideoFormat format() {
            return format;
        }

        @Override
        public boolean isRunning() {
            return open;
        }

        @Override
        public void close() {
            if (open) {
                open = false;
                sinks.end();
            }
        }
    }

    @Test
    void framesFollowTheCurrentProducerAndOnlyItsEndEndsTheSource() {
        Manual a = new Manual();
        Manual b = new Manual();
        SwitchableVideoSource s = new SwitchableVideoSource(a);
        List<Integer> widths = new ArrayList<>();
        AtomicInteger ended = new AtomicInteger();
        s.addSink(f -> widths.add(f.width()));
        s.onEnded(ended::incrementAndGet);
        a.send(2);
        s.switchTo(b);
        assertFalse(a.open, "the replaced producer is closed");
        assertEquals(0, ended.get(), "its end is not the share's end");
        a.send(4);
        b.send(6);
        assertEquals(List.of(2, 6), widths);
        b.close();
        assertEquals(1, ended.get());
        assertFalse(s.isRunning());
        Manual c = new Manual();
        s.switchTo(c);
        assertFalse(c.open, "nothing starts after the end");
        assertTrue(widths.size() == 2);
    }

    @Test
    void reopeningClosesTheDeviceBeforeOpeningItAgainAndTheConsumersStay() throws IOException {
        Manual small = new Manual(new VideoFormat(320, 240, 30));
        SwitchableVideoSource s = new SwitchableVideoSource(small);
        List<Integer> widths = new ArrayList<>();
        AtomicInteger ended = new AtomicInteger();
        s.addSink(f -> widths.add(f.width()));
        s.onEnded(ended::incrementAndGet);
        small.send(320);
        Manual large = new Manual(new VideoFormat(1280, 720, 30));
        s.reopen(() -> {
            assertFalse(small.open, "a camera cannot be opened twice: the old capture is closed first");
            return large;
        });
        small.send(4);
        large.send(1280);
        assertEquals(List.of(320, 1280), widths);
        assertEquals(new VideoFormat(1280, 720, 30), s.format());
        assertEquals(0, ended.get(), "a reopen is not an end");
        assertTrue(s.isRunning());
        large.fail("unplugged");
        assertEquals(1, ended.get(), "the reopened capture's end is the source's end");
        assertEquals("unplugged", s.failure().orElse(""), "and says why");
    }

    @Test
    void aFailedReopenLeavesTheSourceRunningForAnotherTry() throws IOException {
        Manual first = new Manual(new VideoFormat(320, 240, 30));
        SwitchableVideoSource s = new SwitchableVideoSource(first);
        AtomicInteger ended = new AtomicInteger();
        s.onEnded(ended::incrementAndGet);
        assertThrows(IOException.class, () -> s.reopen(() -> {
            throw new IOException("no such format");
        }));
        assertTrue(s.isRunning());
        assertEquals(0, ended.get());
        assertEquals(new VideoFormat(320, 240, 30), s.format(), "the last format until another producer runs");
        Manual again = new Manual(new VideoFormat(320, 240, 30));
        s.reopen(() -> again);
        assertTrue(again.open);
        s.close();
        assertFalse(again.open);
        assertEquals(1, ended.get());
    }

    @Test
    void aSourceClosedWhileTheDeviceReopensClosesWhatOpened() throws IOException {
        SwitchableVideoSource s = new SwitchableVideoSource(new Manual());
        Manual late = new Manual();
        s.reopen(() -> {
            s.close();
            return late;
        });
        assertFalse(late.open, "nothing keeps running after the end");
        assertFalse(s.isRunning());
        assertThrows(IOException.class, () -> s.reopen(Manual::new));
    }
}
