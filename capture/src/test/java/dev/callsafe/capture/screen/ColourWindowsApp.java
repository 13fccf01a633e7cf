package dev.callsafe.capture.screen;

import java.awt.Color;
import java.awt.EventQueue;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import javax.swing.JFrame;
import javax.swing.JPanel;

import com.sun.jna.Native;

/**
 * The child process of {@link ColourWindows}: shows undecorated solid-colour windows and obeys one command per
 * line on stdin, answering one line per command on stdout ("ok ..." or "error ...").
 * Commands: {@code open NAME RRGGBB X Y W H}, {@code raise NAME}, {@code move NAME X Y W H}, {@code close NAME},
 * {@code rect NAME X Y W H RRGGBB} (draws one rectangle, window coordinates, straight into it),
 * {@code animate NAME} (paints it in a new colour every 16 ms, for benchmarks), {@code drift NAME RANGE} (moves it
 * 2 px every 10 ms, right and back over RANGE px), {@code quit}.
 * "ok" for open/raise/move answers with the window's X id once AWT has done it.
 */
public final class ColourWindowsApp {
    private static final Map<String, JFrame> FRAMES = new HashMap<>();

    private ColourWindowsApp() {
    }

    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        System.out.println("ready " + ProcessHandle.current().pid());
        System.out.flush();
        String line;
        while ((line = in.readLine()) != null) {
            String[] p = line.trim().split(" ");
            if (p[0].equals("quit")) {
                break;
            }
            String[] answer = new String[1];
            try {
                EventQueue.invokeAndWait(() -> answer[0] = run(p));
            } catch (Exception e) {
                answer[0] = "error " + e;
            }
            System.out.println(answer[0]);
            System.out.flush();
        }
        EventQueue.invokeAndWait(() -> FRAMES.values().forEach(JFrame::dispose));
        System.exit(0);
    }

    private static String run(String[] p) {
        JFrame f = FRAMES.get(p.length > 1 ? p[1] : "");
        switch (p[0]) {
            case "open" -> {
                JFrame frame = new JFrame("colour-" + p[1]);
                frame.setUndecorated(true);
                JPanel panel = new JPanel();
                Color colour = new Color(Integer.parseInt(p[2], 16));
                panel.setBackground(colour);
                frame.setBackground(colour);
                frame.setContentPane(panel);
                frame.setBounds(Integer.parseInt(p[3]), Integer.parseInt(p[4]), Integer.parseInt(p[5]),
                        Integer.parseInt(p[6]));
                frame.setVisible(true);
                FRAMES.put(p[1], frame);
                return "ok " + Native.getWindowID(frame);
            }
            case "raise" -> {
                f.toFront();
                return "ok " + Native.getWindowID(f);
            }
            case "move" -> {
                f.setBounds(Integer.parseInt(p[2]), Integer.parseInt(p[3]), Integer.parseInt(p[4]),
                        Integer.parseInt(p[5]));
                return "ok " + Native.getWindowID(f);
            }
            case "paint" -> {
                // new content, same window: only the X server's damage says it changed
                Color colour = new Color(Integer.parseInt(p[2], 16));
                f.getContentPane().setBackground(colour);
                f.getContentPane().repaint();
                return "ok " + Native.getWindowID(f);
            }
            case "rect" -> {
                // one small drawing, nothing else repainted: the X server's damage is that rectangle only
                java.awt.Graphics g = f.getContentPane().getGraphics();
                g.setColor(new Color(Integer.parseInt(p[6], 16)));
                g.fillRect(Integer.parseInt(p[2]), Integer.parseInt(p[3]), Integer.parseInt(p[4]), Integer.parseInt(p[5]));
                g.dispose();
                java.awt.Toolkit.getDefaultToolkit().sync();
                return "ok " + Native.getWindowID(f);
            }
            case "animate" -> {
                // a load generator for benchmarks: paints straight to the window from its own thread at 60 Hz
                java.awt.Component panel = f.getContentPane();
                Thread painter = new Thread(() -> {
                    for (int hue = 0; f.isDisplayable(); hue = (hue + 7) % 360) {
                        java.awt.Graphics g = panel.getGraphics();
                        if (g != null) {
                            g.setColor(Color.getHSBColor(hue / 360f, 1f, 0.8f));
                            g.fillRect(0, 0, panel.getWidth(), panel.getHeight());
                            g.dispose();
                            java.awt.Toolkit.getDefaultToolkit().sync();
                        }
                        java.util.concurrent.locks.LockSupport.parkNanos(16_000_000L);
                    }
                }, "animate-" + p[1]);
                painter.setDaemon(true);
                painter.start();
                return "ok " + Native.getWindowID(f);
            }
            case "drift" -> {
                // moves the window right and back by 2 px every 10 ms over RANGE px, like a window being dragged
                int range = Integer.parseInt(p[2]);
                java.awt.Point start = f.getLocation();
                Thread mover = new Thread(() -> {
                    for (int step = 0; f.isDisplayable(); step++) {
                        int offset = (step * 2) % (2 * range);
                        int dx = offset < range ? offset : 2 * range - offset;
                        EventQueue.invokeLater(() -> f.setLocation(start.x + dx, start.y));
                        java.util.concurrent.locks.LockSupport.parkNanos(10_000_000L);
                    }
                }, "drift-" + p[1]);
                mover.setDaemon(true);
                mover.start();
                return "ok " + Native.getWindowID(f);
            }
            case "close" -> {
                f.dispose();
                FRAMES.remove(p[1]);
                return "ok 0";
            }
            default -> {
                return "error unknown command " + p[0];
            }
        }
    }
}
