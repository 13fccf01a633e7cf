package dev.callsafe.browser.cef;

import java.util.concurrent.atomic.AtomicReference;

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
    private final StreamBody body;
    private final String allowOrigin;
    private final AtomicReference<CefResourceReadCallback> parked = new AtomicReference<>();
    private int parkedMax;

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
        int n = body.read(dataOut, bytesToRead, () -> resume());
        if (n > 0) {
            bytesRead.set(n);
            return true;
        }
        if (n < 0) {
            bytesRead.set(0);
            return false; // end of stream
        }
        synchronized (this) {
            parkedMax = bytesToRead;
            parked.set(callback);
        }
        bytesRead.set(0);
        return true;
    }

    private void resume() {
        CefResourceReadCallback cb;
        int max;
        synchronized (this) {
            cb = parked.getAndSet(null);
            max = parkedMax;
        }
        if (cb == null) {
            return;
        }
        byte[] buffer = cb.getBuffer();
        int n = body.read(buffer, Math.min(max, buffer.length), this::resume);
        if (n == 0) {
            synchronized (this) {
                parked.set(cb); // woken without data: wait again
            }
            return;
        }
        cb.Continue(Math.max(n, 0)); // 0 ends the response
    }

    @Override
    public void cancel() {
        parked.set(null);
        body.cancel();
    }
}
