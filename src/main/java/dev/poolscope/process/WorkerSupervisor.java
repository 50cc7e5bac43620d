package dev.poolscope.process;

import dev.poolscope.metrics.WorkerState;
import dev.poolscope.pool.ObservedTask;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The process pool's bookkeeping under one lock: the queue of tasks not yet
 * sent, the worker slots, and what each worker process holds. It sends tasks
 * to workers ({@link #pump}) and winds the pool down; its parts settle
 * replies ({@link ReplySettler}), the tasks of a worker that died
 * ({@link WorkerDeaths}), cancel marks and deadlines ({@link HeldTasks}) and
 * resizes ({@link WorkerResizer}). It never
 * writes to a pipe under its lock: frames go into each worker's
 * {@link ChannelWriter}, which writes them once the lock is released.
 *
 * <h2>Exactly once</h2>
 * A worker runs the tasks sent to it one at a time, in order, and flushes
 * each reply before it starts the next; a channel's reader reads every byte
 * the worker wrote before the worker's death is handled. So when a worker
 * dies, every reply it sent has been counted, and of the tasks it still
 * holds only the first may have started: that one fails with a
 * {@link WorkerCrashedException} (or stays as it was settled: timed out,
 * cancelled); the rest provably never started and go back to the front of
 * the queue. Short built-in workload tasks may share a batch
 * ({@link DispatchPolicy}, {@link Frames#CONTINUES_BATCH}): the worker
 * flushes replies only before the first task of each batch, so every
 * unanswered task of the first batch may have started and fails with it.
 *
 * <p>Completions decided under the lock are run after it is released
 * (the {@code after} lists), and counted in {@link #completing} meanwhile so
 * the pool does not report itself terminated before they are done.
 */
final class WorkerSupervisor {
    final ReentrantLock lock = new ReentrantLock();
    final Condition changed = lock.newCondition();
    final PendingTasks queue = new PendingTasks();
    final List<WorkerSlot> slots = new ArrayList<>();
    final List<WorkerSlot> retiredSlots = new ArrayList<>();
    final CopyOnWriteArrayList<WorkerChannel> live = new CopyOnWriteArrayList<>();
    final ProcessWorkerPool pool;
    final ProcessPoolSettings settings;
    private final WorkerLauncher launcher;
    private final TaskCodec codec;
    private final DispatchPolicy policy;
    final WorkerSpawner spawner;
    final long timeoutNanos;
    private final int maxTasksPerWorker;
    private final AtomicInteger completing = new AtomicInteger();
    final WorkerDeaths deaths = new WorkerDeaths(this);
    private final HeldTasks held = new HeldTasks(this);
    private final ReplySettler settler = new ReplySettler(this);
    private final WorkerResizer resizer = new WorkerResizer(this);
    int nextSlotId;
    int target;
    volatile boolean shutdown;
    volatile boolean terminated;
    WorkerStartException startFailure;
    int consecutiveStartFailures;
    long cancelledWhileRunning;

    WorkerSupervisor(ProcessWorkerPool pool, ProcessPoolSettings settings, WorkerLauncher launcher, TaskCodec codec,
                     long timeoutNanos, int maxTasksPerWorker) {
        this.pool = pool;
        this.settings = settings;
        this.launcher = launcher;
        this.codec = codec;
        this.timeoutNanos = timeoutNanos;
        this.maxTasksPerWorker = maxTasksPerWorker;
        this.policy = new DispatchPolicy(settings.pipelineDepth(), settings.pipelineBelow().toNanos());
        this.spawner = new WorkerSpawner(this, launcher, codec);
    }

    static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Adds a slot and starts its first process. Under the lock. */
    WorkerSlot addSlot() {
        WorkerSlot s = new WorkerSlot(nextSlotId, pool.metricsRecorder(nextSlotId));
        nextSlotId++;
        slots.add(s);
        s.show(WorkerState.STARTING);
        requestSpawn(s);
        return s;
    }

    int readyCount() {
        int n = 0;
        for (WorkerSlot s : slots) {
            WorkerChannel c = s.channel;
            if (c != null && c.handshaken() && !c.broken()) {
                n++;
            }
        }
        return n;
    }

    /** True if a task could be sent at once. Under the lock. */
    boolean hasRoom() {
        return policy.pick(slots) >= 0;
    }

    /** Encodes a task for sending, or fails it and returns null. */
    TaskCodec.EncodedTask encode(ObservedTask<?> task) {
        return codec.encode(task);
    }

    /** See {@link WorkerResizer#resize}. Under the lock. */
    void resize(int workers) {
        resizer.resize(workers);
    }

    // ------------------------------------------------------------------ sending (under the lock)

    /**
     * Sends queued tasks to workers with room, flushes where a worker runs low, then winds down idle workers.
     * Frames only go into the workers' outboxes here; {@code after} gets the writes, run once the lock is released.
     */
    void pump(List<Runnable> after) {
        while (!queue.isEmpty()) {
            int i = policy.pick(slots);
            if (i < 0) {
                break;
            }
            WorkerSlot s = slots.get(i);
            WorkerChannel c = s.channel;
            TaskCodec.EncodedTask j = queue.next();
            if (!j.task().beginRemote()) {
                continue; // cancelled while queued
            }
            if (c.writer.send(j, j.batchable() && policy.batches(s.avgServiceNanos))) {
                after.add(c.writer.kicker);
            }
            c.unflushed++;
            c.inFlight.addLast(j);
            c.sent++;
            if (c.inFlight.size() == 1) {
                c.headSince = System.nanoTime();
                s.recorder.taskStarted(j.task().id(), c.headSince);
            }
            if (recycled(c)) {
                c.moveTo(WorkerChannel.Phase.DRAINING);
            }
            showState(s);
        }
        for (WorkerSlot s : slots) {
            WorkerChannel c = s.channel;
            if (c != null && policy.shouldFlush(c.inFlight.size(), c.unflushed, s.avgServiceNanos)) {
                c.unflushed = 0;
                if (c.writer.flush()) {
                    after.add(c.writer.kicker);
                }
            }
        }
        windDown(after);
        changed.signalAll();
    }

    boolean recycled(WorkerChannel c) {
        return maxTasksPerWorker > 0 && c.sent >= maxTasksPerWorker;
    }

    /** Closes the input of drained workers that are recycling, retiring or no longer needed. */
    private void windDown(List<Runnable> after) {
        boolean idleOut = shutdown && queue.isEmpty();
        for (WorkerSlot s : slots) {
            WorkerChannel c = s.channel;
            if (c == null || !c.inFlight.isEmpty()) {
                continue;
            }
            WorkerChannel.Phase phase = c.phase();
            boolean draining = phase == WorkerChannel.Phase.DRAINING;
            if ((phase == WorkerChannel.Phase.READY || draining) && (draining || s.retiring() || idleOut)
                    && c.moveTo(WorkerChannel.Phase.CLOSING)) {
                if (draining && !s.retiring() && !idleOut) {
                    s.show(WorkerState.RECYCLING);
                }
                if (c.writer.close()) {
                    after.add(c.writer.kicker);
                }
            }
        }
        maybeTerminate();
    }

    void showState(WorkerSlot s) {
        WorkerChannel c = s.channel;
        if (s.retired()) {
            s.show(WorkerState.RETIRED);
        } else if (c == null) {
            s.show(WorkerState.DEAD);
        } else if (!c.handshaken()) {
            s.show(WorkerState.STARTING);
        } else if (recycled(c) && c.inFlight.isEmpty()) {
            s.show(WorkerState.RECYCLING);
        } else {
            s.show(c.inFlight.isEmpty() ? WorkerState.IDLE : WorkerState.BUSY);
        }
    }

    void maybeTerminate() {
        if (shutdown && !terminated && queue.isEmpty() && live.isEmpty() && spawner.idle() && completing.get() == 0) {
            terminated = true;
            for (WorkerSlot s : slots) {
                s.moveTo(WorkerSlot.Standing.RETIRED);
                s.recorder.retire();
                s.show(WorkerState.RETIRED);
            }
            retiredSlots.addAll(slots);
            slots.clear();
            pool.terminatedNow();
            spawner.close();
            changed.signalAll();
        }
    }

    /** Wraps a completion decided under the lock and run after it. Call under the lock. */
    Runnable completion(Runnable r) {
        completing.incrementAndGet();
        return () -> {
            try {
                r.run();
            } finally {
                completed();
            }
        };
    }

    /** Counts a completion begun under the lock; pair with {@link #completed()}. */
    void completing() {
        completing.incrementAndGet();
    }

    void completed() {
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

    /** Starts a process for the slot on the spawner thread. Under the lock. */
    void requestSpawn(WorkerSlot s) {
        spawner.requestSpawn(s);
    }

    /** The handshake arrived: the worker takes tasks. */
    void ready(WorkerChannel c) {
        spawner.ready(c);
    }

    /** See {@link ReplySettler#replies}. A channel's reader, without the lock. */
    void replies(WorkerChannel c, List<TaskCodec.Reply> replies) throws ProtocolException {
        settler.replies(c, replies);
    }

    /** Called by a channel's reader once the worker's output has ended and its process exited. */
    void died(WorkerChannel c, int code) {
        launcher.archiveWorkerExited(c.process, code); // the worker that recorded the class-data archive puts it in place
        deaths.died(c, code);
    }

    /** See {@link HeldTasks#cancelled}. */
    void cancelled(ObservedTask<?> t) {
        held.cancelled(t);
    }

    /** See {@link HeldTasks#checkDeadlines}. */
    void checkDeadlines(long now) {
        held.checkDeadlines(now);
    }

    /** See {@link HeldTasks#drainNow}. */
    void drainNow(List<Runnable> never, List<ObservedTask<?>> running) {
        held.drainNow(never, running);
    }

    void retire(WorkerSlot s) {
        if (s.moveTo(WorkerSlot.Standing.RETIRED)) {
            s.recorder.retire();
            s.show(WorkerState.RETIRED);
            slots.remove(s);
            retiredSlots.add(s);
        }
    }

}
