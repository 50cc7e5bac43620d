package dev.poolscope.cluster;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.config.ExecutorConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.IExecutorService;
import dev.poolscope.cluster.MemberSlot.Pending;
import dev.poolscope.cluster.MemberSlot.Standing;
import dev.poolscope.metrics.Outcome;
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
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAccumulator;
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
 * Every {@value #REPORT_MILLIS} ms each member reports its queued count and
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
    static final int REPORT_MILLIS = 50;
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

    private final String run;
    private final ClusterTarget target;
    private final String clusterName;
    private final String executorName;
    private final long timeoutNanos;
    final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final List<MemberSlot> slots = new ArrayList<>();
    private final List<MemberSlot> retiredSlots = new ArrayList<>();
    private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
    private final Map<Long, Pending> byId = new ConcurrentHashMap<>();
    /** Tasks cancelled or timed out while on a member, with when: a report that still lists one after the grace means it ignored the interrupt. */
    private final Map<Long, Long> cancelledAt = new ConcurrentHashMap<>();
    private static final long CANCEL_GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
    private final ScheduledExecutorService ticker;
    private final LongAccumulator maxStillRunning = new LongAccumulator(Math::max, 0);
    private final MemberStarter starter;
    private HazelcastInstance client;
    private IExecutorService executor;
    private IExecutorService reports;
    private int targetThreads;
    private long outstanding;
    private long sendSeq;
    private volatile boolean shutdown;
    private volatile boolean terminated;
    private boolean closing;
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
                join();
            } else {
                startMembers();
            }
        } catch (RuntimeException e) {
            closeNow();
            throw e instanceof IllegalArgumentException ? e : new ClusterStartException(e.getMessage(), e);
        }
        ticker.scheduleWithFixedDelay(this::askReports, REPORT_MILLIS, REPORT_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void startMembers() {
        int m = target.membersFor(config.workers());
        if (config.workers() < m) {
            throw new IllegalArgumentException("workers must be at least the member count (" + m
                    + ") for pool 'cluster', was " + config.workers());
        }
        List<MemberSlot> made = new ArrayList<>();
        lock.lock();
        try {
            for (int i = 0; i < m; i++) {
                int threads = config.workers() / m + (i < config.workers() % m ? 1 : 0);
                made.add(newSlot(threads));
            }
        } finally {
            lock.unlock();
        }
        List<MemberProcess> procs = starter.startAll(made);
        client = HazelcastClient.newHazelcastClient(HazelcastSetup.client(clusterName,
                procs.stream().map(p -> p.address).toList()));
        executor = client.getExecutorService(executorName);
        reports = client.getExecutorService(HazelcastSetup.REPORTS_EXECUTOR);
        client.getCluster().addMembershipListener(new Membership());
        for (int i = 0; i < made.size(); i++) {
            awaitJoined(made.get(i), procs.get(i));
        }
    }

    private void join() {
        client = HazelcastClient.newHazelcastClient(HazelcastSetup.client(clusterName, target.addresses()));
        List<Member> members = new ArrayList<>(client.getCluster().getMembers());
        int perMember = Math.max(1, (config.workers() + members.size() - 1) / members.size());
        client.getConfig().addExecutorConfig(new ExecutorConfig(executorName).setPoolSize(perMember));
        executor = client.getExecutorService(executorName);
        reports = client.getExecutorService(HazelcastSetup.REPORTS_EXECUTOR);
        lock.lock();
        try {
            targetThreads = perMember * members.size();
            for (Member mem : members) {
                MemberSlot s = newSlot(perMember);
                s.member = mem;
                s.address = mem.getAddress().getHost() + ":" + mem.getAddress().getPort();
                s.standing = Standing.UP;
            }
        } finally {
            lock.unlock();
        }
        client.getCluster().addMembershipListener(new Membership());
    }

    /** Under the lock. */
    private MemberSlot newSlot(int threads) {
        int id = nextSlotId++;
        MemberSlot s = new MemberSlot(id, threads, metrics.addWorker("member-" + id, true, id));
        slots.add(s);
        return s;
    }

    /** Waits until the client sees the member that started in this slot, then opens the slot. */
    void awaitJoined(MemberSlot s, MemberProcess p) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Member found = null;
        while (found == null) {
            for (Member m : client.getCluster().getMembers()) {
                if (m.getUuid().toString().equals(p.uuid)) {
                    found = m;
                }
            }
            if (found == null) {
                if (System.nanoTime() > deadline) {
                    throw new ClusterStartException("member " + p.address + " (PID " + p.pid
                            + ") started but the pool's client did not see it join in 60 s", null);
                }
                try {
                    Thread.sleep(10); // polling Hazelcast's member list; membership events may come before the list changes
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ClusterStartException("interrupted while waiting for a member to join", e);
                }
            }
        }
        List<Pending> send = new ArrayList<>();
        lock.lock();
        try {
            s.member = found;
            s.process = p;
            s.address = p.address;
            s.pid = p.pid;
            s.sameMachine = true;
            s.startupMillis.add(p.startupMillis);
            if (s.standing == Standing.STARTING || s.standing == Standing.DEAD) {
                s.standing = Standing.UP;
            }
            s.recorder.setProcessFigures(p.pid, -1, -1, p.startupMillis);
            drainWaiting(send);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        send.forEach(this::send);
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
        Pending p = new Pending(task, body);
        boolean full = false;
        boolean over;
        lock.lock();
        try {
            over = terminated || closing;
            if (!over) {
                if (hasRoom()) {
                    admit(p);
                } else {
                    full = true;
                }
            }
        } finally {
            lock.unlock();
        }
        if (over) {
            throw rejected(task, "pool 'cluster' is terminated");
        } else if (full) {
            saturated(task);
        } else if (p.slot != null) {
            send(p);
        }
    }

    /** Under the lock: room for one more outstanding task. */
    private boolean hasRoom() {
        return outstanding < (long) targetThreads + config.queueCapacity();
    }

    /** Under the lock: counts the task outstanding and gives it to a member, or to the waiting list. */
    private void admit(Pending p) {
        outstanding++;
        byId.put(p.task.id(), p);
        assign(p);
    }

    /** Under the lock: the least loaded member that takes tasks, or the waiting list. */
    private void assign(Pending p) {
        MemberSlot best = null;
        for (MemberSlot s : slots) {
            if (s.takes() && (best == null || s.load() < best.load())) {
                best = s;
            }
        }
        if (best == null) {
            p.slot = null;
            waiting.addLast(p);
            return;
        }
        p.slot = best;
        p.seq = sendSeq++;
        best.held.put(p.seq, p);
    }

    /** Under the lock: gives waiting tasks to members that take them. */
    private void drainWaiting(List<Pending> send) {
        while (!waiting.isEmpty() && slots.stream().anyMatch(MemberSlot::takes)) {
            Pending p = waiting.pollFirst();
            assign(p);
            send.add(p);
        }
    }

    @Override
    protected boolean offerQueued(ObservedTask<?> task, long nanos) throws InterruptedException {
        Pending p = new Pending(task, body(task));
        lock.lock();
        try {
            while (!hasRoom()) {
                if (nanos <= 0 || shutdown) {
                    return false;
                }
                nanos = changed.awaitNanos(nanos);
            }
            admit(p);
        } finally {
            lock.unlock();
        }
        if (p.slot != null) {
            send(p);
        }
        return true;
    }

    /** Tasks sent to members cannot be taken back; only those waiting for a member can. */
    @Override
    protected ObservedTask<?> pollOldestQueued() {
        lock.lock();
        try {
            Pending p = waiting.pollFirst();
            if (p == null) {
                return null;
            }
            p.settled = true;
            byId.remove(p.task.id());
            outstanding--;
            return p.task;
        } finally {
            lock.unlock();
        }
    }

    /** Sends a task to the member of its slot; the reply settles it. */
    private void send(Pending p) {
        MemberSlot s = p.slot;
        java.util.concurrent.Future<EnvelopeResult> f;
        try {
            f = executor.submitToMember(new TaskEnvelope(run, p.task.id(), p.body), s.member);
        } catch (RuntimeException e) {
            replied(p, null, e);
            return;
        }
        p.future = f;
        if (p.task.isDone()) {
            f.cancel(true); // cancelled while it was being sent
        }
        ((CompletionStage<EnvelopeResult>) f).whenComplete((r, e) -> replied(p, r, e));
    }

    // ------------------------------------------------------------------ replies, reports, deadlines

    private void replied(Pending p, EnvelopeResult r, Throwable e) {
        Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
        MemberSlot s = p.slot;
        if (cause != null && !(cause instanceof CancellationException) && MemberFaults.memberGone(cause)) {
            memberGone(s, "left the cluster: " + cause.getClass().getSimpleName(), cause);
            return;
        }
        List<Pending> send = new ArrayList<>();
        lock.lock();
        try {
            if (p.settled) {
                return;
            }
            settle(p, send);
            s.endedSinceReport++;
            s.tasks++;
        } finally {
            lock.unlock();
        }
        send.forEach(this::send);
        ObservedTask<?> t = p.task;
        long now = System.nanoTime();
        if (r != null) {
            long start = Math.max(t.submitNanos(), Math.min(now, s.toLocal(r.startNanos())));
            long end = Math.max(start, Math.min(now, s.toLocal(r.endNanos())));
            recordStart(p, start);
            boolean late = timeoutNanos > 0 && r.endNanos() - r.startNanos() > timeoutNanos;
            Outcome o = t.isDone() ? t.outcome() : late ? Outcome.TIMED_OUT
                    : r.failure() == null ? Outcome.SUCCEEDED : Outcome.FAILED;
            s.recorder.taskFinished(t.id(), t.submitNanos(), start, end, o);
            if (late) {
                t.timeOutRemote(timeoutMessage(s));
            } else if (r.failure() == null) {
                t.completeRemote(RunnableResult.localValue(t, r.value()));
            } else {
                t.failRemote(r.failure());
            }
        } else {
            finishIfStarted(p, now);
            if (!(cause instanceof CancellationException)) {
                t.failRemote(cause);
            }
        }
    }

    /** Under the lock: the task no longer counts as held. */
    private void settle(Pending p, List<Pending> send) {
        p.settled = true;
        byId.remove(p.task.id(), p);
        if (p.slot != null) {
            p.slot.held.remove(p.seq);
        }
        outstanding--;
        if (p.deadline != null) {
            p.deadline.cancel(false);
        }
        drainWaiting(send);
        MemberSlot s = p.slot;
        if (s != null && s.standing == Standing.RETIRING && s.held.isEmpty()) {
            retire(s);
        }
        changed.signalAll();
        maybeTerminate();
    }

    private void recordStart(Pending p, long startLocal) {
        synchronized (p) {
            if (!p.startRecorded) {
                p.startRecorded = true;
                p.startLocal = startLocal;
                p.slot.recorder.taskStarted(p.task.id(), startLocal);
            }
        }
    }

    private void finishIfStarted(Pending p, long end) {
        synchronized (p) {
            if (p.startRecorded) {
                Outcome o = p.task.isDone() ? p.task.outcome() : Outcome.FAILED;
                p.slot.recorder.taskFinished(p.task.id(), p.task.submitNanos(), p.startLocal, Math.max(p.startLocal, end), o);
            }
        }
    }

    private String timeoutMessage(MemberSlot s) {
        return "task ran longer than its timeout of " + TimeUnit.NANOSECONDS.toMillis(timeoutNanos)
                + " ms and was cancelled on " + s.describe() + " (Hazelcast's cancel interrupts its thread)";
    }

    /** A cancelled or timed-out task is cancelled on its member too (Hazelcast's cancel, which interrupts it). */
    @Override
    protected void onTaskEnded(ObservedTask<?> task) {
        if (task.isCancelled() || task.outcome() == Outcome.TIMED_OUT) {
            Pending p = byId.get(task.id());
            if (p != null && p.future != null) {
                cancelledAt.put(task.id(), System.nanoTime());
                p.future.cancel(true);
            }
        }
    }

    private void askReports() {
        List<MemberSlot> ask = new ArrayList<>();
        lock.lock();
        try {
            for (MemberSlot s : slots) {
                if ((s.standing == Standing.UP || s.standing == Standing.RETIRING) && !s.reportInFlight) {
                    s.reportInFlight = true;
                    ask.add(s);
                }
            }
        } finally {
            lock.unlock();
        }
        for (MemberSlot s : ask) {
            long sent = System.nanoTime();
            Member m = s.member;
            try {
                ((CompletionStage<MemberStatus>) reports.submitToMember(new MemberReport(run, executorName), m))
                        .whenComplete((st, e) -> reported(s, m, st, sent));
            } catch (RuntimeException e) {
                reported(s, m, null, sent);
            }
        }
    }

    private void reported(MemberSlot s, Member m, MemberStatus st, long sent) {
        long now = System.nanoTime();
        List<Pending> started = new ArrayList<>();
        List<Long> starts = new ArrayList<>();
        lock.lock();
        try {
            s.reportInFlight = false;
            if (st == null || s.member != m) {
                return;
            }
            if (!s.sameMachine && now - sent < s.bestRoundTrip) {
                s.bestRoundTrip = now - sent;
                s.clockOffset = st.nowNanos() - (sent + now) / 2;
            }
            s.pid = st.pid();
            s.lastRunning = new java.util.HashSet<>(st.running());
            s.endedSinceReport = 0;
            int still = 0;
            for (int i = 0; i < st.running().size(); i++) {
                Long at = cancelledAt.get(st.running().get(i));
                if (at != null && now - at > CANCEL_GRACE_NANOS) {
                    still++; // cancelled or timed out, and still running on the member after the grace
                }
                Pending p = byId.get(st.running().get(i));
                if (p == null || p.slot != s) {
                    continue; // ended for the pool already
                }
                if (!p.startRecorded) {
                    started.add(p);
                    starts.add(st.runningSince().get(i));
                }
            }
            s.stillRunningAfterCancel = still;
            cancelledAt.entrySet().removeIf(c -> now - c.getValue() > CANCEL_GRACE_NANOS && !s.lastRunning.contains(c.getKey())
                    && slots.stream().noneMatch(o -> o != s && o.lastRunning.contains(c.getKey())));
            maxStillRunning.accumulate(still);
        } finally {
            lock.unlock();
        }
        s.recorder.setProcessFigures(st.pid(), st.cpuNanos(), st.rssBytes(),
                s.startupMillis.isEmpty() ? -1 : s.startupMillis.get(s.startupMillis.size() - 1));
        for (int i = 0; i < started.size(); i++) {
            Pending p = started.get(i);
            long start = Math.max(p.task.submitNanos(), Math.min(now, s.toLocal(starts.get(i))));
            recordStart(p, start);
            if (timeoutNanos > 0) {
                long delay = start + timeoutNanos - System.nanoTime();
                p.deadline = ticker.schedule(() -> timedOut(p), Math.max(0, delay), TimeUnit.NANOSECONDS);
            }
        }
    }

    private void timedOut(Pending p) {
        if (!p.settled && !p.task.isDone()) {
            p.task.timeOutRemote(timeoutMessage(p.slot));
        }
    }

    // ------------------------------------------------------------------ faults and replacement

    /** Called when a member leaves: fails what it may have been running, sends the rest elsewhere, replaces it. */
    void memberGone(MemberSlot s, String reason, Throwable cause) {
        List<Pending> failing = new ArrayList<>();
        List<Pending> send = new ArrayList<>();
        boolean replace;
        String who;
        lock.lock();
        try {
            if (s.standing == Standing.DEAD || s.standing == Standing.RETIRED || s.standing == Standing.STARTING) {
                return;
            }
            boolean retiring = s.standing == Standing.RETIRING;
            who = s.describe();
            s.standing = Standing.DEAD;
            s.exitReasons.add(reason);
            int mayHaveStarted = Math.max(0, s.threads - s.lastRunning.size()) + s.endedSinceReport;
            List<Pending> held = new ArrayList<>(s.held.values());
            s.held.clear();
            for (Pending p : held) {
                boolean ran = s.lastRunning.contains(p.task.id()) || p.startRecorded;
                if (!ran && mayHaveStarted > 0) {
                    mayHaveStarted--;
                    ran = true;
                }
                if (ran) {
                    failing.add(p);
                } else {
                    p.settled = true;
                    Pending again = new Pending(p.task, p.body);
                    byId.put(p.task.id(), again);
                    outstanding--;
                    admit(again);
                    if (again.slot != null) {
                        send.add(again);
                    }
                }
            }
            for (Pending p : failing) {
                p.slot = s;
                settleLost(p);
            }
            replace = !retiring && !shutdown && s.process != null;
            if (retiring) {
                retire(s);
            }
            changed.signalAll();
            maybeTerminate();
        } finally {
            lock.unlock();
        }
        long now = System.nanoTime();
        for (Pending p : failing) {
            recordStart(p, Math.max(p.task.submitNanos(), Math.min(now, p.startLocal == 0 ? now : p.startLocal)));
            finishIfStartedAs(p, now);
            p.task.failRemote(new MemberLostException(who + " " + reason + " while the task may have been running on it", cause));
        }
        send.forEach(this::send);
        if (replace) {
            starter.replace(s, reason);
        }
    }

    private void finishIfStartedAs(Pending p, long end) {
        synchronized (p) {
            p.slot.recorder.taskFinished(p.task.id(), p.task.submitNanos(), p.startLocal, Math.max(p.startLocal, end), Outcome.FAILED);
        }
    }

    /** Under the lock: a held task of a lost member stops counting. */
    private void settleLost(Pending p) {
        p.settled = true;
        byId.remove(p.task.id(), p);
        outstanding--;
        if (p.deadline != null) {
            p.deadline.cancel(false);
        }
    }

    /** Called when a member process the pool started has exited. */
    void memberExited(MemberSlot s, MemberProcess p, int code) {
        boolean current;
        lock.lock();
        try {
            current = s.process == p && !closing; // members stopped by the pool's close are no fault
        } finally {
            lock.unlock();
        }
        if (current) {
            memberGone(s, MemberFaults.exitReason(code), null);
        }
    }

    /** Called by the starter when a replacement member has joined a slot. */
    void replaced(MemberSlot s, MemberProcess p, String reason) {
        try {
            awaitJoined(s, p);
        } catch (RuntimeException e) {
            p.kill();
            replacementFailed(s, String.valueOf(e.getMessage()));
            return;
        }
        lock.lock();
        try {
            s.restarts++;
        } finally {
            lock.unlock();
        }
        s.recorder.restarted(reason);
    }

    /** Called by the starter when a member added by a resize has started. */
    void grown(MemberSlot s, MemberProcess p) {
        try {
            awaitJoined(s, p);
        } catch (RuntimeException e) {
            p.kill();
            replacementFailed(s, String.valueOf(e.getMessage()));
        }
    }

    /** Called by the starter when no replacement could be started. */
    void replacementFailed(MemberSlot s, String why) {
        lock.lock();
        try {
            s.exitReasons.add("no replacement: " + why);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The slot whose current member has this UUID, or null. */
    private MemberSlot slotOf(Member m) {
        lock.lock();
        try {
            for (MemberSlot s : slots) {
                if (s.member != null && s.member.getUuid().equals(m.getUuid())) {
                    return s;
                }
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    private final class Membership implements MembershipListener {
        @Override
        public void memberAdded(MembershipEvent e) {
            if (!target.joins()) {
                return; // members the pool starts are opened by awaitJoined
            }
            List<Pending> send = new ArrayList<>();
            lock.lock();
            try {
                if (shutdown || slotOfLocked(e.getMember()) != null) {
                    return;
                }
                MemberSlot s = newSlot(slots.isEmpty() ? 1 : slots.get(0).threads);
                s.member = e.getMember();
                s.address = e.getMember().getAddress().getHost() + ":" + e.getMember().getAddress().getPort();
                s.standing = Standing.UP;
                targetThreads += s.threads;
                drainWaiting(send);
            } finally {
                lock.unlock();
            }
            send.forEach(ClusterWorkerPool.this::send);
        }

        @Override
        public void memberRemoved(MembershipEvent e) {
            MemberSlot s = slotOf(e.getMember());
            if (s != null) {
                memberGone(s, "left the cluster", null);
            }
        }
    }

    private MemberSlot slotOfLocked(Member m) {
        for (MemberSlot s : slots) {
            if (s.member != null && s.member.getUuid().equals(m.getUuid())) {
                return s;
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ sizing and life cycle

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
        List<MemberSlot> add = new ArrayList<>();
        lock.lock();
        try {
            if (shutdown) {
                throw new RejectedExecutionException("pool 'cluster' is shut down");
            }
            if (target.joins()) {
                throw new IllegalArgumentException("pool 'cluster' cannot resize a cluster it joined: Hazelcast cannot "
                        + "change an executor's size; start or stop members with 'poolscope member'");
            }
            int each = slots.get(0).threads;
            if (slots.stream().anyMatch(s -> s.threads != each) || workers % each != 0
                    || workers / each > ClusterTarget.MAX_MEMBERS) {
                throw new IllegalArgumentException("pool 'cluster' resizes by whole members of " + each
                        + " thread(s) (Hazelcast cannot change an executor's size): workers must be a multiple of "
                        + each + " up to " + each * ClusterTarget.MAX_MEMBERS + ", was " + workers);
            }
            int want = workers / each;
            while (slots.size() < want) {
                add.add(newSlot(each));
            }
            for (int i = slots.size() - 1; i >= 0 && slots.size() - countRetiring() > want; i--) {
                MemberSlot s = slots.get(i);
                if (s.standing != Standing.RETIRING) {
                    s.standing = Standing.RETIRING;
                    if (s.held.isEmpty()) {
                        retire(s);
                    }
                }
            }
            targetThreads = workers;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        for (MemberSlot s : add) {
            starter.grow(s);
        }
    }

    private int countRetiring() {
        int n = 0;
        for (MemberSlot s : slots) {
            if (s.standing == Standing.RETIRING) {
                n++;
            }
        }
        return n;
    }

    /** Under the lock: the slot leaves; its member is asked to exit. */
    private void retire(MemberSlot s) {
        s.standing = Standing.RETIRED;
        slots.remove(s);
        retiredSlots.add(s);
        s.recorder.retire();
        if (s.process != null) {
            s.process.stop();
        }
    }

    /** True once the pool is closing or closed (the starter stops replacing members). */
    boolean closing() {
        return shutdown;
    }

    @Override
    public void shutdown() {
        lock.lock();
        try {
            shutdown = true;
            maybeTerminate();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * {@inheritDoc} The tasks returned were waiting for a member and never
     * sent; tasks on members are cancelled there (Hazelcast's cancel) and the
     * members the pool started are stopped.
     */
    @Override
    public List<Runnable> shutdownNow() {
        markStoppedNow();
        List<Runnable> never = new ArrayList<>();
        List<Pending> held = new ArrayList<>();
        lock.lock();
        try {
            shutdown = true;
            for (Pending p; (p = waiting.pollFirst()) != null; ) {
                p.settled = true;
                byId.remove(p.task.id());
                outstanding--;
                never.add(p.task);
            }
            for (MemberSlot s : slots) {
                held.addAll(s.held.values());
            }
        } finally {
            lock.unlock();
        }
        for (Pending p : held) {
            p.task.cancel(true);
        }
        List<Runnable> back = handBack(never);
        lock.lock();
        try {
            for (Pending p : held) {
                if (!p.settled) {
                    settle(p, new ArrayList<>());
                    finishIfStarted(p, System.nanoTime());
                }
            }
            maybeTerminate();
        } finally {
            lock.unlock();
        }
        return back;
    }

    /** Under the lock: once shut down with nothing outstanding, closes the client and stops the members. */
    private void maybeTerminate() {
        if (shutdown && outstanding == 0 && !closing) {
            closing = true;
            Thread t = new Thread(this::closeNow, "cluster-pool-close");
            t.setDaemon(true);
            t.start();
        }
    }

    private void closeNow() {
        ticker.shutdownNow();
        if (client != null) {
            try {
                client.shutdown();
            } catch (RuntimeException e) {
                // already gone
            }
        }
        List<MemberProcess> procs = new ArrayList<>(starter.all());
        for (MemberProcess p : procs) {
            p.stop();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        for (MemberProcess p : procs) {
            try {
                if (!p.process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    p.kill();
                }
            } catch (InterruptedException e) {
                p.kill();
                Thread.currentThread().interrupt();
            }
        }
        for (MemberProcess p : procs) {
            try {
                p.process.waitFor(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        releaseTimer();
        lock.lock();
        try {
            terminated = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
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
        long still = maxStillRunning.get();
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
