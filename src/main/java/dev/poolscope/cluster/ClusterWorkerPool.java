package dev.poolscope.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import dev.poolscope.cluster.MemberSlot.Pending;
import dev.poolscope.cluster.MemberSlot.Standing;
import dev.poolscope.pool.AbstractWorkerPool;
import dev.poolscope.pool.ClusterTarget;
import dev.poolscope.pool.ObservedTask;
import dev.poolscope.pool.PoolConfig;
import dev.poolscope.pool.PoolKind;
import dev.poolscope.pool.WorkerDetail;
import dev.poolscope.pool.WorkerPool;

import java.io.NotSerializableException;
import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The {@code cluster} kind: tasks run on Hazelcast members, each in its own
 * JVM, through Hazelcast's {@link IExecutorService}. The pool itself is a
 * Hazelcast client. By default it starts {@link ClusterTarget#membersFor(int)}
 * member JVMs on loopback ({@link MemberMain}, through the process pool's
 * launcher and reaper) under a cluster name of its own; with
 * {@link ClusterTarget#addresses()} it joins an existing cluster instead.
 * Tasks are the built-in workloads by name or serializable callables, each
 * wrapped in a {@link TaskEnvelope} that brings back the member-side start
 * and end instants, so wait, service and latency go into the same per-worker
 * histograms as every other kind (one worker per member).
 *
 * <h2>Tuning</h2>
 * <ul>
 * <li>{@link PoolConfig#workers()}: executor threads in total, spread over the
 *     members as evenly as possible (at least one each).</li>
 * <li>{@link ClusterTarget}: members to start, or the cluster to join.</li>
 * <li>{@link PoolConfig#taskTimeout()}: a task that runs longer ends as timed
 *     out and is cancelled on its member (Hazelcast's cancel interrupts its thread).</li>
 * <li>{@link PoolConfig#queueCapacity()}: tasks beyond the threads that may be
 *     outstanding (queued on members or waiting for a member).</li>
 * </ul>
 *
 * <h2>Live figures</h2>
 * Every {@value #REPORT_MILLIS} ms while the pool has tasks outstanding (once a
 * second while it is idle) each member reports its queued count and
 * the tasks it is running ({@link MemberReport}); a task counts as running
 * from the start instant its member reported, and its process figures (PID,
 * CPU, memory) show on its worker row.
 *
 * <h2>Faults</h2>
 * A member that leaves (killed from outside, crashed by a task, cut off) fails
 * only the tasks it may have been running: those its last report listed plus
 * as many of the following as it had free threads or finished tasks since;
 * each fails with a {@link MemberLostException} naming the member, its address
 * and PID. The rest of what it held never started and is sent to other
 * members. A member the pool started is replaced in the same slot.
 * {@code cancel(true)} and timeouts use Hazelcast's cancel; no member is killed
 * for them, since that would fail its other tasks, so a task that ignores the
 * interrupt keeps its thread, and {@link #notes()} says so.
 *
 * <h2>Resizing</h2>
 * Hazelcast cannot change an executor's size, so the pool resizes by whole
 * members: when it started members of equal thread counts, a worker count that
 * is a multiple of that count adds or retires members; anything else is refused.
 */
public final class ClusterWorkerPool extends AbstractWorkerPool {
    /** The largest worker count (threads over all members). */
    public static final int MAX_WORKERS = 256;
    /** Time between member reports. */
    static final int REPORT_MILLIS = 100; // the default sampling interval: a report more often is never shown
    private static final AtomicInteger RUNS = new AtomicInteger();

    /** The kind's registry entry. */
    public static final class Kind implements PoolKind {
        @Override public String name() { return "cluster"; }
        @Override public String description() { return "Hazelcast members in their own JVMs (or an existing cluster)"; }
        @Override public int maxWorkers() { return MAX_WORKERS; }
        @Override public int order() { return 50; }
        @Override public boolean usesProcesses() { return true; }
        @Override public WorkerPool create(PoolConfig config) { return new ClusterWorkerPool(config); }
    }

    final String run;
    final ClusterTarget target;
    final String clusterName;
    final String executorName;
    final long timeoutNanos;
    /** The one lock of the pool; it guards the fields below and every slot's mutable state. */
    final ReentrantLock lock = new ReentrantLock();
    /** Signalled under the lock when room, members or the life cycle change. */
    final Condition changed = lock.newCondition();
    final List<MemberSlot> slots = new ArrayList<>();
    final List<MemberSlot> retiredSlots = new ArrayList<>();
    /** Tasks admitted while no member took tasks, oldest first. */
    final ArrayDeque<Pending> waiting = new ArrayDeque<>();
    /** Tasks outstanding, by task id (concurrent: read without the lock by replies and cancels). */
    final Map<Long, Pending> byId = new ConcurrentHashMap<>();
    final ScheduledExecutorService ticker;
    final MemberStarter starter;
    final SlotDispatcher dispatcher = new SlotDispatcher(this);
    final ReplyHandler replies = new ReplyHandler(this);
    final MemberLoss losses = new MemberLoss(this);
    final MemberJoiner joiner = new MemberJoiner(this);
    final MemberResizer resizer = new MemberResizer(this);
    final PoolCloser closer = new PoolCloser(this);
    HazelcastInstance client;
    IExecutorService executor;
    IExecutorService reports;
    int targetThreads;
    long outstanding;
    long sendSeq;
    volatile boolean shutdown;
    volatile boolean terminated;
    boolean closing;
    private int nextSlotId;

    /** Creates the pool and waits until its members have joined (or it has joined the given cluster). */
    public ClusterWorkerPool(PoolConfig config) {
        super("cluster", config, MAX_WORKERS);
        checkWorkers(config.workers());
        this.target = config.cluster();
        this.run = "poolscope-" + ProcessHandle.current().pid() + "-" + RUNS.incrementAndGet() + "-"
                + Long.toHexString(System.nanoTime() & 0xffffff);
        this.clusterName = target.joins() ? target.clusterName()
                : target.clusterName() != null && !target.clusterName().isBlank() ? target.clusterName() : run;
        this.executorName = target.joins() ? "poolscope-" + run : HazelcastSetup.TASKS_EXECUTOR;
        this.timeoutNanos = config.taskTimeout().toNanos();
        this.targetThreads = config.workers();
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cluster-pool-reports");
            t.setDaemon(true);
            return t;
        });
        this.starter = new MemberStarter(this, clusterName, config.workerJvmOptions());
        try {
            if (target.joins()) {
                joiner.join();
            } else {
                joiner.startMembers();
            }
        } catch (RuntimeException e) {
            closer.closeNow();
            throw e instanceof IllegalArgumentException ? e : new ClusterStartException(e.getMessage(), e);
        }
        ticker.scheduleWithFixedDelay(replies::askReports, REPORT_MILLIS, REPORT_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * Under the lock: adds a slot of {@code threads} threads for the member at
     * {@code address} (host:port), with a worker row of its own labelled with
     * the slot and that address.
     */
    MemberSlot newSlot(int threads, String address) {
        int id = nextSlotId++;
        MemberSlot s = new MemberSlot(id, threads, metrics.addWorker("member-" + id + " " + address, true, id));
        s.address = address;
        slots.add(s);
        return s;
    }

    /** Under the lock: {@link #newSlot(int, String)} for a member the pool starts on a free loopback port of its own. */
    MemberSlot newStartedSlot(int threads) {
        int port = MemberStarter.freePort();
        MemberSlot s = newSlot(threads, MemberStarter.LOOPBACK + ":" + port);
        s.port = port;
        return s;
    }

    /** Not under the lock: releases the pool's timer once its client and members are closed. */
    void closed() {
        releaseTimer();
    }

    // ------------------------------------------------------------------ submitting

    @Override
    protected <T> RunnableFuture<T> newTaskFor(Runnable runnable, T value) {
        return newTask(new RunnableResult<>(runnable, value));
    }

    /** What travels for a task: its callable, or for {@code submit(runnable, result)} the runnable alone. */
    private static Callable<?> body(ObservedTask<?> t) {
        return t.callable() instanceof RunnableResult<?> r ? r.remote() : t.callable();
    }

    @Override
    protected void dispatch(ObservedTask<?> task) {
        Callable<?> body = body(task);
        if (!(body instanceof Serializable)) {
            task.failRemote(new NotSerializableException(body.getClass().getName()
                    + " is not serializable: cluster pools run built-in workloads or serializable tasks"));
            return;
        }
        switch (dispatcher.tryAdmit(new Pending(task, body))) {
            case OVER -> throw rejected(task, "pool 'cluster' is terminated");
            case FULL -> saturated(task);
            case ADMITTED -> { }
        }
    }

    @Override
    protected boolean offerQueued(ObservedTask<?> task, long nanos) throws InterruptedException {
        return dispatcher.offer(new Pending(task, body(task)), nanos);
    }

    /** Tasks sent to members cannot be taken back; only those waiting for a member can. */
    @Override
    protected ObservedTask<?> pollOldestQueued() {
        Pending p = dispatcher.pollWaiting();
        return p == null ? null : p.task;
    }

    /** A cancelled or timed-out task is cancelled on its member too (Hazelcast's cancel, which interrupts it). */
    @Override
    protected void onTaskEnded(ObservedTask<?> task) {
        replies.taskEnded(task);
    }

    // ------------------------------------------------------------------ sizing and life cycle

    /** True once the pool is closing or closed (the starter stops replacing members). */
    boolean closing() {
        return shutdown;
    }

    @Override
    public int workers() {
        lock.lock();
        try {
            return targetThreads;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int liveWorkers() {
        lock.lock();
        try {
            int n = 0;
            for (MemberSlot s : slots) {
                if (s.standing == Standing.UP || s.standing == Standing.RETIRING) {
                    n += s.threads;
                }
            }
            return n;
        } finally {
            lock.unlock();
        }
    }

    /** Member slots in use (members up, starting or being replaced). */
    public int members() {
        lock.lock();
        try {
            return slots.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * {@inheritDoc} Resizes by whole members (Hazelcast cannot change an
     * executor's size): the count must be a multiple of the members' thread count.
     *
     * @throws IllegalArgumentException if the pool joined a cluster it did not start, its members
     *         have unequal thread counts, or {@code workers} is not a whole number of members
     */
    @Override
    public void resize(int workers) {
        checkWorkers(workers);
        resizer.resize(workers);
    }

    @Override
    public void shutdown() {
        closer.shutdown();
    }

    /**
     * {@inheritDoc} The tasks returned never started: those waiting for a
     * member, and those queued on a member that the member confirmed had not
     * started them (they never will; the first {@value PoolCloser#MAX_TAKEN_BACK}
     * are asked, the others are cancelled there). The tasks running on members are
     * cancelled there (Hazelcast's cancel, which interrupts them) and the
     * members the pool started are stopped.
     */
    @Override
    public List<Runnable> shutdownNow() {
        markStoppedNow();
        List<Pending> held = new ArrayList<>();
        List<Runnable> never = closer.takeForShutdownNow(held);
        List<Runnable> unstarted = closer.takeBackUnstarted(held); // before a running task is stopped and frees a thread for them
        never.addAll(unstarted);
        // handed back (cancelled) before a running task is stopped: a thread it frees runs the marked tasks at once,
        // and their "not started" replies must find them cancelled already, or they would end as failed instead
        List<Runnable> back = handBack(never);
        java.util.Set<Runnable> back0 = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        back0.addAll(unstarted);
        for (Pending p : held) {
            if (!back0.contains(p.task)) {
                p.task.cancel(true);
            }
        }
        closer.settleCancelled(held);
        return back;
    }

    @Override
    public boolean isShutdown() {
        return shutdown;
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

    /** True when the pool started its members (it can kill one); false when it joined a cluster. */
    @Override
    public boolean killsWorkers() {
        return !target.joins();
    }

    /**
     * Kills the member process in a slot (SIGKILL), as a user would from
     * outside: the tasks it may have been running fail, the rest go to other
     * members, and the slot gets a new member.
     */
    @Override
    public long killWorker(int slot) {
        if (target.joins()) {
            throw new UnsupportedOperationException("pool 'cluster' cannot kill members of a cluster it joined");
        }
        MemberProcess p;
        lock.lock();
        try {
            MemberSlot s = slots.stream().filter(x -> x.id == slot).findFirst()
                    .orElseThrow(() -> new NoSuchElementException("no member " + slot + " in this pool"));
            p = s.process;
            if (p == null || !p.alive() || s.standing != Standing.UP) {
                return -1;
            }
        } finally {
            lock.unlock();
        }
        p.kill();
        return p.pid;
    }

    /** The process ids of the members the pool started that are up (joined and taking tasks). */
    public List<Long> memberPids() {
        lock.lock();
        try {
            return slots.stream().filter(s -> s.standing == Standing.UP && s.process != null && s.process.alive())
                    .map(s -> s.process.pid).toList();
        } finally {
            lock.unlock();
        }
    }

    /** Every member process the pool has started, live or not (for checks that none is left). */
    public List<ProcessHandle> memberProcesses() {
        return starter.all().stream().map(p -> p.process.toHandle()).toList();
    }

    /** The cluster's name. */
    public String clusterName() {
        return clusterName;
    }

    /** The addresses of the members up now. */
    public List<String> memberAddresses() {
        lock.lock();
        try {
            return slots.stream().filter(s -> s.standing == Standing.UP).map(s -> s.address).toList();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<WorkerDetail> workerDetails() {
        lock.lock();
        try {
            List<WorkerDetail> out = new ArrayList<>();
            for (MemberSlot s : slots) {
                out.add(new WorkerDetail(s.id, s.pid, s.tasks, s.restarts, s.startupMillis, s.exitReasons));
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<String> notes() {
        List<String> out = new ArrayList<>(super.notes());
        long still = replies.maxStillRunning();
        if (still > 0) {
            out.add(still + " cancelled or timed-out task(s) ignored the interrupt and kept a member thread busy: "
                    + "pool 'cluster' does not kill a member for a cancel, since that would fail its other tasks");
        }
        if (target.joins() && targetThreads != config.workers()) {
            out.add("the joined cluster runs " + targetThreads + " executor threads (the same on each of its members) for "
                    + config.workers() + " requested workers");
        }
        return out;
    }

    /** The member JVM options, for reports and tests. */
    public List<String> memberJvmOptions() {
        return HazelcastSetup.jvmOptions();
    }

    @Override
    public String toString() {
        lock.lock();
        try {
            return "ClusterWorkerPool[cluster=" + clusterName + ", workers=" + targetThreads + ", members=" + slots.size()
                    + ", outstanding=" + outstanding + ", waiting=" + waiting.size() + ", " + metrics
                    + (terminated ? ", terminated" : shutdown ? ", shutting down" : ", running") + "]";
        } finally {
            lock.unlock();
        }
    }
}
