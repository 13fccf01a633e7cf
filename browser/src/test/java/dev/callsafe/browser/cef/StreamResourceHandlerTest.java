package dev.callsafe.browser.cef;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import org.cef.callback.CefResourceReadCallback;
import org.cef.misc.IntRef;
import org.junit.jupiter.api.Test;

import dev.callsafe.plugins.spi.StreamBody;

/** The lost wake-up of issue 10: data arriving between the body's empty read and the handler's park. */
class StreamResourceHandlerTest {
    /** A body like the media pipe: one waiter, run once by the thread that offers data. */
    private static final class Body implements StreamBody {
        private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
        private Runnable waiter;
        /** Runs right after an empty read has registered its waiter, before the handler sees the 0. */
        Runnable afterEmptyRead = () -> { };

        void offer(byte[] chunk) {
            Runnable wake;
            synchronized (this) {
                queue.addLast(chunk);
                wake = waiter;
                waiter = null;
            }
            if (wake != null) {
                wake.run();
            }
        }

        @Override
        public int read(byte[] into, int max, Runnable whenReady) {
            synchronized (this) {
                byte[] next = queue.pollFirst();
                if (next != null) {
                    System.arraycopy(next, 0, into, 0, next.length);
                    return next.length;
                }
                waiter = whenReady;
            }
            Runnable hook = afterEmptyRead;
            afterEmptyRead = () -> { };
            hook.run();
            return 0;
        }

        @Override
        public void cancel() {
        }
    }

    private static final class Callback implements CefResourceReadCallback {
        final byte[] buffer = new byte[64];
        final List<Integer> continued = new ArrayList<>();

        @Override
        public synchronized void Continue(int bytesRead) {
            continued.add(bytesRead);
        }

        @Override
        public byte[] getBuffer() {
            return buffer;
        }
    }

    /** Offers data from a capture thread of its own and waits for it: the interleaving, forced. */
    private static void offerFromCaptureThread(Body body, byte[] chunk) {
        Thread capture = new Thread(() -> body.offer(chunk), "capture");
        capture.start();
        try {
            capture.join();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void dataArrivingBeforeTheCallbackIsParkedIsServed() {
        Body body = new Body();
        StreamResourceHandler handler = new StreamResourceHandler(body, "http://localhost");
        body.afterEmptyRead = () -> offerFromCaptureThread(body, new byte[] {1, 2, 3});
        Callback callback = new Callback();
        IntRef bytesRead = new IntRef(-1);

        assertTrue(handler.read(new byte[64], 64, bytesRead, callback));

        int served = bytesRead.get() > 0 ? bytesRead.get()
                : callback.continued.stream().mapToInt(Integer::intValue).sum();
        assertEquals(3, served, "the frame must reach the page, not wait for a wake-up that already ran");
    }

    @Test
    void dataArrivingWhileAWokenCallbackReparksIsServed() {
        Body body = new Body();
        StreamResourceHandler handler = new StreamResourceHandler(body, "http://localhost");
        Callback callback = new Callback();
        IntRef bytesRead = new IntRef(-1);
        assertTrue(handler.read(new byte[64], 64, bytesRead, callback));
        assertEquals(0, bytesRead.get()); // parked

        // a wake-up without data (the waiter also runs on close); a frame comes in before the re-park
        Runnable waiter;
        synchronized (body) {
            waiter = body.waiter;
            body.waiter = null;
        }
        body.afterEmptyRead = () -> offerFromCaptureThread(body, new byte[] {4, 5});
        waiter.run();

        assertEquals(List.of(2), callback.continued);
    }

    @Test
    void dataAfterParkingResumesTheCallback() {
        Body body = new Body();
        StreamResourceHandler handler = new StreamResourceHandler(body, "http://localhost");
        Callback callback = new Callback();
        IntRef bytesRead = new IntRef(-1);
        assertTrue(handler.read(new byte[64], 64, bytesRead, callback));
        assertEquals(0, bytesRead.get());

        offerFromCaptureThread(body, new byte[] {9});

        assertEquals(List.of(1), callback.continued);
        assertEquals(9, callback.buffer[0]);
    }

    @Test
    void aCutStreamFailsTheResponseInsteadOfEndingIt() {
        var cut = new StreamBody() {
            Runnable waiter;
            boolean isCut;

            @Override
            public synchronized int read(byte[] into, int max, Runnable whenReady) {
                if (isCut) {
                    return StreamBody.CUT;
                }
                waiter = whenReady;
                return 0;
            }

            @Override
            public void cancel() {
            }

            void cutNow() {
                Runnable w;
                synchronized (this) {
                    isCut = true;
                    w = waiter;
                }
                w.run();
            }
        };
        StreamResourceHandler handler = new StreamResourceHandler(cut, "http://localhost");
        Callback callback = new Callback();
        IntRef bytesRead = new IntRef(-1);
        assertTrue(handler.read(new byte[64], 64, bytesRead, callback));
        cut.cutNow(); // while CEF's callback is parked
        assertEquals(List.of(-2), callback.continued, "ERR_FAILED: the page's reader fails at once");
        assertEquals(false, handler.read(new byte[64], 64, bytesRead, new Callback()));
        assertEquals(-2, bytesRead.get());
    }
}
