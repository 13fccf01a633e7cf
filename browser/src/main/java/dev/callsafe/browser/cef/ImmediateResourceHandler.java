package dev.callsafe.browser.cef;

import org.cef.callback.CefCallback;
import org.cef.handler.CefResourceHandlerAdapter;
import org.cef.misc.BoolRef;
import org.cef.network.CefRequest;

/** A resource handler that decides at once whether to answer (no asynchronous open). */
abstract class ImmediateResourceHandler extends CefResourceHandlerAdapter {
    @Override
    public final boolean open(CefRequest request, BoolRef handleRequest, CefCallback callback) {
        handleRequest.set(true);
        return true;
    }
}
