package dev.callsafe.browser.cef;

import org.cef.callback.CefResourceReadCallback;
import org.cef.misc.IntRef;
import org.cef.misc.StringRef;
import org.cef.network.CefResponse;

import dev.callsafe.plugins.spi.StreamBody;

/**
 * Serves a plugin's {@link StreamBody} as an endless response, reading asynchronously: when no data is
 * ready the network thread is released and resumed when the body has some.
 */
final class StreamResourceHandler extends ImmediateResourceHandler {
    /** Chromium's net::ERR_FAILED: how a cut stream reaches the page (its reader fails at once). */
    private static final int ERR_FAILED = -2;

    private final StreamBody body;
    private final String allowOrigin;
    private CefResourceReadCallback parked; // guarded by this
    private int parkedMax;
    private boolean wokenEarly;

    StreamResourceHandler(StreamBody body, String allowOrigin) {
        this.body = body;
        this.allowOrigin = allowOrigin;
    }

    @Override
    public void getResponseHeaders(CefResponse response, IntRef responseLength, StringRef redirectUrl) {
        response.setStatus(200);
        response.setStatusText("OK");
        response.setMimeType(body.contentType());
        response.setHeaderByName("Access-Control-Allow-Origin", allowOrigin, true);
        response.setHeaderByName("Cache-Control", "no-store", true);
        responseLength.set(-1);
    }

    @Override
    public boolean read(byte[] dataOut, int bytesToRead, IntRef bytesRead, CefResourceReadCallback callback) {
        while (true) {
            int n = body.read(dataOut, bytesToRead, this::wake);
            if (n > 0) {
                bytesRead.set(n);
                return true;
            }
            if (n < 0) {
                // end of stream, or cut short: a negative count is a network error (-2 is ERR_FAILED)
                bytesRead.set(n == StreamBody.CUT ? ERR_FAILED : 0);
                return false;
            }
            if (park(callback, bytesToRead)) {
                bytesRead.set(0);
                return true;
            }
            // the body woke us between its empty read and the park: its data is there, read again
        }
    }

    /**
     * Parks CEF's callback until the body wakes us, unless a wake-up already came since the last empty
     * read (the body runs its waiter once, so a wake-up that found nothing parked would otherwise be lost).
     */
    private boolean park(CefResourceReadCallback callback, int max) {
        synchronized (this) {
            if (wokenEarly) {
                wokenEarly = false;
                return false;
            }
            parkedMax = max;
            parked = callback;
            return true;
        }
    }

    /** The body's waiter: runs on the thread that made data ready (or ended the stream). */
    private void wake() {
        CefResourceReadCallback cb;
        int max;
        synchronized (this) {
            if (parked == null) {
                wokenEarly = true; // read() has not parked yet: it will see this and read again
                return;
            }
            cb = parked;
            parked = null;
            max = parkedMax;
        }
        byte[] buffer = cb.getBuffer();
        while (true) {
            int n = body.read(buffer, Math.min(max, buffer.length), this::wake);
            if (n != 0) {
                cb.Continue(n == StreamBody.CUT ? ERR_FAILED : Math.max(n, 0)); // 0 ends the response
                return;
            }
            if (park(cb, max)) {
                return; // woken without data: wait again
            }
        }
    }

    @Override
    public void cancel() {
        synchronized (this) {
            parked = null;
        }
        body.cancel();
    }
}
