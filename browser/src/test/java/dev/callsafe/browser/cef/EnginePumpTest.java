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

    /** The fallback runs fast only while the engine is busy; its own ticks must not count as the engine asking. */
    @Test
    void onlyTheEnginesOwnRequestsMakeItBusy() throws Exception {
        EnginePump quiet = new EnginePump(() -> { });
        long second = 1_000_000_000L;
        Thread.sleep(20); // age the start: a pump starts as asked at its creation
        assertEquals(false, quiet.askedWithin(10_000_000L));
        quiet.fallback();
        drain();
        assertEquals(false, quiet.askedWithin(10_000_000L));
        quiet.schedule(0);
        assertEquals(true, quiet.askedWithin(second));
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
