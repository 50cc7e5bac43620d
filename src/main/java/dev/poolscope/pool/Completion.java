package dev.poolscope.pool;

/**
 * One finished item of an as-completed stream.
 *
 * @param index the item's position in the input
 * @param value its result, or null if it failed
 * @param error the task's own exception, or null if it succeeded
 * @param <R> result type
 */
public record Completion<R>(int index, R value, Throwable error) {
    /** True if the item's task succeeded. */
    public boolean succeeded() {
        return error == null;
    }
}
