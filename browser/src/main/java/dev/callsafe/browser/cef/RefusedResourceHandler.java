package dev.callsafe.browser.cef;

import org.cef.callback.CefResourceReadCallback;
import org.cef.misc.IntRef;
import org.cef.misc.StringRef;
import org.cef.network.CefResponse;

/** An empty response with an error status: what a frame gets for a stream or page it may not read. */
final class RefusedResourceHandler extends ImmediateResourceHandler {
    private final int status;

    RefusedResourceHandler(int status) {
        this.status = status;
    }

    @Override
    public void getResponseHeaders(CefResponse response, IntRef responseLength, StringRef redirectUrl) {
        response.setStatus(status);
        response.setStatusText(status == 404 ? "Not Found" : "Forbidden");
        response.setMimeType("text/plain");
        responseLength.set(0);
    }

    @Override
    public boolean read(byte[] dataOut, int bytesToRead, IntRef bytesRead, CefResourceReadCallback callback) {
        bytesRead.set(0);
        return false;
    }
}
