package dev.poolscope.pool;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Future;

/**
 * A task that {@code shutdownNow} took out of a pool before it started, as
 * the pool hands it back: already counted once as cancelled in the pool's
 * figures (its future, if it has one, reports cancellation), and
 * {@link #run()} runs the user's own task on the calling thread, recording
 * nothing. So {@code pool.shutdownNow().forEach(Runnable::run)} runs what the
 * pool never started, exactly as an {@code ExecutorService} user expects.
 */
public final class UnstartedTask implements Runnable {
    private final Callable<?> body;
    private final Future<?> future;

    UnstartedTask(Callable<?> body, Future<?> future) {
        this.body = body;
        this.future = future;
    }

    /**
     * Runs the user's task here and now. An exception it throws propagates:
     * unchecked ones as they are, checked ones wrapped in a {@link CompletionException}.
     */
    @Override
    public void run() {
        try {
            body.call();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new CompletionException(e);
        }
    }

    /** The cancelled future the submitter holds, or null for a task given to {@code execute} without one. */
    public Future<?> future() {
        return future;
    }

    @Override
    public String toString() {
        return "UnstartedTask[" + body + "]";
    }
}
