package dev.poolscope.pool;

import dev.poolscope.jfr.PoolSamples;
import dev.poolscope.metrics.Counts;
import dev.poolscope.metrics.Outcome;
import dev.poolscope.metrics.PoolMetrics;
import dev.poolscope.metrics.WorkerRecorder;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The skeleton every pool kind shares: wraps each task in an
 * {@link ObservedTask}, counts it, applies the queue's rejection policy,
 * enforces the per-task timeout, and implements the parts of the
 * {@link java.util.concurrent.ExecutorService} contract that do not depend on
 * the kind.
 *
 * <h2>For implementors</h2>
 * <ol>
 * <li>{@link #dispatch(ObservedTask)} hands a counted task to the kind's
 *     machinery; when the queue is full it calls {@link #saturated(ObservedTask)}.</li>
 * <li>{@link #offerQueued(ObservedTask, long)} and {@link #pollOldestQueued()}
 *     let the shared policy code block for room or discard the oldest task.</li>
 * <li>Workers run tasks with {@link ObservedTask#run()} (thread workers that
 *     implement {@link RecordingThread}) or {@link ObservedTask#runOn(WorkerRecorder)}.</li>
 * <li>{@code shutdownNow} implementations call {@link #markStoppedNow()} first and
 *     hand the drained tasks back with {@link #handBack(List)} (cancelled, and
 *     runnable as the user's tasks), or cancel them with {@link #cancelAll(List)}.</li>
 * <li>Kinds in this package whose queue never fills may also take plain
 *     runnables from {@link #execute(Runnable)} without a future
 *     ({@code executesLight}, {@code dispatchLight}: a {@code LightTask}
 *     records the same instants and outcome, ended by whoever owns it).</li>
 * </ol>
 */
public abstract class AbstractWorkerPool extends AbstractExecutorService implements WorkerPool {
    private final String kind;
    protected final PoolConfig config;
    protected final PoolMetrics metrics;
    private final int maxWorkers;
    private final TaskBoard board = new TaskBoard();
    private final long timeoutNanos;
    private final ScheduledThreadPoolExecutor timer;
    private volatile WorkerRecorder callerRecorder;
    private final java.util.concurrent.atomic.LongAdder overruns = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAccumulator maxOverrun = new java.util.concurrent.atomic.LongAccumulator(Math::max, 0);
    private volatile boolean stoppedNow;
    private final StopsInProgress stopping = new StopsInProgress();
    private final StallWatch stallWatch = new StallWatch(this);

    /**
     * @param kind the registry name
     * @param config validated settings
     * @param maxWorkers the largest worker count {@link #resize(int)} accepts
     */
    protected AbstractWorkerPool(String kind, PoolConfig config, int maxWorkers) {
        this.kind = kind;
        this.config = config;
        this.maxWorkers = maxWorkers;
        this.metrics = new PoolMetrics(kind);
        PoolSamples.watch(this, metrics.poolNumber(), metrics.poolName(), kind, AbstractWorkerPool::jfrSample);
        this.timeoutNanos = config.taskTimeout().toNanos();
        if (timeoutNanos > 0) {
            timer = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, kind + "-timeouts");
                t.setDaemon(true);
                return t;
            });
            timer.setRemoveOnCancelPolicy(true);
        } else {
            timer = null;
        }
    }

    @Override
    public final String kind() {
        return kind;
    }

    @Override
    public final PoolConfig config() {
        return config;
    }

    @Override
    public final PoolMetrics metrics() {
        return metrics;
    }

    /** This pool's periodic JFR sample, or null once it has terminated. */
    private static PoolSamples.Sample jfrSample(AbstractWorkerPool pool) {
        if (pool.isTerminated()) {
            return null;
        }
        Counts c = pool.metrics.counts();
        return new PoolSamples.Sample(c.queued(), pool.metrics.busyWorkers(), pool.poolSize());
    }

    @Override
    public final TaskBoard taskBoard() {
        return board;
    }

    /** Checks a requested worker count against this kind's range. */
    protected final void checkWorkers(int n) {
        if (n < 1 || n > maxWorkers) {
            throw new IllegalArgumentException("workers must be between 1 and " + maxWorkers
                    + " for pool '" + kind + "', was " + n);
        }
    }

    @Override
    protected <T> RunnableFuture<T> newTaskFor(Callable<T> callable) {
        return new ObservedTask<>(this, callable);
    }

    @Override
    protected <T> RunnableFuture<T> newTaskFor(Runnable runnable, T value) {
        return new ObservedTask<>(this, Executors.callable(runnable, value));
    }

    @Override
    public final <T> ObservedTask<T> newTask(Callable<T> callable) {
        return new ObservedTask<>(this, Objects.requireNonNull(callable));
    }

    /**
     * Counts the task and hands it to the pool.
     *
     * @throws RejectedExecutionException if the pool is shut down, or the queue
     *         is full and the policy is {@code abort}; the task is counted as rejected
     */
    @Override
    public final void execute(Runnable command) {
        Objects.requireNonNull(command, "task");
        if (!(command instanceof ObservedTask<?>) && timer == null && executesLight()) {
            // nobody can wait on, cancel or time out a plain Runnable: no future needed
            LightTask light = new LightTask(this, command, metrics.taskSubmitted(), System.nanoTime());
            if (isShutdown()) {
                throw lightRejected(light);
            }
            dispatchLight(light);
            return;
        }
        ObservedTask<?> t;
        if (command instanceof ObservedTask<?> o && o.pool == this && !o.submitted) {
            t = o;
        } else {
            // through newTaskFor, so a kind can wrap the runnable its own way (process pools: serializably)
            t = (ObservedTask<?>) newTaskFor(command, null);
        }
        t.submitted = true;
        t.id = metrics.taskSubmitted();
        t.submitNanos = System.nanoTime();
        if (isShutdown()) {
            throw rejected(t, "pool '" + kind + "' is shut down");
        }
        dispatch(t);
    }

    /** Hands a counted task to the kind's machinery. */
    protected abstract void dispatch(ObservedTask<?> task);

    /**
     * True if {@link #execute(Runnable)} may hand plain runnables to
     * {@link #dispatchLight} as {@link LightTask}s: only for kinds whose queue
     * never fills (so no rejection policy, discarding or blocking applies),
     * that need no {@link #onTaskEnded} call, and when tasks have no timeout.
     */
    boolean executesLight() {
        return false;
    }

    /**
     * Queues a light task. If the kind's machinery refuses it (shut down in
     * the meantime), calls {@link #lightRejected} and throws what that returns.
     */
    void dispatchLight(LightTask task) {
        throw new UnsupportedOperationException();
    }

    /** Marks a light task rejected and returns the exception to throw to the submitter. */
    final RejectedExecutionException lightRejected(LightTask task) {
        task.reject();
        return new RejectedExecutionException("pool '" + kind + "' is shut down");
    }

    /** Waits up to {@code nanos} for queue room and enqueues the task; false if there was none. */
    protected abstract boolean offerQueued(ObservedTask<?> task, long nanos) throws InterruptedException;

    /** Removes and returns the oldest queued task, or null if none can be taken. */
    protected abstract ObservedTask<?> pollOldestQueued();

    /** Called once when a task ends, after it was counted. Override to release resources. */
    protected void onTaskEnded(ObservedTask<?> task) {
    }

    final void taskEnded(ObservedTask<?> task, Outcome outcome, Throwable cause, WorkerRecorder decidedOn) {
        if (decidedOn != null) {
            decidedOn.taskEnded(outcome, cause, task.id());
        } else {
            metrics.taskEnded(outcome, cause, task.id());
        }
        onTaskEnded(task);
    }

    /** Marks the task rejected and returns the exception to throw to the submitter. */
    protected final RejectedExecutionException rejected(ObservedTask<?> task, String why) {
        task.reject(why);
        return new RejectedExecutionException(why);
    }

    /**
     * Applies the rejection policy to a task the queue had no room for.
     * Called by {@link #dispatch(ObservedTask)} on the submitting thread.
     */
    protected final void saturated(ObservedTask<?> task) {
        if (isShutdown()) {
            throw rejected(task, "pool '" + kind + "' is shut down");
        }
        String full = "queue of pool '" + kind + "' is full (capacity " + config.queueCapacity() + ")";
        switch (config.rejection()) {
            case ABORT -> throw rejected(task, full);
            case CALLER_RUNS -> task.run();
            case DISCARD_OLDEST -> {
                ObservedTask<?> oldest = pollOldestQueued();
                if (oldest == null) {
                    task.reject(full + "; nothing queued to discard");
                } else {
                    oldest.reject("discarded as the oldest queued task: " + full);
                    dispatch(task);
                }
            }
            case BLOCK -> {
                try {
                    while (!offerQueued(task, TimeUnit.MILLISECONDS.toNanos(50))) {
                        if (isShutdown()) {
                            throw rejected(task, "pool '" + kind + "' shut down while the submitter waited for room");
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw rejected(task, "interrupted while waiting for room in " + full);
                }
            }
        }
    }

    /**
     * Waits for one of this pool's tasks on behalf of {@code Future.get}:
     * joins it if the kind can run it here ({@link #joinsOwn}), else parks with
     * the wait registered for the stall watch. A wait the watch ends to break a
     * starvation deadlock throws {@link StarvationDeadlockException}.
     *
     * @param nanos how long to wait, or -1 for no limit
     */
    final <V> V awaitOwn(ObservedTask<V> task, long nanos)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (joinsOwn(task, nanos)) {
            return task.await(nanos < 0 ? -1 : 0);
        }
        StallWatch.Wait w = stallWatch.enter(task);
        try {
            return task.await(nanos);
        } catch (CancellationException e) {
            String verdict = w.verdict;
            if (verdict != null) {
                throw new StarvationDeadlockException(verdict);
            }
            throw e;
        } finally {
            stallWatch.exit(w);
        }
    }

    /**
     * For kinds whose workers can run a task they wait for (forkjoin's join):
     * if the calling thread is such a worker, waits up to {@code nanos} (-1: no
     * limit) by joining {@code task} and returns true once it is done.
     */
    boolean joinsOwn(ObservedTask<?> task, long nanos) throws InterruptedException {
        return false;
    }

    /** The label of the worker that {@code thread} is in this pool, or null if it is not one of its workers. */
    String workerLabel(Thread thread) {
        return thread instanceof RecordingThread rt && rt.pool() == this ? rt.recorder().label() : null;
    }

    @Override
    public dev.poolscope.metrics.StallStatus stall() {
        return stallWatch.status();
    }

    @Override
    public List<dev.poolscope.metrics.StallEpisode> stalls(long originNanos) {
        return stallWatch.episodes(originNanos);
    }

    /** The stall watch (for tests in this package). */
    final StallWatch stallWatch() {
        return stallWatch;
    }

    /** The recorder for the thread running a task: its own if it is a worker, else the shared "caller" one. */
    final WorkerRecorder recorderForCurrentThread() {
        if (Thread.currentThread() instanceof RecordingThread rt && rt.pool() == this) {
            return rt.recorder();
        }
        return callerRecorder();
    }

    private WorkerRecorder callerRecorder() {
        WorkerRecorder r = callerRecorder;
        if (r == null) {
            synchronized (this) {
                r = callerRecorder;
                if (r == null) {
                    r = metrics.addWorker("caller", true);
                    callerRecorder = r;
                }
            }
        }
        return r;
    }

    /**
     * Called by a timed-out task when its body finally returns: if it ran well
     * past the limit, it ignored interruption and kept its worker busy.
     */
    final void timeoutOverrun(long ranNanos) {
        long over = ranNanos - timeoutNanos;
        if (over > TimeUnit.MILLISECONDS.toNanos(20)) {
            overruns.increment();
            maxOverrun.accumulate(over);
        }
    }

    @Override
    public List<String> notes() {
        long n = overruns.sum();
        if (n == 0) {
            return List.of();
        }
        return List.of(n + " timed-out task(s) ignored interruption and kept a worker busy for up to "
                + TimeUnit.NANOSECONDS.toMillis(maxOverrun.get()) + " ms past the deadline: pool '" + kind
                + "' cannot stop a thread that does not respond to interruption (the process pool can)");
    }

    /**
     * How long a caller of {@code Future.get} spins before it parks: 0 (park at
     * once) for thread pools; kinds whose replies cross a process boundary
     * return a few tens of microseconds.
     */
    protected long spinBeforeParkNanos() {
        return 0;
    }

    /** True if tasks have a timeout. */
    final boolean hasTimeout() {
        return timer != null;
    }

    final ScheduledFuture<?> armTimeout(ObservedTask<?> task) {
        if (timer == null) {
            return null;
        }
        try {
            return timer.schedule(() -> task.timeOut(timeoutNanos), timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            return null; // pool closing: no more timeouts
        }
    }

    /** True once {@code shutdownNow} has begun: tasks interrupted from then on count as cancelled. */
    public final boolean stoppedNow() {
        return stoppedNow;
    }

    /** Records that {@code shutdownNow} has begun. */
    protected final void markStoppedNow() {
        stoppedNow = true;
    }

    /**
     * Runs a kind's {@code shutdownNow} steps and cancels the tasks they return,
     * counting the whole as one stop in progress: {@link #stopsFinished()} is
     * false meanwhile, so the pool does not report termination before every
     * drained task has been cancelled (and counted).
     */
    protected final List<Runnable> stopNowAndCancel(java.util.function.Supplier<List<Runnable>> stop) {
        markStoppedNow();
        return stopping.run(() -> cancelAll(stop.get()));
    }

    /**
     * Waits on {@code condition} (of {@code lock}) until {@code done} holds or
     * {@code nanos} pass: the body of {@code awaitTermination} for kinds that
     * signal a condition when they terminate. Returns whether {@code done} held.
     */
    protected static boolean awaitUnder(java.util.concurrent.locks.Lock lock,
                                        java.util.concurrent.locks.Condition condition,
                                        java.util.function.BooleanSupplier done, long nanos)
            throws InterruptedException {
        lock.lock();
        try {
            while (!done.getAsBoolean()) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = condition.awaitNanos(nanos);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Cancels one of this pool's tasks as a stop in progress: from the moment
     * the task reads cancelled until its end is counted, {@link #stopsFinished()}
     * is false, so a worker that skips the cancelled task cannot let the pool
     * report termination before the count adds up. Then {@link #stopsChanged()}.
     */
    final boolean cancelCounted(java.util.function.BooleanSupplier cancel) {
        try {
            return stopping.run(cancel::getAsBoolean);
        } finally {
            stopsChanged();
        }
    }

    /**
     * Called when a stop in progress has finished (a cancel counted), for kinds
     * that decide termination themselves and must look again. Does nothing by default.
     */
    protected void stopsChanged() {
    }

    /** True when no {@link #stopNowAndCancel} or {@link #cancelCounted} is in progress. */
    protected final boolean stopsFinished() {
        return stopping.finished();
    }

    /** Waits until no stop is in progress or the deadline ({@link System#nanoTime()}) passes. */
    protected final boolean awaitStops(long deadlineNanos) throws InterruptedException {
        return stopping.await(deadlineNanos);
    }

    /**
     * Like {@link #stopNowAndCancel}, but hands the drained tasks back as
     * {@link UnstartedTask}s that run the user's tasks ({@link #handBack(List)}).
     */
    protected final List<Runnable> stopNowAndHandBack(java.util.function.Supplier<List<Runnable>> stop) {
        markStoppedNow();
        return stopping.run(() -> handBack(stop.get()));
    }

    /**
     * Cancels the tasks {@code shutdownNow} drained (each counted once as
     * cancelled) and returns, for each one this cancelled, an
     * {@link UnstartedTask} whose {@code run()} runs the user's task and
     * touches no figure. Tasks that had already ended are left out.
     */
    protected static List<Runnable> handBack(List<Runnable> drained) {
        List<Runnable> out = new ArrayList<>(drained.size());
        for (Runnable r : drained) {
            if (r instanceof ObservedTask<?> t) {
                if (t.cancel(false)) {
                    Callable<?> c = t.callable();
                    out.add(new UnstartedTask(c, t));
                }
            } else if (r instanceof LightTask l) {
                l.cancelUnstarted(); // drained from the queue: nobody else holds it
                out.add(new UnstartedTask(Executors.callable(l.body()), null));
            } else if (r instanceof java.util.concurrent.Future<?> f) {
                f.cancel(false);
            } else {
                out.add(r);
            }
        }
        return out;
    }

    /** Cancels every task in the list (those {@code shutdownNow} returns). */
    protected static List<Runnable> cancelAll(List<Runnable> tasks) {
        for (Runnable r : tasks) {
            if (r instanceof java.util.concurrent.Future<?> f) {
                f.cancel(false);
            } else if (r instanceof LightTask l) {
                l.cancelUnstarted(); // drained from the queue: nobody else holds it
            }
        }
        return tasks;
    }

    /** Stops the timeout timer; call when the pool has terminated. */
    protected final void releaseTimer() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks) throws InterruptedException, ExecutionException {
        try {
            return doInvokeAny(tasks, false, 0);
        } catch (TimeoutException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
            throws InterruptedException, ExecutionException, TimeoutException {
        return doInvokeAny(tasks, true, unit.toNanos(timeout));
    }

    private <T> T doInvokeAny(Collection<? extends Callable<T>> tasks, boolean timed, long nanos)
            throws InterruptedException, ExecutionException, TimeoutException {
        Objects.requireNonNull(tasks);
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("invokeAny needs at least one task");
        }
        for (Callable<T> c : tasks) {
            Objects.requireNonNull(c, "task");
        }
        long deadline = System.nanoTime() + nanos;
        LinkedBlockingQueue<ObservedTask<T>> done = new LinkedBlockingQueue<>();
        List<ObservedTask<T>> started = new ArrayList<>(tasks.size());
        try {
            ExecutionException last = null;
            for (Callable<T> c : tasks) {
                ObservedTask<T> t = new ObservedTask<>(this, c);
                t.onDone(done::add);
                started.add(t);
                execute(t);
            }
            for (int remaining = started.size(); remaining > 0; remaining--) {
                ObservedTask<T> f;
                if (timed) {
                    f = done.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                    if (f == null) {
                        throw new TimeoutException("no task of invokeAny finished in time");
                    }
                } else {
                    f = done.take();
                }
                try {
                    return f.get();
                } catch (ExecutionException e) {
                    last = e;
                } catch (CancellationException e) {
                    last = new ExecutionException(e);
                }
            }
            throw last;
        } finally {
            for (ObservedTask<T> t : started) {
                t.cancel(true);
            }
        }
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + kind + ", workers=" + workers() + ", live=" + liveWorkers()
                + ", " + metrics + (isTerminated() ? ", terminated" : isShutdown() ? ", shutting down" : ", running") + "]";
    }
}
