package dev.poolscope.process;

import dev.poolscope.pool.ObservedTask;

import java.io.Serializable;
import java.util.concurrent.Callable;

/**
 * A runnable with a result given by the submitter ({@code submit(task, result)}):
 * the runnable runs in a worker, the result never travels, so
 * {@code submit(task, result).get()} returns that very object.
 *
 * @param <T> the result type
 */
record LocalResult<T>(Runnable runnable, T value) implements Callable<T> {
    @Override
    public T call() {
        runnable.run();
        return value;
    }

    /** What is sent to the worker: the runnable alone. */
    Callable<Object> remote() {
        return new RunnableCall(runnable);
    }

    /** The value a task completes with: the submitter's own for a {@code LocalResult}. */
    static Object localValue(ObservedTask<?> task, Object remote) {
        return task.callable() instanceof LocalResult<?> l ? l.value() : remote;
    }

    /** A runnable as a callable that can be serialized if the runnable can. */
    private record RunnableCall(Runnable runnable) implements Callable<Object>, Serializable {
        @Override
        public Object call() {
            runnable.run();
            return null;
        }
    }
}
