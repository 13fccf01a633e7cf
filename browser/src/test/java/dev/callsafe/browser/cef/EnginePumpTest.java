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
    private final EnginePump pump = new EnginePump(delay -> order.add(delay == 0 ? "work" : "later " + delay));

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

    @Test
    void laterWorkIsTheEnginesOwnTimer() {
        pump.schedule(33);
        assertEquals(List.of("later 33"), order);
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
