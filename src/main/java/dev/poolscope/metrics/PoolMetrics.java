package dev.poolscope.metrics;

import dev.poolscope.jfr.TaskEvent;
import dev.poolscope.jfr.TaskEvents;
import org.HdrHistogram.Histogram;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * The standard {@link PoolRecorder}: lock-free counters, one set of HdrHistogram
 * interval histograms per worker (wait, service and latency recorded in one
 * writer critical section), and a bounded ring of recent task spans per worker
 * that readers copy without ever seeing a half-written span.
 *
 * <p>Writers never lock: a worker's own thread records into its own
 * interval histograms, and a {@link MetricsSampler} flips them to
 * read each interval. No per-task object is kept once the task has ended; the
 * memory used is bounded by the number of workers.
 *
 * <p>Each task that ends on a worker is also a JDK Flight Recorder event
 * ({@link TaskEvent}, written through {@link TaskEvents}) while a recording
 * has it enabled; otherwise the cost is one flag check per task end.
 *
 * <p>Figures read while tasks run are approximate: counters are read one after
 * another, not as an atomic whole. {@link Counts} is made consistent by deriving
 * the queue depth.
 */
public final class PoolMetrics implements PoolRecorder {
    /** Task spans kept per worker. */
    public static final int SPANS_PER_WORKER = 64;
    private static final AtomicInteger POOL_NUMBERS = new AtomicInteger();

    private final long originNanos;
    /** No task has ended yet (see {@link #lastEndNanos()}). */
    public static final long NO_END = Long.MIN_VALUE;

    private final String kind;
    private final String poolName;
    private final int poolNumber;
    /** The kind's code in task events. */
    private final byte kindCode;
    private final AtomicLong submitted = new AtomicLong();
    private final LongAdder[] outcomes = new LongAdder[Outcome.values().length];
    private final ErrorTable errors = new ErrorTable();
    private final CopyOnWriteArrayList<Worker> workers = new CopyOnWriteArrayList<>();
    private final AtomicInteger nextWorkerId = new AtomicInteger();
    private final LongAdder restarts = new LongAdder();
    /** Latest instant a rejection or cancellation was counted, and latest end of workers that left the list. */
    private final LongAccumulator lastEnd = new LongAccumulator(Math::max, NO_END);
    /** The last rejected or cancelled tasks by number, for snapshots. */
    private final CancelRejectRing cancelsAndRejects = new CancelRejectRing();

    /** Creates metrics whose span instants count from now. */
    public PoolMetrics() {
        this(System.nanoTime());
    }

    /** Creates metrics whose span instants count from {@code originNanos}. */
    public PoolMetrics(long originNanos) {
        this("pool", originNanos);
    }

    /** Creates metrics for a pool of this kind whose span instants count from now. */
    public PoolMetrics(String kind) {
        this(kind, System.nanoTime());
    }

    /**
     * Creates metrics for a pool of this kind whose span instants count from
     * {@code originNanos}; the pool is named after its kind and a number
     * unique in this JVM (see {@link #poolName()}).
     */
    public PoolMetrics(String kind, long originNanos) {
        this.originNanos = originNanos;
        this.kind = kind;
        this.poolNumber = POOL_NUMBERS.incrementAndGet();
        this.poolName = kind + "#" + poolNumber;
        this.kindCode = TaskEvents.kindCode(kind);
        for (int i = 0; i < outcomes.length; i++) {
            outcomes[i] = new LongAdder();
        }
    }

    /** The pool's kind as given at creation. */
    public String kind() {
        return kind;
    }

    /** The pool's name in recordings: its kind and a number unique in this JVM, such as {@code fixed#1}. */
    public String poolName() {
        return poolName;
    }

    /** The pool's number in this JVM, the {@code 1} of {@code fixed#1}: its id in task events. */
    public int poolNumber() {
        return poolNumber;
    }

    /**
     * Busy workers right now (approximate): one for each worker running a
     * task, or for a worker that reports its running tasks (a cluster member
     * of several threads) as many as it last reported.
     */
    public int busyWorkers() {
        int n = 0;
        for (Worker w : workers) {
            if (!w.retired) {
                n += w.runningNow();
            }
        }
        return n;
    }

    /** The instant ({@link System#nanoTime()}) that span times count from. */
    public long originNanos() {
        return originNanos;
    }

    @Override
    public WorkerRecorder addWorker(String label, boolean sharedWriters) {
        return addWorker(label, sharedWriters, -1);
    }

    /** {@link #addWorker(String, boolean)} for a worker in a slot the pool names ({@link WorkerSnapshot#slot()}). */
    public WorkerRecorder addWorker(String label, boolean sharedWriters, int slot) {
        Worker w = new Worker(nextWorkerId.getAndIncrement(), label, sharedWriters);
        w.slot = slot;
        w.owner = this;
        workers.add(w);
        return w;
    }

    @Override
    public long taskSubmitted() {
        return submitted.getAndIncrement();
    }

    @Override
    public void taskEnded(Outcome outcome, Throwable cause) {
        taskEnded(outcome, cause, -1);
    }

    /** Also keeps the number of a rejected or cancelled task for {@link MetricsSnapshot#cancelsAndRejects()}. */
    @Override
    public void taskEnded(Outcome outcome, Throwable cause, long taskId) {
        if (outcome == Outcome.REJECTED || outcome == Outcome.CANCELLED) {
            lastEnd.accumulate(System.nanoTime()); // no worker records an end instant for these (or not always)
            if (taskId >= 0) {
                cancelsAndRejects.record(taskId, outcome);
            }
        }
        outcomes[outcome.ordinal()].increment();
        if (outcome == Outcome.FAILED || (outcome == Outcome.TIMED_OUT && cause != null)) {
            errors.record(outcome, cause, -1, -1, taskId);
        }
    }

    /** Appends the last rejected or cancelled tasks still kept (at most 64), oldest first. */
    void cancelsAndRejects(List<CancelOrReject> out) {
        cancelsAndRejects.copyTo(out);
    }

    /** Current totals; they add up (see {@link Counts}). */
    public synchronized Counts counts() {
        long[] o = new long[outcomes.length];
        long running = 0;
        for (Worker w : workers) {
            running += w.inFlight();
            w.addOutcomes(o);
        }
        for (int i = 0; i < o.length; i++) {
            o[i] += outcomes[i].sum();
        }
        long succeeded = o[Outcome.SUCCEEDED.ordinal()];
        long failed = o[Outcome.FAILED.ordinal()];
        long cancelled = o[Outcome.CANCELLED.ordinal()];
        long rejected = o[Outcome.REJECTED.ordinal()];
        long timedOut = o[Outcome.TIMED_OUT.ordinal()];
        long sub = submitted.get();
        long ended = succeeded + failed + cancelled + rejected + timedOut;
        if (sub < ended) {
            sub = ended; // a submit counted late; never show negative work
        }
        running = Math.min(running, sub - ended);
        long queued = sub - ended - running;
        return new Counts(sub, succeeded, failed, cancelled, rejected, timedOut, running, queued);
    }

    /**
     * The latest instant ({@link System#nanoTime()}) at which a task ended: the
     * end instant a worker recorded for a task that finished on it (every task
     * that ran has one), or the instant a rejection or cancellation was counted;
     * {@link #NO_END} if no task has ended.
     * Exact once every task has ended and every worker has recorded its last
     * task; while tasks run, approximate.
     */
    public long lastEndNanos() {
        long end = lastEnd.get();
        for (Worker w : workers) {
            end = Math.max(end, w.lastEndNanos());
        }
        return end;
    }

    /** The error table of failed tasks. */
    public ErrorTable errors() {
        return errors;
    }

    /** Total restarts of all worker slots. */
    public long restarts() {
        return restarts.sum();
    }

    /** Workers, including retired ones not yet harvested by a sampler. */
    List<Worker> workerList() {
        return workers;
    }

    synchronized void removeWorker(Worker w) {
        // fold the worker's outcome counts into the pool's before it leaves the list
        long[] o = new long[outcomes.length];
        w.addOutcomes(o);
        w.outcomesFolded = true;
        for (int i = 0; i < o.length; i++) {
            outcomes[i].add(o[i]);
        }
        lastEnd.accumulate(w.lastEndNanos());
        workers.remove(w);
    }

    /**
     * One worker's recorder. Single writer unless shared; the sampler reads
     * fields with acquire semantics and flips the interval recorders.
     */
    static final class Worker implements WorkerRecorder {
        private static final VarHandle IN_FLIGHT;
        private static final VarHandle BUSY_SINCE;
        private static final VarHandle BUSY_NANOS;
        private static final VarHandle TASKS;
        private static final VarHandle SPAN_COUNT;
        private static final VarHandle CURRENT_TASK;
        private static final VarHandle CURRENT_START;
        private static final VarHandle LAST_END;
        private static final VarHandle SPAN_SEQ = MethodHandles.arrayElementVarHandle(long[].class);

        static {
            try {
                MethodHandles.Lookup l = MethodHandles.lookup();
                IN_FLIGHT = l.findVarHandle(Worker.class, "inFlight", int.class);
                BUSY_SINCE = l.findVarHandle(Worker.class, "busySince", long.class);
                BUSY_NANOS = l.findVarHandle(Worker.class, "busyNanos", long.class);
                TASKS = l.findVarHandle(Worker.class, "tasks", long.class);
                SPAN_COUNT = l.findVarHandle(Worker.class, "spanCount", long.class);
                CURRENT_TASK = l.findVarHandle(Worker.class, "currentTask", long.class);
                CURRENT_START = l.findVarHandle(Worker.class, "currentStart", long.class);
                LAST_END = l.findVarHandle(Worker.class, "lastEnd", long.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        final int id;
        final String label;
        /** The pool's slot id, or -1. */
        int slot = -1;
        final boolean shared;
        private final TaskTimesRecorder times = new TaskTimesRecorder();

        @SuppressWarnings("unused") private int inFlight;
        @SuppressWarnings("unused") private long busySince;
        @SuppressWarnings("unused") private long busyNanos;
        @SuppressWarnings("unused") private long tasks;
        @SuppressWarnings("unused") private long spanCount;
        @SuppressWarnings("unused") private long currentTask = -1;
        @SuppressWarnings("unused") private long currentStart;
        @SuppressWarnings("unused") private long lastEnd = NO_END;

        private static final VarHandle OUTCOME_COUNT = MethodHandles.arrayElementVarHandle(long[].class);
        private final long[] outcomeCounts = new long[Outcome.values().length];
        volatile boolean outcomesFolded;

        /*
         * The span ring. Span number c (0, 1, 2, ...) lives in slot c % SPANS_PER_WORKER;
         * spanSeq[slot] is 2c+1 while span c is being written there and 2c+2 once it is
         * complete (a per-slot seqlock). A reader takes a span only if the slot's sequence
         * says "span c, complete" both before and after it copies the fields.
         */
        private final long[] spanSeq = new long[SPANS_PER_WORKER];
        private final long[] spanTask = new long[SPANS_PER_WORKER];
        private final long[] spanStart = new long[SPANS_PER_WORKER];
        private final long[] spanEnd = new long[SPANS_PER_WORKER];
        private final byte[] spanOutcome = new byte[SPANS_PER_WORKER];

        volatile WorkerState state;
        volatile long pid = -1;
        /** The sampler's own reading of the worker's process: which process, and its figures (see {@link ProcessFigures}). */
        volatile long measuredPid = -1;
        volatile long measuredCpu = -1;
        volatile long measuredRss = -1;
        /** Why the worker's last process ended, or null while it has not (see {@link WorkerRecorder#exited}). */
        volatile String exitReason;
        volatile long cpuNanos = -1;
        volatile long rssBytes = -1;
        volatile double startupMillis = -1;
        volatile int restartCount;
        /** Tasks running now as last reported ({@link #setRunningNow}), or -1 if starts are recorded as they happen. */
        volatile int reportedRunning = -1;
        volatile boolean retired;
        private PoolMetrics owner;
        /** The JFR events of this worker's tasks (single writer only; created with the first recording). */
        private TaskEvents.Writer events;

        // sampler-side state (only touched by the sampling thread)
        long lastBusyNanosSeen;

        Worker(int id, String label, boolean shared) {
            this.id = id;
            this.label = label;
            this.shared = shared;
        }

        PoolMetrics owner() {
            return owner;
        }

        @Override
        public int id() {
            return id;
        }

        @Override
        public String label() {
            return label;
        }

        @Override
        public void taskStarted(long taskId, long startNanos) {
            if (shared) {
                synchronized (this) {
                    started(taskId, startNanos);
                }
            } else {
                started(taskId, startNanos);
            }
        }

        private void started(long taskId, long startNanos) {
            int n = (int) IN_FLIGHT.getOpaque(this);
            if (n == 0) {
                BUSY_SINCE.setRelease(this, startNanos);
            }
            CURRENT_START.setRelease(this, startNanos);
            CURRENT_TASK.setRelease(this, taskId);
            IN_FLIGHT.setRelease(this, n + 1);
        }

        @Override
        public void taskFinished(long taskId, long submitNanos, long startNanos, long endNanos, Outcome outcome) {
            if (shared) {
                synchronized (this) {
                    times.record(startNanos - submitNanos, endNanos - startNanos, endNanos - submitNanos);
                    finished(taskId, startNanos, endNanos, outcome);
                }
            } else {
                times.record(startNanos - submitNanos, endNanos - startNanos, endNanos - submitNanos);
                finished(taskId, startNanos, endNanos, outcome);
            }
            if (TaskEvents.enabled()) {
                taskEvent(taskId, submitNanos, startNanos, endNanos, outcome);
            }
        }

        /** Writes the task's JFR event (kept out of line: it runs only while recording). */
        private void taskEvent(long taskId, long submitNanos, long startNanos, long endNanos, Outcome outcome) {
            PoolMetrics o = owner;
            byte code = (byte) (outcome == null ? Outcome.SUCCEEDED : outcome).ordinal();
            if (shared) {
                TaskEvents.write(o.poolNumber, o.kindCode, id, taskId, submitNanos, startNanos, endNanos, code);
            } else {
                TaskEvents.Writer w = events;
                if (w == null) {
                    w = new TaskEvents.Writer();
                    events = w;
                }
                w.write(o.poolNumber, o.kindCode, id, taskId, submitNanos, startNanos, endNanos, code);
            }
        }

        private void finished(long taskId, long startNanos, long endNanos, Outcome outcome) {
            long c = (long) SPAN_COUNT.getOpaque(this);
            int slot = (int) (c % SPANS_PER_WORKER);
            SPAN_SEQ.setOpaque(spanSeq, slot, 2 * c + 1);
            VarHandle.storeStoreFence(); // the odd sequence is visible before any field changes
            spanTask[slot] = taskId;
            spanStart[slot] = startNanos;
            spanEnd[slot] = endNanos;
            spanOutcome[slot] = (byte) (outcome == null ? Outcome.SUCCEEDED.ordinal() : outcome.ordinal());
            SPAN_SEQ.setRelease(spanSeq, slot, 2 * c + 2);
            SPAN_COUNT.setRelease(this, c + 1);
            LAST_END.setRelease(this, Math.max((long) LAST_END.getOpaque(this), endNanos));
            TASKS.setRelease(this, (long) TASKS.getOpaque(this) + 1);
            int n = (int) IN_FLIGHT.getOpaque(this);
            if (n == 1) {
                long since = (long) BUSY_SINCE.getOpaque(this);
                BUSY_NANOS.setRelease(this, (long) BUSY_NANOS.getOpaque(this) + Math.max(0, endNanos - since));
                CURRENT_TASK.setRelease(this, -1L);
            }
            IN_FLIGHT.setRelease(this, Math.max(0, n - 1));
        }

        @Override
        public void taskEnded(Outcome outcome, Throwable cause) {
            taskEnded(outcome, cause, shared ? -1 : (long) CURRENT_TASK.getOpaque(this));
        }

        @Override
        public void taskEnded(Outcome outcome, Throwable cause, long taskId) {
            PoolMetrics o = owner;
            if (shared || outcomesFolded) {
                o.taskEnded(outcome, cause, taskId);
                return;
            }
            int i = outcome.ordinal();
            OUTCOME_COUNT.setRelease(outcomeCounts, i, (long) OUTCOME_COUNT.getOpaque(outcomeCounts, i) + 1);
            if (outcome == Outcome.FAILED || (outcome == Outcome.TIMED_OUT && cause != null)) {
                o.errors.record(outcome, cause, id, pid, taskId);
            }
        }

        void addOutcomes(long[] into) {
            if (outcomesFolded) {
                return;
            }
            for (int i = 0; i < into.length; i++) {
                into[i] += (long) OUTCOME_COUNT.getAcquire(outcomeCounts, i);
            }
        }

        @Override
        public void setState(WorkerState state) {
            this.state = state;
        }

        @Override
        public void setProcessFigures(long pid, long cpuNanos, long rssBytes, double startupMillis) {
            this.pid = pid;
            this.cpuNanos = cpuNanos;
            this.rssBytes = rssBytes;
            this.startupMillis = startupMillis;
        }

        @Override
        public void setRunningNow(int running) {
            reportedRunning = Math.max(0, running);
        }

        /** Tasks this worker runs now: as last reported, else 1 if a task whose start was recorded is in flight. */
        int runningNow() {
            int r = reportedRunning;
            return r >= 0 ? r : inFlight() > 0 ? 1 : 0;
        }

        @Override
        public void restarted(String reason) {
            restartCount++;
            PoolMetrics o = owner;
            if (o != null) {
                o.restarts.increment();
            }
        }

        @Override
        public void exited(String reason) {
            exitReason = reason;
        }

        @Override
        public void retire() {
            retired = true;
        }

        int inFlight() {
            return (int) IN_FLIGHT.getAcquire(this);
        }

        long tasks() {
            return (long) TASKS.getAcquire(this);
        }

        /** The latest end instant this worker recorded, or {@link #NO_END}. */
        long lastEndNanos() {
            return (long) LAST_END.getAcquire(this);
        }

        /** Busy time so far, including the running part of a task in flight. */
        long busyNanos(long now) {
            long done = (long) BUSY_NANOS.getAcquire(this);
            if (inFlight() > 0) {
                long since = (long) BUSY_SINCE.getAcquire(this);
                done += Math.max(0, now - since);
            }
            return done;
        }

        WorkerState derivedState() {
            WorkerState s = state;
            if (retired) {
                return s == WorkerState.DEAD ? s : WorkerState.RETIRED;
            }
            if (s != null) {
                return s;
            }
            return runningNow() > 0 ? WorkerState.BUSY : WorkerState.IDLE;
        }

        void harvest(Histogram wait, Histogram service, Histogram latency) {
            times.harvest(wait, service, latency);
        }

        /** Appends this worker's recent spans ending after {@code sinceNanos} (absolute): whole spans only, oldest first. */
        void spans(long origin, long sinceNanos, int max, List<TaskSpan> out) {
            long c = (long) SPAN_COUNT.getAcquire(this);
            long first = Math.max(0, c - Math.min(max, SPANS_PER_WORKER));
            for (long i = first; i < c; i++) {
                int slot = (int) (i % SPANS_PER_WORKER);
                long complete = 2 * i + 2;
                if ((long) SPAN_SEQ.getAcquire(spanSeq, slot) != complete) {
                    continue; // overwritten by a later span, or being overwritten now
                }
                long task = spanTask[slot];
                long s = spanStart[slot];
                long e = spanEnd[slot];
                byte o = spanOutcome[slot];
                VarHandle.loadLoadFence(); // the fields are read before the sequence is checked again
                if ((long) SPAN_SEQ.getOpaque(spanSeq, slot) != complete) {
                    continue; // the writer began another span in this slot while we copied
                }
                if (e >= sinceNanos) {
                    out.add(new TaskSpan(id, task, s - origin, e - origin, Outcome.of(o)));
                }
            }
            if (inFlight() > 0) {
                long task = (long) CURRENT_TASK.getAcquire(this);
                long start = (long) CURRENT_START.getAcquire(this);
                if (task >= 0) {
                    out.add(new TaskSpan(id, task, start - origin, -1, null));
                }
            }
        }
    }

    @Override
    public String toString() {
        Counts c = counts();
        return "PoolMetrics[submitted=" + c.submitted() + ", ended=" + c.ended() + ", running=" + c.running()
                + ", queued=" + c.queued() + ", workers=" + workers.size() + "]";
    }

}
