package dev.poolscope.workload;

import dev.poolscope.pool.TaskTraits;

import java.util.concurrent.Callable;
import java.util.function.LongToIntFunction;
import java.util.function.LongUnaryOperator;

/**
 * A workload bound to its parameters and seed: makes task number {@code i}
 * on demand, so a run never holds its tasks as a list. Task {@code i} is the
 * same for the same parameters and seed, in this JVM or in a worker process.
 */
@FunctionalInterface
public interface TaskSource {
    /** Makes the task with this index. */
    Callable<Object> task(long index);

    /** Task {@code index}'s priority (higher is served first by the {@code priority} queue order); 0 if the workload has none. */
    default int priority(long index) {
        return 0;
    }

    /** How long task {@code index} is expected to run, in nanoseconds, or {@link TaskTraits#UNKNOWN_SIZE}. */
    default long expectedNanos(long index) {
        return TaskTraits.UNKNOWN_SIZE;
    }

    /** {@code tasks} whose expected sizes {@code nanos} gives. */
    static TaskSource sized(TaskSource tasks, LongUnaryOperator nanos) {
        return new TaskSource() {
            @Override public Callable<Object> task(long index) { return tasks.task(index); }
            @Override public long expectedNanos(long index) { return nanos.applyAsLong(index); }
        };
    }

    /** {@code tasks} whose priorities {@code priority} gives. */
    static TaskSource prioritised(TaskSource tasks, LongToIntFunction priority) {
        return new TaskSource() {
            @Override public Callable<Object> task(long index) { return tasks.task(index); }
            @Override public int priority(long index) { return priority.applyAsInt(index); }
        };
    }
}
