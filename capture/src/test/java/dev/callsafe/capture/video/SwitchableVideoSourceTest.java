package dev.callsafe.capture.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class SwitchableVideoSourceTest {
    /** A source that delivers when told to. */
    private static final class Manual extends VideoSourceBase {
        boolean open = true;

        void send(int w) {
            sinks.deliver(new VideoFrame(w, 2, 0, 0, new byte[w * 3]));
        }

        @Override
        public VideoFormat format() {
            return new VideoFormat(2, 2, 30);
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
}
