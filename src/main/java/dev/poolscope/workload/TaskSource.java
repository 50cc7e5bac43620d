package dev.poolscope.workload;

import java.util.concurrent.Callable;

/**
 * A workload bound to its parameters and seed: makes task number {@code i}
 * on demand, so a run never holds its tasks as a list. Task {@code i} is the
 * same for the same parameters and seed, in this JVM or in a worker process.
 */
@FunctionalInterface
public interface TaskSource {
    /** Makes the task with this index. */
    Callable<Object> task(long index);
}
