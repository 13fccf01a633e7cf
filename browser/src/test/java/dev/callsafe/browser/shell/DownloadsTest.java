package dev.callsafe.browser.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a download is saved: inside the downloads folder, under a free name, whatever the page suggests. */
class DownloadsTest {
    @TempDir
    Path dir;
    private String before;

    @BeforeEach
    void useTempFolder() {
        before = System.getProperty("callsafe.downloads");
        System.setProperty("callsafe.downloads", dir.toString());
    }

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty("callsafe.downloads");
        } else {
            System.setProperty("callsafe.downloads", before);
        }
    }

    @Test
    void aTakenNameGetsANumberBeforeItsExtension() throws Exception {
        assertEquals(dir.resolve("report.txt"), Downloads.uniqueTarget("report.txt"));
        Files.writeString(dir.resolve("report.txt"), "x");
        assertEquals(dir.resolve("report (1).txt"), Downloads.uniqueTarget("report.txt"));
        Files.writeString(dir.resolve("report (1).txt"), "x");
        assertEquals(dir.resolve("report (2).txt"), Downloads.uniqueTarget("report.txt"));
    }

    @Test
    void aSuggestedPathCannotLeaveTheFolder() {
        assertEquals(dir.resolve("passwd"), Downloads.uniqueTarget("../../etc/passwd"));
        assertEquals(dir.resolve("evil.sh"), Downloads.uniqueTarget("..\\..\\evil.sh"));
        assertEquals(dir.resolve("download"), Downloads.uniqueTarget(".."));
        assertEquals(dir.resolve("download"), Downloads.uniqueTarget(""));
        assertEquals(dir.resolve("a b"), Downloads.uniqueTarget("a\u0000\nb".replace("\n", " ")));
    }

    @Test
    void progressReadsAsAPersonWouldSayIt() {
        assertEquals("512 B of 2 KB (25 %)",
                new Downloads.Download(1, "u", dir.resolve("f"), 512, 2048, false, false).progress());
        assertEquals("done, 1.5 MB",
                new Downloads.Download(1, "u", dir.resolve("f"), 1572864, 1572864, true, false).progress());
        assertEquals("cancelled", new Downloads.Download(1, "u", null, 0, 0, false, true).progress());
    }
}
