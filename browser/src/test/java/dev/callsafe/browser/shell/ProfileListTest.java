package dev.callsafe.browser.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** History and bookmarks as stored in the profile: order, titles, limit, a damaged file. */
class ProfileListTest {
    @TempDir
    Path dir;

    private static List<String> urls(ProfileList l) {
        return l.pages().stream().map(ProfileList.Page::url).toList();
    }

    @Test
    void aVisitGoesFirstOnceAndSurvivesARestartWithItsTitle() {
        Path file = dir.resolve("history.json");
        ProfileList history = new ProfileList(file, 10);
        history.putFirst("https://a.example/", "");
        history.putFirst("https://b.example/", "B");
        history.putFirst("https://a.example/", null);
        history.retitle("https://a.example/", "Page A");
        history.flush();
        ProfileList again = new ProfileList(file, 10);
        assertEquals(List.of("https://a.example/", "https://b.example/"), urls(again));
        assertEquals("Page A", again.pages().get(0).title());
        assertEquals("B", again.pages().get(1).title());
    }

    @Test
    void theOldestGoBeyondTheLimitAndRemovedOnesStayRemoved() {
        Path file = dir.resolve("bookmarks.json");
        ProfileList l = new ProfileList(file, 2);
        l.putFirst("https://1.example/", "1");
        l.putFirst("https://2.example/", "2");
        l.putFirst("https://3.example/", "3");
        assertEquals(List.of("https://3.example/", "https://2.example/"), urls(l));
        l.remove("https://3.example/");
        l.flush();
        assertFalse(new ProfileList(file, 2).contains("https://3.example/"));
        assertTrue(new ProfileList(file, 2).contains("https://2.example/"));
    }

    @Test
    void aDamagedFileIsKeptAsideAndTheListStartsEmpty() throws Exception {
        Path file = dir.resolve("history.json");
        Files.writeString(file, "{not json");
        ProfileList l = new ProfileList(file, 10);
        assertTrue(l.pages().isEmpty());
        assertTrue(Files.exists(dir.resolve("history.json.damaged")));
        l.putFirst("https://a.example/", "A");
        l.flush();
        assertEquals(List.of("https://a.example/"), urls(new ProfileList(file, 10)));
    }

    @Test
    void aSecondDamagedBookmarksFileDoesNotReplaceTheFirstAndBothAreReported() throws Exception {
        Path file = dir.resolve("bookmarks.json");
        Files.writeString(file, "[{\"url\": \"https://first.example/\"");
        ProfileList first = new ProfileList(file, 10);
        assertEquals(dir.resolve("bookmarks.json.damaged"), first.damagedCopy());
        first.putFirst("https://kept.example/", "Kept");
        first.flush();
        ProfileList restarted = new ProfileList(file, 10);
        assertEquals(null, restarted.damagedCopy());
        assertEquals(List.of("https://kept.example/"), urls(restarted));
        Files.writeString(file, "[1, 2");
        ProfileList second = new ProfileList(file, 10);
        assertEquals(dir.resolve("bookmarks.json.damaged-2"), second.damagedCopy());
        assertTrue(second.pages().isEmpty());
        assertEquals("[{\"url\": \"https://first.example/\"", Files.readString(dir.resolve("bookmarks.json.damaged")));
        assertEquals("[1, 2", Files.readString(dir.resolve("bookmarks.json.damaged-2")));
    }

    @Test
    void listenersHearEveryChange() {
        ProfileList l = new ProfileList(dir.resolve("b.json"), 10);
        int[] heard = {0};
        l.addListener(() -> heard[0]++);
        l.putFirst("https://a.example/", "A");
        l.retitle("https://a.example/", "A2");
        l.retitle("https://a.example/", "A2"); // no change, no event
        l.remove("https://a.example/");
        assertEquals(3, heard[0]);
        l.flush(); // the writes go on on the list's own thread: done before the temporary folder is removed
    }
}
