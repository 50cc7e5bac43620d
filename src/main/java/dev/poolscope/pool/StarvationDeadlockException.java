package dev.poolscope.pool;

import java.util.concurrent.CancellationException;

/**
 * Thrown by {@code Future.get} (and {@code getResult}) to a task that waited
 * for a task of its own pool while every worker of that pool did the same:
 * the pool ended the deadlock by cancelling the awaited task
 * ({@link StallPolicy.Action#FAIL}). The message names the pool, the workers
 * and the tasks they waited for. A task that lets it propagate fails with it.
 */
public final class StarvationDeadlockException extends CancellationException {
    private static final long serialVersionUID = 1L;

    /** An exception with the deadlock's description. */
    public StarvationDeadlockException(String message) {
        super(message);
    }
}
