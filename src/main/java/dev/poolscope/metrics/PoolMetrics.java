package dev.poolscope.metrics;

import org.HdrHistogram.Histogram;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The standard {@link PoolRecorder}: lock-free counters, one set of HdrHistogram
 * interval histograms per worker (wait, service and latency recorded in one
 * writer critical section), and a bounded ring of recent task spans per worker.
 *
 * <p>Writers never lock: a worker's own thread records into its own
 * interval histograms, and a {@link MetricsSampler} flips them to
 * read each interval. No per-task object is kept once the task has ended; the
 * memory used is bounded by the number of workers.
 *
 * <p>Figures read while tasks run are approximate: counters are read one after
 * another, not as an atomic whole. {@link Counts} is made consistent by deriving
 * the queue depth.
 */
public final class PoolMetrics implements PoolRecorder {
    /** Task spans kept per worker. */
    public static final int SPANS_PER_WORKER = 64;

    private final long originNanos;
    private final java.util.concurrent.atomic.AtomicLong submitted = new java.util.concurrent.atomic.AtomicLong();
    private final LongAdder[] outcomes = new LongAdder[Outcome.values().length];
    private final ErrorTable errors = new ErrorTable();
    private final CopyOnWriteArrayList<Worker> workers = new CopyOnWriteArrayList<>();
    private final AtomicInteger nextWorkerId = new AtomicInteger();
    private final LongAdder restarts = new LongAdder();

    /** Creates metrics whose span instants count from now. */
    public PoolMetrics() {
        this(System.nanoTime());
    }

    /** Creates metrics whose span instants count from {@code originNanos}. */
    public PoolMetrics(long originNanos) {
        this.originNanos = originNanos;
        for (int i = 0; i < outcomes.length; i++) {
            outcomes[i] = new LongAdder();
        }
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
    public void taskCompleted(Outcome outcome, Throwable cause) {
        outcomes[outcome.ordinal()].increment();
        if (outcome == Outcome.FAILED || (outcome == Outcome.TIMED_OUT && cause != null)) {
            errors.record(outcome, cause);
        }
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

        private static final VarHandle OUTCOME_COUNT = MethodHandles.arrayElementVarHandle(long[].class);
        private final long[] outcomeCounts = new long[Outcome.values().length];
        volatile boolean outcomesFolded;

        private final long[] spanTask = new long[SPANS_PER_WORKER];
        private final long[] spanStart = new long[SPANS_PER_WORKER];
        private final long[] spanEnd = new long[SPANS_PER_WORKER];
        private final byte[] spanOutcome = new byte[SPANS_PER_WORKER];

        volatile WorkerState state;
        volatile long pid = -1;
        volatile long cpuNanos = -1;
        volatile long rssBytes = -1;
        volatile double startupMillis = -1;
        volatile int restartCount;
        volatile boolean retired;
        private PoolMetrics owner;

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
        }

        private void finished(long taskId, long startNanos, long endNanos, Outcome outcome) {
            long c = (long) SPAN_COUNT.getOpaque(this);
            int slot = (int) (c % SPANS_PER_WORKER);
            spanTask[slot] = taskId;
            spanStart[slot] = startNanos;
            spanEnd[slot] = endNanos;
            spanOutcome[slot] = (byte) (outcome == null ? Outcome.SUCCEEDED.ordinal() : outcome.ordinal());
            SPAN_COUNT.setRelease(this, c + 1);
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
        public void taskCompleted(Outcome outcome, Throwable cause) {
            PoolMetrics o = owner;
            if (shared || outcomesFolded) {
                o.taskCompleted(outcome, cause);
                return;
            }
            int i = outcome.ordinal();
            OUTCOME_COUNT.setRelease(outcomeCounts, i, (long) OUTCOME_COUNT.getOpaque(outcomeCounts, i) + 1);
            if (outcome == Outcome.FAILED || (outcome == Outcome.TIMED_OUT && cause != null)) {
                o.errors.record(outcome, cause);
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
        public void restarted(String reason) {
            restartCount++;
            PoolMetrics o = owner;
            if (o != null) {
                o.restarts.increment();
            }
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
            return inFlight() > 0 ? WorkerState.BUSY : WorkerState.IDLE;
        }

        void harvest(Histogram wait, Histogram service, Histogram latency) {
            times.harvest(wait, service, latency);
        }

        /** Appends this worker's recent spans ending after {@code sinceNanos} (absolute). */
        void spans(long origin, long sinceNanos, int max, List<TaskSpan> out) {
            long c = (long) SPAN_COUNT.getAcquire(this);
            long first = Math.max(0, c - Math.min(max, SPANS_PER_WORKER));
            List<TaskSpan> mine = new ArrayList<>();
            for (long i = first; i < c; i++) {
                int slot = (int) (i % SPANS_PER_WORKER);
                long task = spanTask[slot];
                long s = spanStart[slot];
                long e = spanEnd[slot];
                byte o = spanOutcome[slot];
                if (e >= sinceNanos) {
                    mine.add(new TaskSpan(id, task, s - origin, e - origin, Outcome.of(o)));
                }
            }
            // drop entries the writer may have overwritten while we copied
            long after = (long) SPAN_COUNT.getAcquire(this);
            long overwritten = after - SPANS_PER_WORKER;
            if (overwritten > first) {
                int drop = (int) Math.min(mine.size(), overwritten - first);
                mine = mine.subList(drop, mine.size());
            }
            out.addAll(mine);
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
