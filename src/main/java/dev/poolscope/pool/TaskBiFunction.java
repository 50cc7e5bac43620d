package dev.poolscope.pool;

import java.io.Serializable;

/**
 * A two-argument task function for {@code starmap}; serializable and allowed to throw.
 *
 * @param <A> first argument type
 * @param <B> second argument type
 * @param <R> result type
 */
@FunctionalInterface
public interface TaskBiFunction<A, B, R> extends Serializable {
    /** Applies the function. */
    R apply(A a, B b) throws Exception;
}
