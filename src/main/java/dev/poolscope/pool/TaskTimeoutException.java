package dev.poolscope.pool;

/**
 * The exception a task's future holds when the task ran past the pool's
 * per-task timeout.
 */
public class TaskTimeoutException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message naming the limit. */
    public TaskTimeoutException(String message) {
        super(message);
    }
}
