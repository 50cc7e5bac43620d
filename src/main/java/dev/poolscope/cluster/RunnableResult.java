package dev.poolscope.cluster;

import dev.poolscope.pool.ObservedTask;

import java.io.Serial;
import java.io.Serializable;
import java.util.concurrent.Callable;

/**
 * A runnable with a result given by the submitter ({@code submit(task, result)}):
 * the runnable runs on a member, the result never travels, so
 * {@code submit(task, result).get()} returns that very object.
 */
record RunnableResult<T>(Runnable runnable, T value) implements Callable<T> {
    @Override
    public T call() {
        runnable.run();
        return value;
    }

    /** What is sent: the runnable alone, serializable if the runnable is. */
    Callable<Object> remote() {
        return runnable instanceof Serializable ? new RunnableCall(runnable) : this::callRemote;
    }

    private Object callRemote() {
        runnable.run();
        return null;
    }

    /** The value a task completes with: the submitter's own for a {@code RunnableResult}. */
    static Object localValue(ObservedTask<?> task, Object remote) {
        return task.callable() instanceof RunnableResult<?> r ? r.value() : remote;
    }

    private record RunnableCall(Runnable runnable) implements Callable<Object>, Serializable {
        @Serial
        private static final long serialVersionUID = 1L;

        @Override
        public Object call() {
            runnable.run();
            return null;
        }
    }
}
