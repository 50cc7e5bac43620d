package dev.poolscope.process;

import dev.poolscope.metrics.WorkerRecorder;
import dev.poolscope.metrics.WorkerSnapshot;
import dev.poolscope.pool.AbstractWorkerPool;
import dev.poolscope.pool.ObservedTask;
import dev.poolscope.pool.PoolConfig;
import dev.poolscope.pool.PoolKind;
import dev.poolscope.pool.TaskBiFunction;
import dev.poolscope.pool.TaskCallable;
import dev.poolscope.pool.TaskFunction;
import dev.poolscope.pool.WorkerDetail;
import dev.poolscope.pool.WorkerPool;
import dev.poolscope.workload.WorkloadTask;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The {@code process} kind: a pool of worker JVM processes. Each worker slot
 * runs one {@link WorkerMain} process at a time, started with this JVM's
 * {@code java} and class path, and talks to it over its standard input and
 * output in length-prefixed binary frames ({@link Frames}). Tasks are the
 * built-in workloads by name ({@link WorkloadTask}) or serializable
 * callables such as {@link TaskCallable} lambdas, read back through an
 * allow-list ({@link SerialFilter}).
 *
 * <h2>Tuning</h2>
 * <ul>
 * <li>{@link PoolConfig#workers()}: worker processes, 1..{@value #MAX_WORKERS}.</li>
 * <li>{@link PoolConfig#maxTasksPerWorker()}: a worker is recycled (replaced
 *     by a fresh process) after this many tasks; 0 for never.</li>
 * <li>{@link PoolConfig#workerJvmOptions()}: extra options for every worker JVM.</li>
 * <li>{@link PoolConfig#workerInitializer()}: a class whose no-argument
 *     constructor runs once in each worker before it reports ready.</li>
 * <li>{@link PoolConfig#taskTimeout()}: a task that runs longer ends as timed
 *     out and its worker is killed and replaced, so even a task that ignores
 *     interruption stops.</li>
 * <li>{@link ProcessPoolSettings}: pipelining, heartbeats, start-up limits, JVM flags.</li>
 * </ul>
 *
 * <h2>A worker slot's life cycle</h2>
 * <pre>
 *   STARTING --handshake--> IDLE <--> BUSY --max tasks reached, drained--> RECYCLING --> STARTING
 *       |                     |        |
 *       |                     +--------+--crash, kill, freeze, timeout, protocol error--> DEAD --> STARTING
 *       +--no handshake (bounded retries, then the pool fails)--> DEAD
 *   any state --shrink or shutdown, once drained--> RETIRED
 * </pre>
 *
 * <h2>Faults</h2>
 * A worker runs the tasks sent to it one at a time, in order, and flushes each
 * reply before it starts the next, so when it dies the pool knows exactly
 * which task may have been running: that task fails with a
 * {@link WorkerCrashedException} naming the worker, PID, phase and exit code
 * or signal (or ends as timed out); a reply the worker wrote before it died is
 * still read and counted; the tasks queued behind it in the dead worker never
 * started and go back to the front of the pool's queue. Every task ends
 * exactly once and no started task runs twice. The slot gets a new process,
 * so the pool returns to full size.
 *
 * <p>The one exception is a stream of short built-in workload tasks (under
 * 20 µs each on average, not a fault workload): those travel in batches of up
 * to 64 whose replies the worker flushes together, so a worker that dies
 * during a batch fails every unanswered task of that batch, including any that
 * had not started yet; later batches still go back to the queue.
 * {@link TaskCallable} tasks and other objects are never batched.
 *
 * <h2>Cancellation</h2>
 * {@code cancel(true)} on a task a worker runs interrupts the task's thread
 * there; a task that does not end within {@link ProcessPoolSettings#cancelGrace()}
 * gets its worker killed and replaced. A cancelled task that was sent ahead
 * but has not started is skipped by the worker. The future ends cancelled at once.
 *
 * <h2>The parts</h2>
 * <ul>
 * <li>{@link WorkerSupervisor}: the slots and what each worker holds, under one
 *     lock; sending, replies, deaths, replacement, wind-down. {@link PendingTasks}:
 *     the queue of tasks not yet sent; {@link TaskAdmission}: how a task enters it;
 *     {@link WorkerSpawner}: starting workers.</li>
 * <li>{@link DispatchPolicy}: pipeline depth, which worker, when to flush.</li>
 * <li>{@link WorkerChannel} (one worker process, its life-cycle phase and handshake),
 *     {@link ChannelReader} (its reader thread), {@link ChannelWriter} (its writes,
 *     never under the pool's lock), {@link TaskCodec} and
 *     {@link RemoteFailures} (the wire format of tasks and replies).</li>
 * <li>{@link Watchdog} (start, heartbeat and task deadlines), {@link WorkerReaper}
 *     (no worker outlives the JVM), {@link ChunkedMap} (bulk operations in chunks).</li>
 * </ul>
 *
 * <h2>Threads</h2>
 * Per worker process: one reader of its frames and one reader of its log.
 * Per pool: a watchdog and a spawner. Tasks are written to workers by
 * whichever thread frees or fills a place (the submitter or a reader), after
 * it has released the pool's lock; a frame that could block on a full pipe
 * goes to that worker's writer thread instead ({@link ChannelWriter}), so a
 * stopped worker holds up nothing but itself. Figures in snapshots are
 * approximate while tasks run.
 */
public final class ProcessWorkerPool extends AbstractWorkerPool {
    /** The largest worker count. */
    public static final int MAX_WORKERS = 64;

    /** The kind's registry entry. */
    public static final class Kind implements PoolKind {
        @Override public String name() { return "process"; }
        @Override public String description() { return "worker JVM processes fed over pipes (crash-isolated)"; }
        @Override public int maxWorkers() { return MAX_WORKERS; }
        @Override public int order() { return 40; }
        @Override public boolean usesProcesses() { return true; }
        @Override public boolean ordersQueue() { return true; }
        @Override public WorkerPool create(PoolConfig config) { return new ProcessWorkerPool(config); }
    }

    private final ProcessPoolSettings settings;
    private final WorkerLauncher launcher;
    private final WorkerSupervisor sup;
    private final ReentrantLock lock;
    private final long timeoutNanos;
    private final WorkerReports reports;
    private final TaskAdmission admission;

    /** Creates the pool with default settings and waits until every worker is ready. */
    public ProcessWorkerPool(PoolConfig config) {
        this(config, ProcessPoolSettings.defaults());
    }

    /**
     * Creates the pool and waits until every worker has reported ready.
     *
     * @throws WorkerStartException if workers cannot start (after bounded retries),
     *         with the failing worker's own error output; no process is left behind
     */
    public ProcessWorkerPool(PoolConfig config, ProcessPoolSettings settings) {
        this(config, settings, System.getProperty("java.class.path"));
    }

    /** A pool whose workers run on {@code classPath} (tests give a class path of jars, as the packaged app has). */
    ProcessWorkerPool(PoolConfig config, ProcessPoolSettings settings, String classPath) {
        super("process", config, MAX_WORKERS);
        checkWorkers(config.workers());
        this.settings = settings;
        this.timeoutNanos = config.taskTimeout().toNanos();
        this.launcher = new WorkerLauncher(settings, config.workerJvmOptions(), config.workerInitializer(),
                settings.heartbeatInterval().toMillis(), classPath);
        TaskCodec codec = new TaskCodec(SerialFilter.forResults(settings.serialFilterPatterns()));
        this.sup = new WorkerSupervisor(this, settings, launcher, codec, timeoutNanos, config.maxTasksPerWorker());
        this.lock = sup.lock;
        this.reports = new WorkerReports(sup);
        this.admission = new TaskAdmission(sup);
        Thread watchdog = WorkerSupervisor.daemon(new Watchdog(sup.live, settings, timeoutNanos, () -> sup.terminated,
                sup::checkDeadlines), "process-pool-watchdog");
        WorkerReaper.register(this);
        lock.lock();
        try {
            sup.target = config.workers();
            for (int i = 0; i < sup.target; i++) {
                sup.addSlot();
            }
        } finally {
            lock.unlock();
        }
        watchdog.start();
        awaitReady();
    }

    private void awaitReady() {
        WorkerStartException failure = sup.spawner.awaitReady();
        if (failure != null) {
            shutdownNow();
            try {
                awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw failure;
        }
    }

    WorkerRecorder metricsRecorder(int slot) {
        return metrics.addWorker("process-" + slot, false, slot);
    }

    /** Called by the supervisor once the pool has terminated. */
    void terminatedNow() {
        releaseTimer();
        WorkerReaper.unregister(this);
    }

    void markStoppedForExit() {
        markStoppedNow();
    }

    // ------------------------------------------------------------------ submitting

    @Override
    protected <T> RunnableFuture<T> newTaskFor(Runnable runnable, T value) {
        return newTask(new LocalResult<>(runnable, value));
    }

    @Override
    protected void dispatch(ObservedTask<?> task) {
        switch (admission.admit(task, config.queueCapacity())) {
            case QUEUED -> { }
            case START_FAILED -> task.failRemote(sup.startFailure);
            case TERMINATED -> throw rejected(task, "pool 'process' is terminated");
            case FULL -> saturated(task);
        }
    }

    @Override
    protected boolean offerQueued(ObservedTask<?> task, long nanos) throws InterruptedException {
        return admission.offer(task, config.queueCapacity(), nanos);
    }

    @Override
    protected ObservedTask<?> pollOldestQueued() {
        return admission.pollOldest();
    }

    /** A cancelled task that a worker holds is skipped there, or interrupted if it runs (cancel(true)). */
    @Override
    protected void onTaskEnded(ObservedTask<?> task) {
        if (task.isCancelled() && task.started()) {
            sup.cancelled(task);
        }
    }

    // ------------------------------------------------------------------ sizing and life cycle

    @Override
    public int workers() {
        lock.lock();
        try {
            return sup.target;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int liveWorkers() {
        return sup.live.size();
    }

    @Override
    public void resize(int workers) {
        checkWorkers(workers);
        List<Runnable> after = new ArrayList<>();
        lock.lock();
        try {
            if (sup.shutdown) {
                throw new RejectedExecutionException("pool 'process' is shut down");
            }
            sup.resize(workers);
            sup.pump(after);
        } finally {
            lock.unlock();
            after.forEach(Runnable::run);
        }
    }

    /** Replies from a worker often arrive within microseconds: callers spin up to 50 µs before they park. */
    @Override
    protected long spinBeforeParkNanos() {
        return 50_000;
    }

    @Override
    public void shutdown() {
        List<Runnable> after = new ArrayList<>();
        lock.lock();
        try {
            sup.shutdown = true;
            sup.pump(after);
        } finally {
            lock.unlock();
            after.forEach(Runnable::run);
        }
    }

    /**
     * {@inheritDoc} The tasks returned were never sent to a worker; tasks a
     * worker held may have started, so they are cancelled, not returned, and
     * their workers are killed.
     */
    @Override
    public List<Runnable> shutdownNow() {
        markStoppedNow();
        List<Runnable> never = new ArrayList<>();
        List<ObservedTask<?>> held = new ArrayList<>();
        lock.lock();
        try {
            sup.drainNow(never, held);
            sup.completing();
        } finally {
            lock.unlock();
        }
        try {
            for (ObservedTask<?> t : held) {
                t.cancel(false);
            }
            return handBack(never);
        } finally {
            sup.completed();
        }
    }

    @Override
    public boolean isShutdown() {
        return sup.shutdown;
    }

    @Override
    public boolean isTerminated() {
        return sup.terminated;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return awaitUnder(lock, sup.changed, () -> sup.terminated, unit.toNanos(timeout));
    }

    // ------------------------------------------------------------------ the dashboard's controls and reports

    /**
     * Kills the current process of a worker slot, as a user would from outside
     * (the dashboard's "kill worker" button). The task it was running fails
     * with a {@link WorkerCrashedException}; the slot gets a new process.
     *
     * @return the killed process's id, or -1 if the slot has no live process
     * @throws NoSuchElementException if there is no such slot
     */
    @Override
    public boolean killsWorkers() {
        return true;
    }

    @Override
    public long killWorker(int id) {
        return reports.killWorker(id);
    }

    /** The ids of the current (not retired) worker slots. */
    public List<Integer> workerIds() {
        return reports.ids();
    }

    /** The process ids of the live worker processes. */
    public List<Long> workerPids() {
        return reports.pids();
    }

    /** Snapshots of the current worker slots: state, PID, tasks, restarts, CPU, RSS, start-up. Busy fraction is -1 here. */
    public List<WorkerSnapshot> workerSnapshots() {
        return reports.snapshots();
    }

    /** The last lines of a worker slot's current process log (what its tasks printed, JVM warnings). */
    public List<String> workerLog(int id) {
        return reports.log(id);
    }

    @Override
    public List<WorkerDetail> workerDetails() {
        return reports.details();
    }

    @Override
    public List<String> notes() {
        return reports.notes(timeoutNanos, settings.cancelGrace());
    }

    /** The supervisor's lock: a test holds it to keep a worker's replies from being handled while it kills the worker. */
    ReentrantLock supervisorLock() {
        return lock;
    }

    /** The settings this pool runs with. */
    public ProcessPoolSettings settings() {
        return settings;
    }

    /** The class-data archive (or AOT cache) the workers use or record, or null if they use none. */
    String cdsArchive() {
        return launcher.cdsArchive();
    }

    /** The worker JVM command (without per-worker arguments). */
    public List<String> workerCommand() {
        return launcher.command();
    }

    // ------------------------------------------------------------------ bulk operations in chunks

    /**
     * The chunk size {@link #map(TaskFunction, List)} uses for {@code n} items:
     * {@code ceil(n / (4 * workers))}, like Python's {@code Pool.map}.
     */
    public int autoChunkSize(int n) {
        return ChunkedMap.autoChunkSize(n, workers());
    }

    /** {@inheritDoc} Sends the items in chunks of {@link #autoChunkSize(int)}. */
    @Override
    public <T, R> List<R> map(TaskFunction<? super T, ? extends R> fn, List<? extends T> items)
            throws InterruptedException, ExecutionException {
        return map(fn, items, autoChunkSize(items.size()));
    }

    /**
     * {@link #map(TaskFunction, List)} with a given chunk size: each task
     * carries {@code chunkSize} items, so bulk work does not pay one round trip
     * per item. Results in input order.
     */
    public <T, R> List<R> map(TaskFunction<? super T, ? extends R> fn, List<? extends T> items, int chunkSize)
            throws InterruptedException, ExecutionException {
        return ChunkedMap.map(this, fn, items, chunkSize);
    }

    /** {@inheritDoc} Each group of {@code size} items is one task in a worker. */
    @Override
    public <T, R> List<R> batch(TaskFunction<? super T, ? extends R> fn, List<? extends T> items, int size)
            throws InterruptedException, ExecutionException {
        if (size < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, was " + size);
        }
        return map(fn, items, size);
    }

    /** {@inheritDoc} Sends the pairs in chunks of {@link #autoChunkSize(int)}. */
    @Override
    public <A, B, R> List<R> starmap(TaskBiFunction<? super A, ? super B, ? extends R> fn,
                                     List<? extends Map.Entry<? extends A, ? extends B>> pairs)
            throws InterruptedException, ExecutionException {
        return ChunkedMap.starmap(this, fn, pairs, autoChunkSize(pairs.size()));
    }

    @Override
    public String toString() {
        return "ProcessWorkerPool[" + reports.describe() + ", " + metrics + "]";
    }
}
