package dev.poolscope.pool;

/**
 * What a task may tell its pool's queue about itself: a priority and an
 * expected size. A callable implements this to be served by
 * {@link QueueOrder#PRIORITY} or {@link QueueOrder#SHORTEST}; tasks that do not
 * count as priority 0 and unknown size.
 */
public interface TaskTraits {
    /** Size unknown. */
    long UNKNOWN_SIZE = Long.MAX_VALUE;

    /** The task's priority; higher is served first by {@link QueueOrder#PRIORITY}. */
    default int priority() {
        return 0;
    }

    /** How long the task is expected to run, in nanoseconds, or {@link #UNKNOWN_SIZE}. */
    default long expectedNanos() {
        return UNKNOWN_SIZE;
    }

    /** The traits of a task that says nothing about itself. */
    TaskTraits NONE = new TaskTraits() {
    };
}
