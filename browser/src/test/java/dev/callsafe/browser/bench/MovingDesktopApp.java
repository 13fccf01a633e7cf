package dev.callsafe.browser.bench;

import java.awt.Color;
import java.awt.Graphics;
import java.awt.GraphicsEnvironment;
import java.awt.Rectangle;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

import javax.swing.JFrame;
import javax.swing.JPanel;
import javax.swing.SwingUtilities;
import javax.swing.Timer;

/**
 * Benchmark-only child process (another application than the browser): a window covering the whole
 * screen whose content either moves every 16 ms (bars sliding, like a video or scrolling) or stays still.
 * Prints {@code ready} once shown; exits when its standard input closes.
 */
public final class MovingDesktopApp {
    private MovingDesktopApp() {
    }

    private static int square(int tick, int width) {
        return (tick * 16) % Math.max(1, width - 120);
    }

    public static void main(String[] args) throws Exception {
        boolean moving = args.length > 0 && args[0].equals("moving");
        int[] tick = {0};
        long[] painted = {0};
        long start = System.nanoTime();
        SwingUtilities.invokeAndWait(() -> {
            Rectangle screen = GraphicsEnvironment.getLocalGraphicsEnvironment().getDefaultScreenDevice()
                    .getDefaultConfiguration().getBounds();
            JFrame frame = new JFrame("moving-desktop");
            frame.setUndecorated(true);
            JPanel panel = new JPanel() {
                @Override
                protected void paintComponent(Graphics g) {
                    int w = getWidth();
                    int h = getHeight();
                    for (int x = 0; x < w; x += 40) {
                        g.setColor(Color.getHSBColor((x / 40 % 12) / 12f, 0.7f, 0.9f));
                        g.fillRect(x, 0, 40, h);
                    }
                    g.setColor(Color.WHITE);
                    g.fillRect(square(tick[0], w), h - 240, 120, 120);
                    painted[0]++;
                    // Java2D on X11 queues drawing; without a sync only about one repaint in five reached
                    // the X server (measured with Robot grabs).
                    java.awt.Toolkit.getDefaultToolkit().sync();
                }
            };
            frame.setContentPane(panel);
            frame.setBounds(screen);
            frame.setVisible(true);
            if (moving) {
                // Only the square's old and new places (below the browser window, so never masked) are repainted: the screen changes every tick at a
                // cost the animation can keep up with.
                new Timer(16, e -> {
                    int w = panel.getWidth();
                    int before = square(tick[0], w);
                    tick[0]++;
                    panel.repaint(before, panel.getHeight() - 240, 120, 120);
                    panel.repaint(square(tick[0], w), panel.getHeight() - 240, 120, 120);
                }).start();
            }
        });
        System.out.println("ready " + ProcessHandle.current().pid());
        System.out.flush();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            while (in.readLine() != null) {
                // wait for the parent to close our input
            }
        }
        System.out.printf(java.util.Locale.ROOT, "painted %.1f%n", painted[0] / ((System.nanoTime() - start) / 1e9));
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }
}
