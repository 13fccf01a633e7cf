package dev.callsafe.plugins.media;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import javax.imageio.ImageIO;

import dev.callsafe.capture.screen.Bounds;
import dev.callsafe.capture.screen.DesktopWindow;
import dev.callsafe.capture.screen.DisplayCapture;
import dev.callsafe.capture.screen.ShareTarget;
import dev.callsafe.capture.screen.WindowInventory;
import dev.callsafe.permissions.DisplaySource;
import dev.callsafe.plugins.spi.Tab;

/**
 * What the share picker may offer: the screens, the other applications (their windows grouped by
 * application and process; never this browser) and the browser's tabs, each with a thumbnail source.
 * Built off the Swing thread (the window inventory talks to the window system).
 */
final class ShareCandidates {
    private static final Logger LOG = Logger.getLogger(ShareCandidates.class.getName());
    static final int THUMB_W = 192;
    static final int THUMB_H = 120;

    /** One thing the user may pick. */
    interface Candidate {
        DisplaySource source();

        /** Stable component-name suffix: the screen index, the application's process id, the tab id. */
        String key();

        String label();

        /** A fresh thumbnail; slow (call off the Swing thread); null when none could be made. */
        BufferedImage thumbnail();

        /** The desktop item for a screen or an application; null for a tab. */
        default ShareTarget target() {
            return null;
        }

        /** The tab for browser sharing; null otherwise. */
        default Tab tab() {
            return null;
        }
    }

    private ShareCandidates() {
    }

    static List<Candidate> gather(Set<DisplaySource> offered, List<Tab> tabs, OwnWindows own) {
        List<Candidate> out = new ArrayList<>();
        WindowInventory inventory = WindowInventory.forThisPlatform();
        if (offered.contains(DisplaySource.SCREEN)) {
            try {
                List<Bounds> screens = inventory.screens();
                for (int i = 0; i < screens.size(); i++) {
                    Bounds b = screens.get(i);
                    out.add(desktop(DisplaySource.SCREEN, String.valueOf(i),
                            "Screen " + (i + 1) + " (" + b.width() + "\u00d7" + b.height() + ")", new ShareTarget.Screen(i),
                            own));
                }
            } catch (IOException e) {
                LOG.warning("no screens to offer: " + e.getMessage());
            }
        }
        if (offered.contains(DisplaySource.APPLICATION)) {
            try {
                Map<String, List<DesktopWindow>> apps = new LinkedHashMap<>();
                List<DesktopWindow> windows = new ArrayList<>(inventory.windows());
                java.util.Collections.reverse(windows); // top-most first: what the user sees first
                for (DesktopWindow w : windows) {
                    if (own.test(w) || w.bounds().isEmpty()) {
                        continue;
                    }
                    apps.computeIfAbsent(w.application() + "\u0000" + w.pid(), k -> new ArrayList<>()).add(w);
                }
                for (List<DesktopWindow> group : apps.values()) {
                    DesktopWindow first = group.get(0);
                    String name = first.application() == null || first.application().isBlank() ? "Unnamed application"
                            : first.application();
                    String titles = group.stream().map(DesktopWindow::title).filter(t -> t != null && !t.isBlank())
                            .distinct().limit(3).reduce((a, b) -> a + ", " + b).orElse("");
                    String label = name + " \u2014 " + group.size() + (group.size() == 1 ? " window" : " windows")
                            + (titles.isEmpty() ? "" : ": " + titles);
                    // Named by process id where the window system says it (tests and the sharing bar find it so).
                    String key = first.pid() != 0 ? String.valueOf(first.pid()) : "0." + name;
                    out.add(desktop(DisplaySource.APPLICATION, key, label,
                            new ShareTarget.Application(first.application(), first.pid()), own));
                }
            } catch (IOException e) {
                LOG.warning("no applications to offer: " + e.getMessage());
            }
        }
        if (offered.contains(DisplaySource.BROWSER)) {
            for (Tab t : tabs) {
                out.add(tab(t));
            }
        }
        return out;
    }

    /**
     * The candidates as this page's hints arrange them: without the requesting tab when it excluded itself,
     * with it first when it prefers it.
     */
    static List<Candidate> forPage(List<Candidate> all, int requestingTab, ShareHints hints) {
        List<Candidate> out = new ArrayList<>();
        for (Candidate c : all) {
            boolean self = c.tab() != null && c.tab().id() == requestingTab;
            if (self && !hints.selfIncluded()) {
                continue;
            }
            if (self && hints.preferCurrentTab()) {
                out.add(0, c);
            } else {
                out.add(c);
            }
        }
        return out;
    }

    /** What the picker starts with selected: the requesting tab when preferred, else the first of the kind asked. */
    static java.util.Optional<Candidate> preselected(List<Candidate> candidates, int requestingTab, ShareHints hints) {
        if (hints.preferCurrentTab()) {
            return candidates.stream().filter(c -> c.tab() != null && c.tab().id() == requestingTab).findFirst();
        }
        return hints.preferredSurface().flatMap(s -> candidates.stream().filter(c -> c.source() == s).findFirst());
    }

    private static Candidate desktop(DisplaySource source, String key, String label, ShareTarget target,
                                     OwnWindows own) {
        return new Candidate() {
            @Override
            public DisplaySource source() {
                return source;
            }

            @Override
            public String key() {
                return key;
            }

            @Override
            public String label() {
                return label;
            }

            @Override
            public BufferedImage thumbnail() {
                try {
                    return DisplayCapture.thumbnail(target, THUMB_W, THUMB_H, own);
                } catch (IOException | RuntimeException e) {
                    return null;
                }
            }

            @Override
            public ShareTarget target() {
                return target;
            }
        };
    }

    private static Candidate tab(Tab tab) {
        return new Candidate() {
            @Override
            public DisplaySource source() {
                return DisplaySource.BROWSER;
            }

            @Override
            public String key() {
                return String.valueOf(tab.id());
            }

            @Override
            public String label() {
                return "Tab: " + tab.title();
            }

            @Override
            public Tab tab() {
                return tab;
            }

            @Override
            public BufferedImage thumbnail() {
                try {
                    byte[] jpeg = tab.snapshot(THUMB_W, THUMB_H).get(3, TimeUnit.SECONDS);
                    return scaled(ImageIO.read(new ByteArrayInputStream(jpeg)));
                } catch (Exception e) {
                    return null;
                }
            }
        };
    }

    static BufferedImage scaled(BufferedImage src) {
        if (src == null) {
            return null;
        }
        double s = Math.min((double) THUMB_W / src.getWidth(), (double) THUMB_H / src.getHeight());
        int w = Math.max(1, (int) (src.getWidth() * s));
        int h = Math.max(1, (int) (src.getHeight() * s));
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(src, 0, 0, w, h, null);
        g.dispose();
        return out;
    }
}
