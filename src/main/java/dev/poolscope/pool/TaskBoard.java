package dev.poolscope.pool;

import java.time.Duration;
import java.util.NoSuchElementException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Futures by id: the tutorial's {@code submit_task(id, ...)} and
 * {@code get_result(id, timeout)} without its busy re-queueing. Each id maps to
 * one future; waiting for one id blocks only on that future, for at most the
 * whole timeout. A result is handed out once, which frees the id. Thread-safe.
 */
public final class TaskBoard {
    /** id -> the future of its task, completed once the task is submitted. */
    private final ConcurrentHashMap<String, CompletableFuture<Future<?>>> entries = new ConcurrentHashMap<>();

    /**
     * Submits {@code task} to {@code pool} under {@code id}.
     *
     * @throws IllegalArgumentException if {@code id} is pending or unclaimed
     * @throws NullPointerException if id or task is null
     */
    public <V> Future<V> submit(ExecutorService pool, String id, TaskCallable<V> task) {
        if (id == null || task == null) {
            throw new NullPointerException("id and task must not be null");
        }
        CompletableFuture<Future<?>> entry = new CompletableFuture<>();
        if (entries.putIfAbsent(id, entry) != null) {
            throw new IllegalArgumentException("duplicate task id '" + id
                    + "': a task with this id is pending or its result is unclaimed");
        }
        try {
            Future<V> f = pool.submit(task);
            entry.complete(f);
            return f;
        } catch (RuntimeException e) {
            entries.remove(id, entry);
            entry.completeExceptionally(e);
            throw e;
        }
    }

    /**
     * Waits for the task with this id and hands out its result.
     *
     * @throws NoSuchElementException if no task has this id
     * @throws TimeoutException if it did not finish within {@code timeout}; the id stays claimed
     * @throws ExecutionException if the task failed, with the task's exception as cause
     */
    @SuppressWarnings("unchecked")
    public <V> V result(String id, Duration timeout) throws InterruptedException, ExecutionException, TimeoutException {
        CompletableFuture<Future<?>> entry = entries.get(id);
        if (entry == null) {
            throw new NoSuchElementException("unknown task id '" + id + "': no pending or unclaimed task has it");
        }
        long nanos = timeout == null ? Long.MAX_VALUE / 4 : timeout.toNanos();
        long deadline = System.nanoTime() + nanos;
        try {
            Future<?> f = entry.get(nanos, TimeUnit.NANOSECONDS);
            V v = (V) f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            entries.remove(id, entry);
            return v;
        } catch (TimeoutException e) {
            throw new TimeoutException("task '" + id + "' did not finish within " + timeout);
        } catch (ExecutionException | CancellationException e) {
            entries.remove(id, entry);
            throw e;
        }
    }

    /** Ids whose results have not been handed out. */
    public int pending() {
        return entries.size();
    }
}
