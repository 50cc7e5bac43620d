package dev.poolscope.pool;

import java.io.Serializable;
import java.util.concurrent.Callable;

/**
 * A task that returns a value and may be sent to a worker process: a
 * {@link Callable} that is also {@link Serializable}. A lambda written where a
 * {@code TaskCallable} is expected is serializable, so the same code runs on
 * thread pools and on the process pool.
 *
 * @param <V> the result type
 */
@FunctionalInterface
public interface TaskCallable<V> extends Callable<V>, Serializable {
}
