package dev.poolscope.pool;

import java.io.Serializable;

/**
 * A one-argument task function for {@code map} and {@code batch}; serializable
 * so that it can be sent to a worker process, and allowed to throw.
 *
 * @param <T> argument type
 * @param <R> result type
 */
@FunctionalInterface
public interface TaskFunction<T, R> extends Serializable {
    /** Applies the function. */
    R apply(T t) throws Exception;
}
