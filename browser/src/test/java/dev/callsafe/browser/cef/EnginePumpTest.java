package dev.callsafe.browser.cef;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.EventQueue;
import java.awt.Toolkit;
import java.awt.event.InputEvent;
import java.awt.event.MouseAdapter;
import java.awt.event.MouseEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.swing.JPanel;

import org.junit.jupiter.api.Test;

class EnginePumpTest {
    private final List<String> order = new CopyOnWriteArrayList<>();
    private final EnginePump pump = new EnginePump(() -> order.add("work"));

    @Test
    void requestsWhileOneWaitsAreOneRequest() throws Exception {
        CountDownLatch held = holdSwingThread();
        for (int i = 0; i < 500; i++) {
            pump.schedule(0);
        }
        held.countDown();
        drain();
        assertEquals(List.of("work"), order);
        pump.schedule(0);
        drain();
        assertEquals(List.of("work", "work"), order);
    }

    @Test
    void aPressWaitingGoesBeforeTheEnginesWork() throws Exception {
        JPanel button = new JPanel();
        button.addMouseListener(new MouseAdapter() {
            @Override
            public void mousePressed(MouseEvent e) {
                order.add("press");
            }
        });
        CountDownLatch held = holdSwingThread();
        pump.schedule(0); // queued first
        Toolkit.getDefaultToolkit().getSystemEventQueue().postEvent(new MouseEvent(button, MouseEvent.MOUSE_PRESSED,
                System.currentTimeMillis(), InputEvent.BUTTON1_DOWN_MASK, 5, 5, 1, false, MouseEvent.BUTTON1));
        held.countDown();
        drain();
        drain(); // the work went back behind the press
        assertEquals(List.of("press", "work"), order);
    }

    /**
     * An iteration that used CEF's whole 10 ms slice had work left, and CEF does not ask again for it: the pump
     * asks at once (without it a page flooding the bridge starved the engine between the 30 Hz fallback ticks).
     */
    @Test
    void anIterationThatUsedTheWholeSliceIsFollowedByAnother() throws Exception {
        int[] runs = {0};
        EnginePump busy = new EnginePump(() -> {
            if (runs[0]++ == 0) {
                long end = System.nanoTime() + 12_000_000L;
                while (System.nanoTime() < end) {
                    Thread.onSpinWait(); // the engine's 12 ms of work
                }
            }
        });
        busy.schedule(0);
        drain();
        drain(); // the follow-up request, queued by the first iteration
        drain();
        assertEquals(2, runs[0]);
    }

    /**
     * Work asked for later happens by the earliest time asked: a stream of later requests must not push it back
     * (JCEF's own timer restarted on every call, and a flooding page kept the engine's work waiting).
     */
    @Test
    void aStreamOfLaterRequestsDoesNotPushTheWorkBack() throws Exception {
        long start = System.nanoTime();
        while (order.isEmpty() && System.nanoTime() - start < 1_000_000_000L) {
            pump.schedule(100);
            Thread.sleep(10); // the stream's pace: a later request every 10 ms, as a busy engine asks
        }
        long ms = (System.nanoTime() - start) / 1_000_000L;
        assertEquals(List.of("work"), order, "no work within 1 s");
        org.junit.jupiter.api.Assertions.assertTrue(ms < 250, () -> "the work came after " + ms + " ms");
    }

    private static CountDownLatch holdSwingThread() throws InterruptedException {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch held = new CountDownLatch(1);
        EventQueue.invokeLater(() -> {
            running.countDown();
            try {
                held.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        running.await(10, TimeUnit.SECONDS);
        return held;
    }

    private static void drain() throws Exception {
        EventQueue.invokeAndWait(() -> { });
    }
}
