package dev.callsafe.browser;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Waiting on a condition with a deadline: the only synchronisation tests use. */
public final class Wait {
    private Wait() {
    }

    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        value(what, timeout, condition::getAsBoolean, Boolean::booleanValue);
    }

    /** Prints every thread's stack, so a timeout in CI shows what was stuck. */
    private static void dumpThreads(String what) {
        StringBuilder sb = new StringBuilder("=== threads at timeout (" + what + ")\n");
        Thread.getAllStackTraces().forEach((t, st) -> {
            sb.append('"').append(t.getName()).append("\" ").append(t.getState()).append('\n');
            for (StackTraceElement e : st) {
                sb.append("    at ").append(e).append('\n');
            }
        });
        System.err.println(sb);
    }

    public static <T> T value(String what, Duration timeout, Supplier<T> probe, Predicate<T> accept) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = null;
        RuntimeException lastError = null;
        while (true) {
            try {
                last = probe.get();
                if (accept.test(last)) {
                    return last;
                }
                lastError = null;
            } catch (RuntimeException e) {
                lastError = e;
            }
            if (System.nanoTime() > deadline) {
                AssertionError err = new AssertionError("timed out after " + timeout + " waiting for " + what
                        + (last != null ? "; last value: " + last : "")
                        + (lastError != null ? "; last error: " + lastError : ""));
                if (lastError != null) {
                    err.initCause(lastError);
                }
                dumpThreads(what);
                throw err;
            }
            try {
                Thread.sleep(25); // poll interval, not synchronisation: the loop checks the condition
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }
}
