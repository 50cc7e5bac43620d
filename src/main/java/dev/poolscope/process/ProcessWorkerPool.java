package dev.poolscope.process;

import dev.poolscope.metrics.Outcome;
import dev.poolscope.metrics.WorkerRecorder;
import dev.poolscope.metrics.WorkerSnapshot;
import dev.poolscope.metrics.WorkerState;
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

import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectInputFilter;
import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
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
 * which task was running: that task fails with a {@link WorkerCrashedException}
 * naming the worker, PID, phase and exit code or signal (or ends as timed
 * out); the tasks queued behind it in the dead worker never started and go
 * back to the front of the pool's queue. Every task ends exactly once. The
 * slot gets a new process, so the pool returns to full size.
 *
 * <h2>Threads</h2>
 * Per worker process: one reader of its frames and one reader of its log.
 * Per pool: a watchdog (start, heartbeat and task deadlines) and a spawner.
 * Tasks are written to workers by whichever thread frees or fills a place
 * (the submitter or a reader), under the pool's lock. Figures in snapshots
 * are approximate while tasks run.
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
        @Override public WorkerPool create(PoolConfig config) { return new ProcessWorkerPool(config); }
    }

    /** A task ready to send: its frame type and body after the task id. */
    private record Job(ObservedTask<?> task, int type, byte[] body) {
    }

    /** One worker slot: a place in the pool that runs one process at a time. */
    private final class Slot {
        final int id;
        final WorkerRecorder recorder;
        WorkerProcess proc;
        boolean retiring;
        boolean retired;
        int restarts;
        long tasks;
        long lastPid = -1;
        double avgServiceNanos;
        final List<Double> startups = new ArrayList<>();
        final List<String> exitReasons = new ArrayList<>();
        WorkerState shown;

        Slot(int id) {
            this.id = id;
            this.recorder = metrics.addWorker("process-" + id, false);
        }

        void show(WorkerState s) {
            if (s != shown) {
                shown = s;
                recorder.setState(s);
            }
        }
    }

    /** One worker process (an incarnation of a slot). Mutable fields are guarded by the pool lock unless volatile. */
    private final class WorkerProcess {
        final Slot slot;
        final Process process;
        final long pid;
        final java.io.DataOutputStream out;
        final LogTail log = new LogTail(settings.logLines());
        /** When the pool began to start this process (before {@code ProcessBuilder.start}). */
        final long spawnNanos;
        final ArrayDeque<Job> inFlight = new ArrayDeque<>();
        volatile boolean ready;
        volatile long lastHeardNanos;
        volatile String killReason;
        volatile long cpuNanos = -1;
        volatile long rssBytes = -1;
        double startupMillis = -1;
        long headSince;
        long sent;
        boolean closing;
        boolean recycling;
        boolean dead;
        /** Frames written to the buffer but not yet flushed to the worker. */
        int unflushed;
        /** The running task was already settled (timed out): every task still held never started. */
        boolean headGone;

        WorkerProcess(Slot slot, Process process, long spawnNanos) {
            this.slot = slot;
            this.spawnNanos = spawnNanos;
            this.lastHeardNanos = spawnNanos;
            this.process = process;
            this.pid = process.pid();
            this.out = new java.io.DataOutputStream(new java.io.BufferedOutputStream(process.getOutputStream(), 1 << 16));
        }

        boolean acceptsWork() {
            return ready && !dead && !closing && !recycling && killReason == null && !slot.retiring;
        }

        @Override
        public String toString() {
            return "worker " + slot.id + " (pid " + pid + ")";
        }
    }

    private final ProcessPoolSettings settings;
    private final WorkerLauncher launcher;
    private final ObjectInputFilter filter;
    private final long timeoutNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Job> queue = new ArrayDeque<>();
    private final List<Slot> slots = new ArrayList<>();
    private final List<Slot> retiredSlots = new ArrayList<>();
    private final CopyOnWriteArrayList<WorkerProcess> live = new CopyOnWriteArrayList<>();
    private final ExecutorService spawner;
    private final Thread watchdog;
    private int nextSlotId;
    private int target;
    private int pendingSpawns;
    private int rotate;
    private volatile boolean shutdown;
    /** Task completions decided under the lock and not yet done outside it; termination waits for them. */
    private final java.util.concurrent.atomic.AtomicInteger completing = new java.util.concurrent.atomic.AtomicInteger();
    private volatile boolean terminated;
    private WorkerStartException startFailure;
    private int consecutiveStartFailures;
    private long cancelledWhileRunning;

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
        super("process", config, MAX_WORKERS);
        checkWorkers(config.workers());
        this.settings = settings;
        this.filter = SerialFilter.create(settings.serialFilterPatterns());
        this.timeoutNanos = config.taskTimeout().toNanos();
        this.launcher = new WorkerLauncher(settings, config.workerJvmOptions(), config.workerInitializer(),
                settings.heartbeatInterval().toMillis());
        this.spawner = Executors.newSingleThreadExecutor(r -> daemon(r, "process-pool-spawner"));
        this.watchdog = daemon(this::watch, "process-pool-watchdog");
        Reaper.register(this);
        lock.lock();
        try {
            target = config.workers();
            for (int i = 0; i < target; i++) {
                Slot s = new Slot(nextSlotId++);
                slots.add(s);
                s.show(WorkerState.STARTING);
                requestSpawn(s);
            }
        } finally {
            lock.unlock();
        }
        watchdog.start();
        awaitReady();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + settings.startTimeout().toNanos() * (settings.maxStartFailures() + 1L);
        WorkerStartException failure;
        lock.lock();
        try {
            while (startFailure == null && readyCount() < target) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    startFailure = new WorkerStartException("process pool: only " + readyCount() + " of " + target
                            + " workers became ready in time", List.of());
                    break;
                }
                changed.awaitNanos(left);
            }
            failure = startFailure;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = new WorkerStartException("interrupted while waiting for workers to start", List.of());
        } finally {
            lock.unlock();
        }
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

    private int readyCount() {
        int n = 0;
        for (Slot s : slots) {
            if (s.proc != null && s.proc.ready) {
                n++;
            }
        }
        return n;
    }

    // ------------------------------------------------------------------ submitting

    @Override
    protected <T> RunnableFuture<T> newTaskFor(Runnable runnable, T value) {
        return newTask(new RunnableCall<>(runnable, value));
    }

    /** A runnable and a result as a callable that can be serialized if the runnable can. */
    private record RunnableCall<T>(Runnable runnable, T value) implements Callable<T>, Serializable {
        @Override
        public T call() {
            runnable.run();
            return value;
        }
    }

    /** Encodes a task for sending, or fails it (not serializable) and returns null. */
    private Job encode(ObservedTask<?> task) {
        Callable<?> c = task.callable();
        if (c instanceof WorkloadTask w) {
            FrameBuffer b = new FrameBuffer(64);
            b.putString(w.workload()).putInt(w.params().size());
            for (Map.Entry<String, String> e : new TreeMap<>(w.params()).entrySet()) {
                b.putString(e.getKey()).putString(e.getValue());
            }
            b.putLong(w.seed()).putLong(w.index());
            return new Job(task, Frames.RUN_WORKLOAD, b.toByteArray());
        }
        try {
            byte[] data = WireValues.serialize(c);
            if (data.length > Frames.MAX_FRAME - 64) {
                task.failRemote(new IOException("task of type " + c.getClass().getName() + " is " + data.length
                        + " bytes serialized, more than the frame limit of " + Frames.MAX_FRAME + " bytes"));
                return null;
            }
            FrameBuffer b = new FrameBuffer(data.length + 8).putBlob(data);
            return new Job(task, Frames.RUN_OBJECT, b.toByteArray());
        } catch (IOException | RuntimeException e) {
            NotSerializableException ex = new NotSerializableException("task of type " + c.getClass().getName()
                    + " cannot be sent to a worker process: " + e
                    + " (use a TaskCallable lambda or a Serializable class whose captured values are serializable)");
            ex.initCause(e);
            task.failRemote(ex);
            return null;
        }
    }

    @Override
    protected void dispatch(ObservedTask<?> task) {
        Job job = encode(task);
        if (job == null) {
            return;
        }
        List<Runnable> after = new ArrayList<>();
        WorkerStartException failed;
        boolean over;
        boolean full = false;
        lock.lock();
        try {
            failed = startFailure;
            over = terminated;
            if (failed == null && !over) {
                if (queue.size() < config.queueCapacity() || pick() != null) {
                    queue.addLast(job);
                    pump(after);
                } else {
                    full = true;
                }
            }
        } finally {
            lock.unlock();
        }
        after.forEach(Runnable::run);
        if (failed != null) {
            task.failRemote(failed);
        } else if (over) {
            throw rejected(task, "pool 'process' is terminated");
        } else if (full) {
            saturated(task);
        }
    }

    @Override
    protected boolean offerQueued(ObservedTask<?> task, long nanos) throws InterruptedException {
        Job job = encode(task);
        if (job == null) {
            return true; // failed at once: handled
        }
        List<Runnable> after = new ArrayList<>();
        lock.lock();
        try {
            while (queue.size() >= config.queueCapacity() && pick() == null) {
                if (nanos <= 0 || shutdown) {
                    return false;
                }
                nanos = changed.awaitNanos(nanos);
            }
            queue.addLast(job);
            pump(after);
            return true;
        } finally {
            lock.unlock();
            after.forEach(Runnable::run);
        }
    }

    @Override
    protected ObservedTask<?> pollOldestQueued() {
        lock.lock();
        try {
            Job j = queue.pollFirst();
            return j == null ? null : j.task();
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ dispatching (under the lock)

    /**
     * Tasks a worker may hold now: as many as fit in {@code pipelineBelow} of its
     * average service time (recent tasks weigh most), between 1 and
     * {@code pipelineDepth}; so a worker never holds more than about that much
     * queued work, however short its tasks.
     */
    private int depth(Slot s) {
        if (s.avgServiceNanos == 0) {
            return Math.min(2, settings.pipelineDepth()); // no task timed yet: do not pile work on one worker
        }
        long budget = settings.pipelineBelow().toNanos();
        if (s.avgServiceNanos > budget) {
            return 1;
        }
        return (int) Math.max(1, Math.min(settings.pipelineDepth(), budget / Math.max(1, s.avgServiceNanos)));
    }

    /** The least-loaded worker that can take a task now, or null. */
    private WorkerProcess pick() {
        WorkerProcess best = null;
        int bestIndex = 0;
        int n = slots.size();
        for (int k = 0; k < n; k++) {
            int i = (rotate + k) % n;
            Slot s = slots.get(i);
            WorkerProcess p = s.proc;
            if (p != null && p.acceptsWork() && p.inFlight.size() < depth(s)
                    && (best == null || p.inFlight.size() < best.inFlight.size())) {
                best = p;
                bestIndex = i;
                if (p.inFlight.isEmpty()) {
                    break;
                }
            }
        }
        if (best != null) {
            rotate = bestIndex + 1;
        }
        return best;
    }

    /**
     * Sends queued tasks to workers with room, then winds down workers that are
     * no longer needed. Completions it cannot do under the lock go to {@code after}.
     */
    private void pump(List<Runnable> after) {
        while (!queue.isEmpty()) {
            WorkerProcess p = pick();
            if (p == null) {
                break;
            }
            Job j = queue.pollFirst();
            if (!j.task().beginRemote()) {
                continue; // cancelled while queued
            }
            if (!write(p, j)) {
                queue.addFirst(j);
                continue;
            }
            p.unflushed++;
            p.inFlight.addLast(j);
            p.sent++;
            if (p.inFlight.size() == 1) {
                p.headSince = System.nanoTime();
                p.slot.recorder.taskStarted(j.task().id(), p.headSince);
            }
            if (config.maxTasksPerWorker() > 0 && p.sent >= config.maxTasksPerWorker()) {
                p.recycling = true;
            }
            showState(p.slot);
        }
        // Flush where the worker would otherwise run low: while it still holds half its
        // depth of sent tasks (at least two), further ones wait in the buffer and go out
        // together at a later reply, so writes are batched yet the worker never runs dry
        // while its next batch is in transit.
        for (Slot s : slots) {
            WorkerProcess p = s.proc;
            if (p != null && p.unflushed > 0 && p.inFlight.size() - p.unflushed < Math.max(2, depth(s) / 2)) {
                p.unflushed = 0;
                try {
                    p.out.flush();
                } catch (IOException e) {
                    breakWorker(p, "could not write to the worker: " + e.getMessage());
                }
            }
        }
        windDown();
        changed.signalAll();
    }

    private boolean write(WorkerProcess p, Job j) {
        try {
            p.out.writeInt(1 + 8 + j.body().length);
            p.out.writeByte(j.type());
            p.out.writeLong(j.task().id());
            p.out.write(j.body());
            return true;
        } catch (IOException e) {
            breakWorker(p, "could not write to the worker: " + e.getMessage());
            return false;
        }
    }

    /** Closes the channels of drained workers that are recycling, retiring or no longer needed. */
    private void windDown() {
        boolean idleOut = shutdown && queue.isEmpty();
        for (Slot s : slots) {
            WorkerProcess p = s.proc;
            if (p != null && p.ready && !p.closing && !p.dead && p.inFlight.isEmpty()
                    && (p.recycling || s.retiring || idleOut)) {
                p.closing = true;
                if (p.recycling && !s.retiring && !idleOut) {
                    s.show(WorkerState.RECYCLING);
                }
                try {
                    p.out.close();
                } catch (IOException e) {
                    // the worker is gone already; its reader will see the end
                }
            }
        }
        maybeTerminate();
    }

    private void showState(Slot s) {
        WorkerProcess p = s.proc;
        if (s.retired) {
            s.show(WorkerState.RETIRED);
        } else if (p == null) {
            s.show(WorkerState.DEAD);
        } else if (!p.ready) {
            s.show(WorkerState.STARTING);
        } else if (p.recycling && p.inFlight.isEmpty()) {
            s.show(WorkerState.RECYCLING);
        } else {
            s.show(p.inFlight.isEmpty() ? WorkerState.IDLE : WorkerState.BUSY);
        }
    }

    private void maybeTerminate() {
        if (shutdown && !terminated && queue.isEmpty() && live.isEmpty() && pendingSpawns == 0 && completing.get() == 0) {
            terminated = true;
            for (Slot s : slots) {
                s.retired = true;
                s.recorder.retire();
                s.show(WorkerState.RETIRED);
            }
            retiredSlots.addAll(slots);
            slots.clear();
            releaseTimer();
            spawner.shutdown();
            Reaper.unregister(this);
            changed.signalAll();
        }
    }

    /**
     * Wraps a task completion that is decided under the lock but run after it,
     * so the pool does not report itself terminated before the completion is done.
     * Call under the lock.
     */
    private Runnable completion(Runnable r) {
        completing.incrementAndGet();
        return () -> {
            try {
                r.run();
            } finally {
                completed();
            }
        };
    }

    private void completed() {
        if (completing.decrementAndGet() == 0 && shutdown) {
            lock.lock();
            try {
                maybeTerminate();
            } finally {
                lock.unlock();
            }
        }
    }

    // ------------------------------------------------------------------ worker processes

    private void requestSpawn(Slot s) {
        pendingSpawns++;
        spawner.execute(() -> spawn(s));
    }

    private void spawn(Slot s) {
        Process process = null;
        IOException error = null;
        boolean abandon;
        lock.lock();
        try {
            abandon = stoppedNow() || s.retired || startFailure != null;
        } finally {
            lock.unlock();
        }
        long launchNanos = System.nanoTime();
        if (!abandon) {
            try {
                process = launcher.start(s.id);
            } catch (IOException e) {
                error = e;
            }
        }
        List<Runnable> after = new ArrayList<>();
        WorkerProcess p = null;
        lock.lock();
        try {
            pendingSpawns--;
            if (process == null) {
                if (error != null) {
                    startFailed(s, "could not start a JVM: " + error.getMessage(), List.of(), after);
                }
                maybeTerminate();
                return;
            }
            p = new WorkerProcess(s, process, launchNanos);
            s.proc = p;
            s.lastPid = p.pid;
            live.add(p);
            Reaper.add(process);
            s.recorder.setProcessFigures(p.pid, -1, -1, -1);
            s.show(WorkerState.STARTING);
            if (stoppedNow() || s.retired) {
                p.killReason = stoppedNow() ? "pool shut down now" : "retired while starting (pool shrank)";
                process.destroyForcibly();
            }
        } finally {
            lock.unlock();
            after.forEach(Runnable::run);
        }
        WorkerProcess wp = p;
        daemon(() -> wp.log.drain(wp.process.getErrorStream()), "process-worker-" + s.id + "-log").start();
        daemon(() -> read(wp), "process-worker-" + s.id + "-reader").start();
    }

    /** A reader thread: handshake, then frames until the worker's output ends, then the death. */
    private void read(WorkerProcess p) {
        java.io.DataInputStream in = new java.io.DataInputStream(
                new java.io.BufferedInputStream(p.process.getInputStream(), 1 << 16));
        FrameBuffer b = new FrameBuffer(256);
        try {
            if (handshake(p, in, b)) {
                while (true) {
                    int type = b.readFrame(in, Frames.MAX_FRAME);
                    p.lastHeardNanos = System.nanoTime();
                    switch (type) {
                        case Frames.RESULT, Frames.FAILURE -> reply(p, type, b);
                        case Frames.HEARTBEAT -> heartbeat(p, b);
                        default -> throw new ProtocolException("unexpected frame type " + type);
                    }
                }
            }
        } catch (ProtocolException e) {
            breakWorker(p, "protocol error: " + e.getMessage());
        } catch (IOException e) {
            // end of output: the worker is exiting or dead
        } catch (RuntimeException | Error e) {
            breakWorker(p, "pool error while reading the worker: " + e);
        }
        died(p);
    }

    /**
     * Reads up to the handshake. Both {@link Frames#HELLO} and
     * {@link Frames#INIT_FAILED} carry the magic first, so the reader scans for
     * it; bytes before the frame (a JVM printing to standard output) go to the
     * log. Returns false if the worker reported that its initializer failed.
     */
    private boolean handshake(WorkerProcess p, java.io.DataInputStream in, FrameBuffer b) throws IOException {
        // bytes reach the log 9 behind the input, so the frame header is never logged
        byte[] lag = new byte[9];
        int n = 0;
        long window = 0; // the last 9 bytes: length (4), type (1), magic (4)
        StringBuilder line = new StringBuilder();
        while (true) {
            int c = in.read();
            if (c < 0) {
                for (int i = Math.max(0, n - 9); i < n; i++) {
                    junk(p, line, lag[i % 9]);
                }
                if (!line.isEmpty()) {
                    p.log.add(line.toString());
                }
                throw new java.io.EOFException();
            }
            if (n >= 9) {
                junk(p, line, lag[n % 9]);
            }
            lag[n % 9] = (byte) c;
            window = (window << 8) | c;
            n++;
            if (n >= 9 && (int) window == Frames.MAGIC) {
                break;
            }
        }
        if (!line.isEmpty()) {
            p.log.add(line.toString());
        }
        int type = (int) (window >>> 32) & 0xff;
        int version = in.readInt();
        if (version != Frames.VERSION) {
            throw new ProtocolException("worker speaks protocol version " + version + ", expected " + Frames.VERSION);
        }
        if (type == Frames.INIT_FAILED) {
            int len = in.readInt();
            if (len < 0 || len > (1 << 20)) {
                throw new ProtocolException("bad initializer error length " + len);
            }
            byte[] text = new byte[len];
            in.readFully(text);
            for (String l : new String(text, java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                p.log.add(l);
            }
            p.killReason = "its initializer failed";
            return false;
        }
        if (type != Frames.HELLO) {
            throw new ProtocolException("expected a handshake, got frame type " + type);
        }
        long pid = in.readLong();
        if (pid != p.pid) {
            throw new ProtocolException("handshake names pid " + pid + " but the process is " + p.pid);
        }
        long now = System.nanoTime();
        p.lastHeardNanos = now;
        List<Runnable> after = new ArrayList<>();
        lock.lock();
        try {
            p.ready = true;
            p.startupMillis = (now - p.spawnNanos) / 1e6;
            consecutiveStartFailures = 0;
            Slot s = p.slot;
            keep(s.startups, p.startupMillis);
            s.recorder.setProcessFigures(p.pid, -1, -1, p.startupMillis);
            if (p.killReason == null) {
                showState(s);
            }
            pump(after);
        } finally {
            lock.unlock();
            after.forEach(Runnable::run);
        }
        return true;
    }

    /** One byte a worker wrote to standard output before its handshake: goes to its log, a line at a time. */
    private static void junk(WorkerProcess p, StringBuilder line, byte b) {
        char c = (char) (b & 0xff);
        if (c == '\n') {
            p.log.add(line.toString());
            line.setLength(0);
        } else if (line.length() < LogTail.MAX_LINE) {
            line.append(c >= 0x20 && c < 0x7f || c == '\t' ? c : '?');
        }
    }

    private static <T> void keep(List<T> list, T value) {
        if (list.size() >= 100) {
            list.remove(0);
        }
        list.add(value);
    }

    private void heartbeat(WorkerProcess p, FrameBuffer b) throws ProtocolException {
        long cpu = b.getLong();
        long rss = b.getLong();
        b.getLong(); // heap used: not shown yet
        b.getLong(); // tasks done, as the worker counts them
        b.expectEnd();
        p.cpuNanos = cpu;
        p.rssBytes = rss;
        p.slot.recorder.setProcessFigures(p.pid, cpu, rss, p.startupMillis);
    }

    /** A result or failure frame: completes the head task of this worker. */
    private void reply(WorkerProcess p, int type, FrameBuffer b) throws ProtocolException {
        long id = b.getLong();
        long service = b.getLong();
        Object value = null;
        Throwable failure = null;
        if (type == Frames.RESULT) {
            try {
                value = WireValues.get(b, filter);
            } catch (ProtocolException e) {
                throw e;
            } catch (IOException | ClassNotFoundException | RuntimeException e) {
                failure = new IOException("the pool could not read the task's result: " + e, e);
            }
        } else {
            int kind = b.getByte();
            String rtype = b.getString();
            String message = b.getString();
            String trace = b.getString();
            if (kind > Frames.FAILED_RESULT_UNSENDABLE) {
                throw new ProtocolException("unknown failure kind " + kind);
            }
            failure = new RemoteTaskException(rtype, message, trace, p.slot.id, p.pid);
        }
        b.expectEnd();
        Job done;
        List<Runnable> after = new ArrayList<>();
        lock.lock();
        try {
            Job head = p.inFlight.peekFirst();
            if (p.killReason != null || p.dead) {
                return; // a late reply from a worker being killed: its tasks are settled at its death
            }
            if (head == null || head.task().id() != id) {
                throw new ProtocolException("reply for task " + id + ", which the worker does not hold"
                        + (head == null ? " (it holds none)" : " (it is running task " + head.task().id() + ")"));
            }
            p.inFlight.pollFirst();
            done = head;
            long now = System.nanoTime();
            Slot s = p.slot;
            ObservedTask<?> t = head.task();
            Outcome o = t.isDone() ? t.outcome() : failure == null ? Outcome.SUCCEEDED : Outcome.FAILED;
            if (t.isCancelled()) {
                cancelledWhileRunning++; // the worker ran it to the end anyway; the result is dropped
            }
            s.recorder.taskFinished(t.id(), t.submitNanos(), p.headSince, now, o);
            s.tasks++;
            s.avgServiceNanos = s.avgServiceNanos == 0 ? service : 0.8 * s.avgServiceNanos + 0.2 * service;
            Job next = p.inFlight.peekFirst();
            if (next != null) {
                p.headSince = now;
                s.recorder.taskStarted(next.task().id(), now);
            }
            showState(s);
            completing.incrementAndGet();
            pump(after);
        } finally {
            lock.unlock();
            after.forEach(Runnable::run);
        }
        ObservedTask<?> t = done.task();
        try {
            if (failure == null) {
                t.completeRemote(value);
            } else {
                t.failRemote(failure);
            }
        } finally {
            completed();
        }
    }

    /** Marks a worker broken and kills it; its reader then settles its tasks. */
    private void breakWorker(WorkerProcess p, String reason) {
        if (p.killReason == null) {
            p.killReason = reason;
        }
        p.process.destroyForcibly();
    }

    /** Called by a worker's reader once its output has ended: settles its tasks and replaces it if needed. */
    private void died(WorkerProcess p) {
        int code;
        try {
            if (!p.process.waitFor(5, TimeUnit.SECONDS)) {
                if (p.killReason == null) {
                    p.killReason = "closed its output but did not exit";
                }
                p.process.destroyForcibly();
                p.process.waitFor(10, TimeUnit.SECONDS);
            }
            code = p.process.isAlive() ? -1 : p.process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            code = -1;
        }
        Reaper.remove(p.process);
        try {
            p.out.close();
        } catch (IOException e) {
            // already gone
        }
        launcher.archiveWorkerExited(p.process, code);
        String exit = describeExit(code);
        List<Runnable> after = new ArrayList<>();
        lock.lock();
        try {
            p.dead = true;
            live.remove(p);
            Slot s = p.slot;
            if (s.proc == p) {
                s.proc = null;
            }
            boolean expected = p.closing && p.killReason == null && p.inFlight.isEmpty() && code == 0;
            String reason = p.killReason != null ? p.killReason + " (" + exit + ")" : exit;
            if (!p.ready) {
                if (s.retiring || s.retired || stoppedNow() || shutdown && queue.isEmpty()) {
                    retire(s);
                } else {
                    startFailed(s, reason, p.log.lines(), after); // never became ready
                }
            } else {
                if (!expected) {
                    keep(s.exitReasons, reason);
                } else if (p.recycling) {
                    keep(s.exitReasons, "recycled after " + p.sent + " tasks");
                }
                settle(p, reason, after);
                boolean replace = !s.retiring && !s.retired && startFailure == null && !stoppedNow()
                        && !(shutdown && queue.isEmpty());
                if (replace && (!expected || p.recycling)) {
                    s.restarts++;
                    s.recorder.restarted(expected ? "recycled" : reason);
                }
                if (replace) {
                    s.show(expected ? WorkerState.RECYCLING : WorkerState.DEAD);
                    requestSpawn(s);
                } else if (s.retiring || shutdown) {
                    retire(s);
                }
            }
            pump(after);
        } finally {
            lock.unlock();
            after.forEach(Runnable::run);
        }
    }

    /** Fails the running task of a dead worker and puts the never-started ones back in the queue. */
    private void settle(WorkerProcess p, String reason, List<Runnable> after) {
        Job head = p.headGone ? null : p.inFlight.pollFirst(); // after a timeout the rest never started
        if (head != null) {
            ObservedTask<?> t = head.task();
            long now = System.nanoTime();
            WorkerCrashedException ex = new WorkerCrashedException(p.slot.id, p.pid, "running task " + t.id(),
                    reason, p.log.lines());
            p.slot.recorder.taskFinished(t.id(), t.submitNanos(), p.headSince, now,
                    stoppedNow() ? Outcome.CANCELLED : Outcome.FAILED);
            if (stoppedNow()) {
                after.add(completion(() -> t.cancel(false)));
            } else {
                after.add(completion(() -> t.failRemote(ex)));
            }
        }
        for (Iterator<Job> it = p.inFlight.descendingIterator(); it.hasNext(); ) {
            Job j = it.next();
            if (stoppedNow()) {
                after.add(completion(() -> j.task().cancel(false)));
            } else {
                queue.addFirst(j);
            }
        }
        p.inFlight.clear();
    }

    private void retire(Slot s) {
        if (!s.retired) {
            s.retired = true;
            s.recorder.retire();
            s.show(WorkerState.RETIRED);
            slots.remove(s);
            retiredSlots.add(s);
        }
    }

    /** A worker never became ready. Retries up to the limit, then fails the pool's waiting tasks. */
    private void startFailed(Slot s, String reason, List<String> log, List<Runnable> after) {
        consecutiveStartFailures++;
        keep(s.exitReasons, "did not start: " + reason);
        s.show(WorkerState.DEAD);
        if (startFailure != null || s.retiring || shutdown && queue.isEmpty() || stoppedNow()) {
            if (s.retiring || shutdown) {
                retire(s);
            }
            return;
        }
        if (consecutiveStartFailures >= settings.maxStartFailures()) {
            WorkerStartException ex = new WorkerStartException("process pool: worker " + s.id + " could not start ("
                    + consecutiveStartFailures + " attempts in a row failed; the last one: " + reason + ")", log);
            startFailure = ex;
            List<ObservedTask<?>> waiting = new ArrayList<>();
            for (Job j : queue) {
                waiting.add(j.task());
            }
            queue.clear();
            after.add(completion(() -> waiting.forEach(t -> t.failRemote(ex))));
            changed.signalAll();
            return;
        }
        requestSpawn(s);
    }

    static String describeExit(int code) {
        if (code < 0) {
            return "exit status unknown";
        }
        if (code > 128 && code < 128 + 65) {
            int sig = code - 128;
            return "killed by signal " + sig + signalName(sig) + " (exit code " + code + ")";
        }
        return "exit code " + code;
    }

    private static String signalName(int sig) {
        return switch (sig) {
            case 1 -> " (SIGHUP)";
            case 2 -> " (SIGINT)";
            case 3 -> " (SIGQUIT)";
            case 6 -> " (SIGABRT)";
            case 9 -> " (SIGKILL)";
            case 11 -> " (SIGSEGV)";
            case 15 -> " (SIGTERM)";
            default -> "";
        };
    }

    // ------------------------------------------------------------------ watchdog

    private void watch() {
        long tick = Math.max(TimeUnit.MILLISECONDS.toNanos(10),
                Math.min(TimeUnit.MILLISECONDS.toNanos(50), timeoutNanos > 0 ? timeoutNanos / 10 : Long.MAX_VALUE));
        long startLimit = settings.startTimeout().toNanos();
        long beatLimit = settings.heartbeatTimeout().toNanos();
        while (!terminated) {
            LockSupport.parkNanos(tick);
            long now = System.nanoTime();
            // without the lock: a writer blocked on a frozen worker's full pipe may hold it
            for (WorkerProcess p : live) {
                if (p.killReason != null || p.dead) {
                    continue;
                }
                if (!p.ready && now - p.spawnNanos > startLimit) {
                    breakWorker(p, "no handshake within " + settings.startTimeout().toMillis() + " ms of its start");
                } else if (p.ready && now - p.lastHeardNanos > beatLimit) {
                    breakWorker(p, "frozen: no heartbeat for " + TimeUnit.NANOSECONDS.toMillis(now - p.lastHeardNanos)
                            + " ms (limit " + settings.heartbeatTimeout().toMillis() + " ms)");
                }
            }
            if (timeoutNanos > 0) {
                checkTimeouts(now);
            }
        }
    }

    private void checkTimeouts(long now) {
        List<Runnable> after = new ArrayList<>();
        lock.lock();
        try {
            for (WorkerProcess p : live) {
                Job head = p.inFlight.peekFirst();
                if (head == null || p.killReason != null || p.dead || now - p.headSince <= timeoutNanos) {
                    continue;
                }
                p.inFlight.pollFirst();
                ObservedTask<?> t = head.task();
                String limit = formatMillis(timeoutNanos);
                String why = "task " + t.id() + " ran past its timeout of " + limit;
                p.killReason = why;
                p.slot.recorder.taskFinished(t.id(), t.submitNanos(), p.headSince, now, Outcome.TIMED_OUT);
                String msg = "task ran longer than its timeout of " + limit + "; its worker " + p.slot.id + " (pid "
                        + p.pid + ") was killed and is being replaced";
                p.headGone = true;
                after.add(completion(() -> t.timeOutRemote(msg)));
                after.add(p.process::destroyForcibly);
            }
        } finally {
            lock.unlock();
            after.forEach(Runnable::run);
        }
    }

    private static String formatMillis(long nanos) {
        return nanos % 1_000_000 == 0 ? (nanos / 1_000_000) + " ms" : String.format("%.3f ms", nanos / 1e6);
    }

    // ------------------------------------------------------------------ sizing and life cycle

    @Override
    public int workers() {
        lock.lock();
        try {
            return target;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int liveWorkers() {
        return live.size();
    }

    @Override
    public void resize(int workers) {
        checkWorkers(workers);
        List<Runnable> after = new ArrayList<>();
        lock.lock();
        try {
            if (shutdown) {
                throw new RejectedExecutionException("pool 'process' is shut down");
            }
            target = workers;
            List<Slot> active = new ArrayList<>();
            for (Slot s : slots) {
                if (!s.retiring) {
                    active.add(s);
                }
            }
            int diff = workers - active.size();
            // grow: take back slots that are still draining, then add new ones
            for (Slot s : slots) {
                if (diff > 0 && s.retiring && !s.retired) {
                    s.retiring = false;
                    diff--;
                    if (s.proc == null) {
                        requestSpawn(s);
                    }
                }
            }
            for (; diff > 0; diff--) {
                Slot s = new Slot(nextSlotId++);
                slots.add(s);
                s.show(WorkerState.STARTING);
                requestSpawn(s);
            }
            // shrink: idle workers first, then starting ones, then busy ones (after their tasks)
            if (diff < 0) {
                List<Slot> order = new ArrayList<>(active);
                order.sort(java.util.Comparator.comparingInt(s -> s.proc == null ? 1
                        : s.proc.ready && s.proc.inFlight.isEmpty() ? 0 : !s.proc.ready ? 1 : 2 + s.proc.inFlight.size()));
                for (int i = 0; i < -diff && i < order.size(); i++) {
                    Slot s = order.get(i);
                    s.retiring = true;
                    if (s.proc == null) {
                        retire(s);
                    } else if (!s.proc.ready) {
                        s.proc.killReason = "retired while starting (pool shrank)";
                        s.proc.process.destroyForcibly();
                    }
                }
            }
            pump(after);
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
            shutdown = true;
            pump(after);
        } finally {
            lock.unlock();
            after.forEach(Runnable::run);
        }
    }

    @Override
    public List<Runnable> shutdownNow() {
        markStoppedNow();
        List<Runnable> never = new ArrayList<>();
        List<ObservedTask<?>> running = new ArrayList<>();
        lock.lock();
        try {
            shutdown = true;
            for (Job j : queue) {
                never.add(j.task());
            }
            queue.clear();
            long now = System.nanoTime();
            for (WorkerProcess p : live) {
                Job head = p.inFlight.pollFirst();
                if (head != null) {
                    running.add(head.task());
                    p.slot.recorder.taskFinished(head.task().id(), head.task().submitNanos(), p.headSince, now,
                            Outcome.CANCELLED);
                }
                for (Job j : p.inFlight) {
                    never.add(j.task());
                }
                p.inFlight.clear();
                if (p.killReason == null) {
                    p.killReason = "pool shut down now";
                }
                p.process.destroyForcibly();
            }
            completing.incrementAndGet();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            for (ObservedTask<?> t : running) {
                t.cancel(false);
            }
            return cancelAll(never);
        } finally {
            completed();
        }
    }

    @Override
    public boolean isShutdown() {
        lock.lock();
        try {
            return shutdown;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isTerminated() {
        return terminated;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        return awaitUnder(lock, changed, () -> terminated, unit.toNanos(timeout));
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
    public long killWorker(int id) {
        lock.lock();
        try {
            for (Slot s : slots) {
                if (s.id == id) {
                    WorkerProcess p = s.proc;
                    if (p == null || p.dead) {
                        return -1;
                    }
                    breakWorker(p, "killed on request");
                    return p.pid;
                }
            }
        } finally {
            lock.unlock();
        }
        throw new NoSuchElementException("no worker " + id + " in this pool");
    }

    /** The ids of the current (not retired) worker slots. */
    public List<Integer> workerIds() {
        lock.lock();
        try {
            return slots.stream().map(s -> s.id).toList();
        } finally {
            lock.unlock();
        }
    }

    /** The process ids of the live worker processes. */
    public List<Long> workerPids() {
        return live.stream().filter(p -> !p.dead).map(p -> p.pid).toList();
    }

    /** Snapshots of the current worker slots: state, PID, tasks, restarts, CPU, RSS, start-up. Busy fraction is -1 here. */
    public List<WorkerSnapshot> workerSnapshots() {
        lock.lock();
        try {
            List<WorkerSnapshot> out = new ArrayList<>();
            for (Slot s : slots) {
                WorkerProcess p = s.proc;
                out.add(new WorkerSnapshot(s.id, "process-" + s.id, s.shown, -1, s.tasks, s.restarts,
                        p == null ? s.lastPid : p.pid, p == null ? -1 : p.cpuNanos, p == null ? -1 : p.rssBytes,
                        p == null || p.startupMillis < 0 ? -1 : p.startupMillis));
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    /** The last lines of a worker slot's current process log (what its tasks printed, JVM warnings). */
    public List<String> workerLog(int id) {
        lock.lock();
        try {
            for (Slot s : slots) {
                if (s.id == id && s.proc != null) {
                    return s.proc.log.lines();
                }
            }
            return List.of();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<WorkerDetail> workerDetails() {
        lock.lock();
        try {
            List<Slot> all = new ArrayList<>(retiredSlots);
            all.addAll(slots);
            all.sort(java.util.Comparator.comparingInt(s -> s.id));
            List<WorkerDetail> out = new ArrayList<>();
            for (Slot s : all) {
                long pid = s.proc != null ? s.proc.pid : s.lastPid;
                out.add(new WorkerDetail(s.id, pid, s.tasks, s.restarts, s.startups, s.exitReasons));
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<String> notes() {
        List<Double> startups = new ArrayList<>();
        long restarts = 0;
        for (WorkerDetail d : workerDetails()) {
            startups.addAll(d.startupMillis());
            restarts += d.restarts();
        }
        List<String> notes = new ArrayList<>();
        if (!startups.isEmpty()) {
            startups.sort(null);
            notes.add(String.format("worker start-up to ready: p50 %.1f ms over %d starts", startups.get(startups.size() / 2),
                    startups.size()));
        }
        if (restarts > 0) {
            notes.add(restarts + " worker process(es) replaced (crash, kill, timeout, freeze or recycling)");
        }
        if (timeoutNanos > 0) {
            notes.add("a task past its timeout is stopped by killing its worker process, which is then replaced");
        }
        long cancelled;
        lock.lock();
        try {
            cancelled = cancelledWhileRunning;
        } finally {
            lock.unlock();
        }
        if (cancelled > 0) {
            notes.add(cancelled + " task(s) were cancelled after their worker had started them: the worker ran them"
                    + " to the end and their results were dropped (only a task timeout stops a task in its worker)");
        }
        return notes;
    }

    /** The settings this pool runs with. */
    public ProcessPoolSettings settings() {
        return settings;
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
        return Math.max(1, (int) Math.ceil(n / (4.0 * workers())));
    }

    /** Applies a function to a chunk of items in a worker; results in order. */
    private record ChunkTask<T, R>(TaskFunction<? super T, ? extends R> fn, ArrayList<T> items)
            implements TaskCallable<ArrayList<R>> {
        @Override
        public ArrayList<R> call() throws Exception {
            ArrayList<R> out = new ArrayList<>(items.size());
            for (T item : items) {
                out.add(fn.apply(item));
            }
            return out;
        }

        /** Sends a chunk of Integers as an int[] (much cheaper to serialize than Integer objects). */
        private Object writeReplace() {
            int[] ints = PackedInts.pack(items);
            return ints == null ? this : new PackedChunk<>(fn, ints);
        }
    }

    /** The serialized form of a chunk of Integers. */
    private record PackedChunk<R>(TaskFunction<?, ?> fn, int[] ints) implements Serializable {
        @SuppressWarnings("unchecked")
        private Object readResolve() {
            ArrayList<Object> items = new ArrayList<>(ints.length);
            for (int v : ints) {
                items.add(v);
            }
            return new ChunkTask<>((TaskFunction<Object, Object>) fn, items);
        }
    }

    /** Packs a list of Integers (no nulls) into an int[], or returns null. */
    private static final class PackedInts {
        static int[] pack(List<?> items) {
            int[] out = new int[items.size()];
            for (int i = 0; i < out.length; i++) {
                if (!(items.get(i) instanceof Integer v)) {
                    return null;
                }
                out[i] = v;
            }
            return out;
        }
    }

    /** Applies a two-argument function to a chunk of pairs in a worker. */
    private record StarChunkTask<A, B, R>(TaskBiFunction<? super A, ? super B, ? extends R> fn, ArrayList<A> as,
                                          ArrayList<B> bs) implements TaskCallable<ArrayList<R>> {
        @Override
        public ArrayList<R> call() throws Exception {
            ArrayList<R> out = new ArrayList<>(as.size());
            for (int i = 0; i < as.size(); i++) {
                out.add(fn.apply(as.get(i), bs.get(i)));
            }
            return out;
        }
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
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunk size must be at least 1, was " + chunkSize);
        }
        java.util.Objects.requireNonNull(fn, "fn");
        List<Future<ArrayList<R>>> futures = new ArrayList<>();
        for (int from = 0; from < items.size(); from += chunkSize) {
            ArrayList<T> chunk = new ArrayList<>(items.subList(from, Math.min(items.size(), from + chunkSize)));
            futures.add(submit(new ChunkTask<T, R>(fn, chunk)));
        }
        return flatten(futures, items.size());
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
        java.util.Objects.requireNonNull(fn, "fn");
        int chunkSize = autoChunkSize(pairs.size());
        List<Future<ArrayList<R>>> futures = new ArrayList<>();
        for (int from = 0; from < pairs.size(); from += chunkSize) {
            int to = Math.min(pairs.size(), from + chunkSize);
            ArrayList<A> as = new ArrayList<>(to - from);
            ArrayList<B> bs = new ArrayList<>(to - from);
            for (Map.Entry<? extends A, ? extends B> e : pairs.subList(from, to)) {
                as.add(e.getKey());
                bs.add(e.getValue());
            }
            futures.add(submit(new StarChunkTask<A, B, R>(fn, as, bs)));
        }
        return flatten(futures, pairs.size());
    }

    private static <R> List<R> flatten(List<Future<ArrayList<R>>> futures, int n)
            throws InterruptedException, ExecutionException {
        List<R> results = new ArrayList<>(n);
        try {
            for (Future<ArrayList<R>> f : futures) {
                results.addAll(f.get());
            }
            return results;
        } catch (InterruptedException | ExecutionException | RuntimeException e) {
            futures.forEach(f -> f.cancel(true));
            throw e;
        }
    }

    @Override
    public String toString() {
        lock.lock();
        try {
            int ready = readyCount();
            int holding = 0;
            for (WorkerProcess p : live) {
                holding += p.inFlight.size();
            }
            return "ProcessWorkerPool[workers=" + target + ", ready=" + ready + ", live processes=" + live.size()
                    + ", queued=" + queue.size() + ", in flight=" + holding + ", " + metrics
                    + (terminated ? ", terminated" : shutdown ? ", shutting down" : ", running") + "]";
        } finally {
            lock.unlock();
        }
    }

    // ------------------------------------------------------------------ no worker outlives the JVM

    /** Kills every live worker process when the JVM exits (Ctrl-C included). */
    private static final class Reaper {
        private static final java.util.Set<Process> PROCESSES = java.util.concurrent.ConcurrentHashMap.newKeySet();
        private static final java.util.Set<ProcessWorkerPool> POOLS = java.util.concurrent.ConcurrentHashMap.newKeySet();

        static {
            Runtime.getRuntime().addShutdownHook(new Thread(Reaper::killAll, "process-pool-reaper"));
        }

        static void register(ProcessWorkerPool pool) {
            POOLS.add(pool);
        }

        static void unregister(ProcessWorkerPool pool) {
            POOLS.remove(pool);
        }

        static void add(Process p) {
            PROCESSES.add(p);
        }

        static void remove(Process p) {
            PROCESSES.remove(p);
        }

        private static void killAll() {
            for (ProcessWorkerPool pool : POOLS) {
                pool.markStoppedForExit();
            }
            for (Process p : PROCESSES) {
                p.destroyForcibly();
            }
            for (ProcessWorkerPool pool : POOLS) {
                pool.shutdownNow(); // every task ends (cancelled), so a report printed now adds up
            }
            for (Process p : PROCESSES) {
                try {
                    p.waitFor(2, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private void markStoppedForExit() {
        markStoppedNow();
    }
}
