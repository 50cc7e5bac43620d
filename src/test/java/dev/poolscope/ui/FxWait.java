package dev.poolscope.ui;

import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** UI tests' two waits: a call on the FX thread, and a bounded wait for a condition read there. */
public final class FxWait {
    private FxWait() {
    }

    /** Runs {@code c} on the FX thread and returns its result (bounded). */
    public static <T> T fx(Callable<T> c) {
        try {
            return WaitForAsyncUtils.asyncFx(c).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits up to a minute for {@code condition}, read on the FX thread. */
    public static void waitUntil(String what, Callable<Boolean> condition) {
        waitUntil(what, 60, condition);
    }

    /** Waits up to {@code seconds} for {@code condition}, read on the FX thread. */
    public static void waitUntil(String what, long seconds, Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> fx(condition));
        } catch (TimeoutException e) {
            throw new AssertionError("timed out waiting for " + what, e);
        }
    }
}
