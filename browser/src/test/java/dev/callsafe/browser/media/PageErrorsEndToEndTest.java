package dev.callsafe.browser.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonObject;

import dev.callsafe.browser.BrowserFixture;
import dev.callsafe.browser.Wait;
import dev.callsafe.browser.shell.BrowserTab;

/** Requests that cannot be granted fail with the error the specs name, without a prompt. */
class PageErrorsEndToEndTest {
    private BrowserFixture browser;
    private BrowserTab tab;

    @BeforeEach
    void open() throws Exception {
        browser = BrowserFixture.get();
        tab = browser.freshTab("/call.html");
    }

    private JsonObject errorOf(String constraintsJs) {
        browser.eval(tab, "probe.start(" + constraintsJs + ")");
        JsonObject s = Wait.value("settled", Duration.ofSeconds(10),
                () -> browser.eval(tab, "probe.state()").getAsJsonObject(), x -> x.get("settled").getAsBoolean());
        assertTrue(browser.showing("consent.prompt").isEmpty(), "no prompt for a request that cannot be granted");
        assertTrue(s.get("error").isJsonObject(), () -> "expected an error, got " + s);
        return s.getAsJsonObject("error");
    }

    @Test
    void noMediaRequestedIsATypeError() {
        assertEquals("TypeError", errorOf("{}").get("name").getAsString());
        assertEquals("TypeError", errorOf("{video: false, audio: false}").get("name").getAsString());
    }

    @Test
    void malformedConstraintIsATypeError() {
        assertEquals("TypeError", errorOf("{video: {width: 'wide'}}").get("name").getAsString());
        assertEquals("TypeError", errorOf("{video: {width: {least: 3}}}").get("name").getAsString());
    }

    @Test
    void impossibleSizeIsAnOverconstrainedErrorNamingTheConstraint() {
        JsonObject e = errorOf("{video: {width: {exact: 5000}}}");
        assertEquals("OverconstrainedError", e.get("name").getAsString());
        assertEquals("width", e.get("constraint").getAsString());
        JsonObject r = errorOf("{video: {frameRate: {min: 240}}}");
        assertEquals("frameRate", r.get("constraint").getAsString());
    }

    @Test
    void unknownExactDeviceIsOverconstrained() {
        JsonObject e = errorOf("{audio: {deviceId: {exact: 'no-such-device'}}}");
        assertEquals("OverconstrainedError", e.get("name").getAsString());
        assertEquals("deviceId", e.get("constraint").getAsString());
    }
}
