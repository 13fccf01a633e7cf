package dev.callsafe.browser.cef;

import java.util.Map;

import org.cef.callback.CefResourceReadCallback;
import org.cef.misc.IntRef;
import org.cef.misc.StringRef;
import org.cef.network.CefResponse;

/** A complete in-memory response (the browser's own pages and their files). */
final class BytesResourceHandler extends ImmediateResourceHandler {
    private final byte[] data;
    private final String mimeType;
    private final Map<String, String> headers;
    private int offset;

    BytesResourceHandler(byte[] data, String mimeType, Map<String, String> headers) {
        this.data = data;
        this.mimeType = mimeType;
        this.headers = headers;
    }

    @Override
    public void getResponseHeaders(CefResponse response, IntRef responseLength, StringRef redirectUrl) {
        response.setStatus(200);
        response.setStatusText("OK");
        response.setMimeType(mimeType);
        response.setHeaderByName("Cache-Control", "no-store", true);
        headers.forEach((name, value) -> response.setHeaderByName(name, value, true));
        responseLength.set(data.length);
    }

    @Override
    public synchronized boolean read(byte[] dataOut, int bytesToRead, IntRef bytesRead,
                                     CefResourceReadCallback callback) {
        int n = Math.min(bytesToRead, data.length - offset);
        if (n <= 0) {
            bytesRead.set(0);
            return false;
        }
        System.arraycopy(data, offset, dataOut, 0, n);
        offset += n;
        bytesRead.set(n);
        return true;
    }
}
