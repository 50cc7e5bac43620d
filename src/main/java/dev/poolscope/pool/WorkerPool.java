package dev.poolscope.pool;

import dev.poolscope.metrics.PoolGauges;
import dev.poolscope.metrics.PoolMetrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * An instrumented pool of workers: a real {@link ExecutorService} that records
 * every task's submit, start and end instants into its {@link PoolMetrics},
 * can be resized while it runs, and offers the tutorial's operations done right.
 *
 * <h2>The tutorial's operations</h2>
 * <ul>
 * <li>{@link #submitTask(String, TaskCallable)} / {@link #getResult(String, Duration)}:
 *     one future per id; a duplicate or unknown id is an error; waiting never spins.</li>
 * <li>{@link #map(TaskFunction, List)}: results in input order.</li>
 * <li>{@link #asCompleted(TaskFunction, List)}: results as they finish, each with its input index.</li>
 * <li>{@link #batch(TaskFunction, List, int)}: items grouped into tasks of {@code size} items,
 *     all groups submitted at once (pipelined, no barrier between batches), results in input order.</li>
 * <li>{@link #starmap(TaskBiFunction, List)}: two-argument map.</li>
 * </ul>
 * A task's own exception reaches the caller as the cause of an {@link ExecutionException}.
 *
 * <h2>Accounting</h2>
 * Every task handed to {@code execute} (directly or through {@code submit},
 * {@code invokeAll}, {@code invokeAny} or the operations above) ends exactly once
 * as succeeded, failed, cancelled, rejected or timed out. Tasks returned by
 * {@link #shutdownNow()} never started and count once as cancelled (their
 * futures report cancellation); on the fixed, virtual and process kinds they
 * are {@link UnstartedTask}s whose {@code run()} runs the user's task and
 * touches no figure.
 */
public interface WorkerPool extends ExecutorService, PoolGauges {

    /**
     * The pool whose worker runs the calling code, if any: what a task uses to
     * submit subtasks to its own pool. Empty on other threads and in worker processes.
     */
    static java.util.Optional<WorkerPool> current() {
        Thread t = Thread.currentThread();
        if (t instanceof RecordingThread rt) {
            return java.util.Optional.of(rt.pool());
        }
        return java.util.Optional.ofNullable(t.isVirtual() ? VirtualWorkerPool.CURRENT.get() : null);
    }

    /** The kind's registry name, e.g. {@code fixed}. */
    String kind();

    /** The config the pool was built with (its worker count may since have changed). */
    PoolConfig config();

    /** The worker count the pool is set to. */
    int workers();

    /**
     * Changes the worker count while the pool runs. Growing starts workers;
     * shrinking retires workers as they finish their current task. No task is lost.
     *
     * @throws IllegalArgumentException if {@code workers} is out of this kind's range
     * @throws java.util.concurrent.RejectedExecutionException if the pool is shut down
     */
    void resize(int workers);

    /** The pool's metrics recorder, for sampling. */
    PoolMetrics metrics();

    /**
     * Creates a task for this pool without submitting it, so that a callback can
     * be attached with {@link ObservedTask#onDone}; hand it to {@link #execute}.
     */
    <T> ObservedTask<T> newTask(java.util.concurrent.Callable<T> callable);

    /** The id-to-future table behind {@link #submitTask} and {@link #getResult}. */
    TaskBoard taskBoard();

    /** Per-worker details for reports; empty for thread pools. */
    default List<WorkerDetail> workerDetails() {
        return List.of();
    }

    /** Notes for reports about what this pool could not do (for example stop a task that ignored interruption). */
    default List<String> notes() {
        return List.of();
    }

    /**
     * True if single workers of this pool can be killed with {@link #killWorker(int)}
     * (workers that are processes); false for thread workers, which cannot be killed safely.
     */
    default boolean killsWorkers() {
        return false;
    }

    /**
     * Kills the worker in a slot, as a user would from outside: the task it
     * was running fails, the slot starts a new worker.
     *
     * @param slot the worker's slot id ({@link dev.poolscope.metrics.WorkerSnapshot#slot()})
     * @return the killed process's id, or -1 if the slot had no live worker
     * @throws UnsupportedOperationException if {@link #killsWorkers()} is false
     * @throws NoSuchElementException if there is no such slot
     */
    default long killWorker(int slot) {
        throw new UnsupportedOperationException("pool '" + kind() + "' cannot kill a single worker");
    }

    @Override
    default int poolSize() {
        return workers();
    }

    /**
     * The episodes so far in which this pool starved itself (its workers
     * waiting for its own queued tasks), oldest first, with times in
     * milliseconds since {@code originNanos} ({@link System#nanoTime()}).
     */
    default List<dev.poolscope.metrics.StallEpisode> stalls(long originNanos) {
        return List.of();
    }

    /**
     * Submits a task under an id.
     *
     * @throws IllegalArgumentException if a task with this id is pending or unclaimed
     */
    default <V> Future<V> submitTask(String id, TaskCallable<V> task) {
        return taskBoard().submit(this, id, task);
    }

    /**
     * Waits up to {@code timeout} for the result of the task with this id and
     * hands it out (the id is then free again).
     *
     * @throws NoSuchElementException if no task has this id
     * @throws ExecutionException if the task failed; the cause is the task's exception
     * @throws TimeoutException if it did not finish in time (the id stays claimed)
     */
    default <V> V getResult(String id, Duration timeout)
            throws InterruptedException, ExecutionException, TimeoutException {
        return taskBoard().result(id, timeout);
    }

    /**
     * Applies {@code fn} to every item in parallel and returns the results in
     * input order. If a task fails, the rest are cancelled and the first failure
     * in input order is thrown with the task's exception as its cause.
     */
    default <T, R> List<R> map(TaskFunction<? super T, ? extends R> fn, List<? extends T> items)
            throws InterruptedException, ExecutionException {
        List<Future<R>> futures = new ArrayList<>(items.size());
        for (T item : items) {
            futures.add(submit((TaskCallable<R>) () -> fn.apply(item))); // serializable, for pools whose tasks travel
        }
        return collect(futures);
    }

    /** Two-argument {@link #map}: applies {@code fn} to each pair, results in input order. */
    default <A, B, R> List<R> starmap(TaskBiFunction<? super A, ? super B, ? extends R> fn,
                                      List<? extends Map.Entry<? extends A, ? extends B>> pairs)
            throws InterruptedException, ExecutionException {
        List<Future<R>> futures = new ArrayList<>(pairs.size());
        for (Map.Entry<? extends A, ? extends B> p : pairs) {
            A a = p.getKey();
            B b = p.getValue();
            futures.add(submit((TaskCallable<R>) () -> fn.apply(a, b)));
        }
        return collect(futures);
    }

    /**
     * Groups the items into tasks of {@code size} items each, submits all the
     * groups at once and returns the results in input order. Compared with the
     * tutorial's batch loop there is no barrier between batches: a free worker
     * takes the next group at once.
     *
     * @throws IllegalArgumentException if {@code size < 1}
     */
    default <T, R> List<R> batch(TaskFunction<? super T, ? extends R> fn, List<? extends T> items, int size)
            throws InterruptedException, ExecutionException {
        if (size < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, was " + size);
        }
        List<Future<List<R>>> futures = new ArrayList<>();
        for (int from = 0; from < items.size(); from += size) {
            List<? extends T> group = List.copyOf(items.subList(from, Math.min(items.size(), from + size)));
            futures.add(submit((TaskCallable<List<R>>) () -> {
                List<R> out = new ArrayList<>(group.size());
                for (T item : group) {
                    out.add(fn.apply(item));
                }
                return out;
            }));
        }
        List<R> results = new ArrayList<>(items.size());
        for (List<R> part : collect(futures)) {
            results.addAll(part);
        }
        return results;
    }

    /**
     * Applies {@code fn} to every item in parallel and returns a stream of
     * completions in the order they finish (not input order). The stream blocks
     * while it waits for the next completion; closing it early cancels the rest.
     */
    default <T, R> Stream<Completion<R>> asCompleted(TaskFunction<? super T, ? extends R> fn, List<? extends T> items) {
        Objects.requireNonNull(fn, "fn");
        LinkedBlockingQueue<Completion<R>> done = new LinkedBlockingQueue<>();
        List<Future<?>> futures = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            int index = i;
            T item = items.get(i);
            TaskCallable<R> call = () -> fn.apply(item);
            ObservedTask<R> task = newTask(call);
            task.onDone(t -> {
                if (t.isCancelled()) {
                    done.add(new Completion<>(index, null, new CancellationException("cancelled")));
                } else if (t.state() == Future.State.SUCCESS) {
                    done.add(new Completion<>(index, t.resultNow(), null));
                } else {
                    done.add(new Completion<>(index, null, t.exceptionNow()));
                }
            });
            futures.add(task);
            execute(task);
        }
        int total = items.size();
        Iterator<Completion<R>> it = new Iterator<>() {
            int taken;

            @Override
            public boolean hasNext() {
                return taken < total;
            }

            @Override
            public Completion<R> next() {
                if (taken >= total) {
                    throw new NoSuchElementException();
                }
                try {
                    Completion<R> c = done.take();
                    taken++;
                    return c;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CancellationException("interrupted while waiting for the next completion");
                }
            }
        };
        return StreamSupport.stream(Spliterators.spliterator(it, total, Spliterator.ORDERED), false)
                .onClose(() -> futures.forEach(f -> f.cancel(true)));
    }

    private static <R> List<R> collect(List<Future<R>> futures) throws InterruptedException, ExecutionException {
        List<R> results = new ArrayList<>(futures.size());
        try {
            for (Future<R> f : futures) {
                results.add(f.get());
            }
            return results;
        } catch (InterruptedException | ExecutionException | RuntimeException e) {
            futures.forEach(f -> f.cancel(true));
            throw e;
        }
    }
}
