package dev.callsafe.browser.cef;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.cef.CefApp;

/**
 * One iteration of CEF's message loop, run by the caller on the Swing thread. JCEF's public
 * {@code doMessageLoopWork(0)} posts the iteration to the Swing queue and then a new 33 ms {@code javax.swing.Timer}
 * after every one (a timer object and a timer-thread wake-up per pump, hundreds a second during a capture); its
 * native call is used here directly, and {@link EnginePump} does the scheduling. Falls back to the public call
 * when the native one is not there (another JCEF build).
 */
final class EngineWork implements Runnable {
    private static final Logger LOG = Logger.getLogger(EngineWork.class.getName());
    private final MethodHandle iteration;

    private EngineWork(MethodHandle iteration) {
        this.iteration = iteration;
    }

    /** The direct iteration when JCEF has it, else JCEF's public pump. */
    static Runnable create() {
        try {
            var m = CefApp.class.getDeclaredMethod("N_DoMessageLoopWork");
            m.setAccessible(true);
            return new EngineWork(MethodHandles.lookup().unreflect(m));
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.WARNING, "JCEF's message loop iteration is not reachable; using its own pump", e);
            return () -> CefApp.getInstance().doMessageLoopWork(0);
        }
    }

    @Override
    public void run() {
        if (CefApp.getState() == CefApp.CefAppState.TERMINATED) {
            return; // the same check as JCEF's own pump (CEF asks for work only once it runs)
        }
        try {
            iteration.invoke(CefApp.getInstance());
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
