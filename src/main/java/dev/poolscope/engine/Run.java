package dev.poolscope.engine;

import dev.poolscope.metrics.MetricsSampler;
import dev.poolscope.metrics.ProcessCpu;
import dev.poolscope.metrics.MetricsSnapshot;
import dev.poolscope.metrics.PoolMetrics;
import dev.poolscope.pool.ObservedTask;
import dev.poolscope.pool.PoolConfig;
import dev.poolscope.pool.WorkerDetail;
import dev.poolscope.metrics.WorkerSnapshot;
import dev.poolscope.pool.WorkerPool;
import dev.poolscope.workload.TaskSource;
import dev.poolscope.workload.WorkloadTask;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * One run of a workload on a pool: a driver thread submits the spec's tasks on
 * their arrival schedule, a {@link MetricsSampler} emits snapshots to
 * listeners, and at the end a {@link RunReport} completes {@link #report()}.
 *
 * <p>Tasks are generated lazily, one at a time, and with an unbounded queue at
 * most {@link RunSpec#maxInFlight()} are outstanding, so memory stays bounded
 * however many tasks the run has. A run can be resized and stopped from any
 * thread while it goes; both return at once.
 *
 * <p>Time: the run's wall time runs from the driver's start to the instant its
 * last task ended ({@link dev.poolscope.metrics.PoolMetrics#lastEndNanos()}); what
 * the pool does after that to shut down (worker threads ending, worker JVMs
 * exiting and writing their class-data archive) is its teardown, measured and
 * reported beside the wall time, never inside it.
 *
 * <p>Life cycle: see {@link RunState}. Created by {@link RunEngine#start}.
 */
public final class Run implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Run.class.getName());

    private final RunSpec spec;
    private final WorkerPool pool;
    private final TaskSource source;
    private final MetricsSampler sampler;
    private final Semaphore inFlight;
    private final CompletableFuture<RunReport> report = new CompletableFuture<>();
    private final Thread driver;
    private volatile RunState state = RunState.RUNNING;
    private volatile boolean stopRequested;
    private volatile long submittedByDriver;
    private volatile long startNanos;
    /** One permit per ended task. */
    private final Semaphore ended = new Semaphore(0);
    private final java.util.function.Consumer<Object> onTaskDone;
    /** Latency per priority class, for workloads with priorities; null otherwise. */
    private final PriorityLatency byPriority;

    Run(RunSpec spec, WorkerPool pool, TaskSource source) {
        this.spec = spec;
        this.pool = pool;
        this.source = source;
        this.sampler = new MetricsSampler(pool.metrics(), pool, spec.sampleInterval());
        this.inFlight = spec.queueCapacity() == PoolConfig.UNBOUNDED ? new Semaphore(spec.maxInFlight()) : null;
        this.byPriority = RunEngine.standard().workloads().find(spec.workload().name())
                .filter(dev.poolscope.workload.Workload::hasPriorities).map(w -> new PriorityLatency()).orElse(null);
        java.util.function.Consumer<Object> counted = inFlight == null ? t -> ended.release() : t -> {
            inFlight.release();
            ended.release();
        };
        this.onTaskDone = byPriority == null ? counted : t -> {
            byPriority.record((ObservedTask<?>) t);
            counted.accept(t);
        };
        this.driver = Thread.ofPlatform().name("poolscope-driver").daemon(true).unstarted(this::drive);
    }

    void start() {
        sampler.start();
        driver.start();
    }

    /** The run's settings. */
    public RunSpec spec() {
        return spec;
    }

    /** The pool the run uses (owned by the run: closed when it ends). */
    public WorkerPool pool() {
        return pool;
    }

    /** The run's state now. */
    public RunState state() {
        return state;
    }

    /** The instant ({@link System#nanoTime()}) the run's wall time began, or 0 before the driver started. */
    public long startNanos() {
        return startNanos;
    }

    /** Tasks the driver has handed to the pool so far. */
    public long submitted() {
        return submittedByDriver;
    }

    /** Adds a listener for every later snapshot; it runs on the sampling thread. */
    public void addListener(Consumer<? super MetricsSnapshot> listener) {
        sampler.addListener(listener);
    }

    /** Removes a snapshot listener. */
    public void removeListener(Consumer<? super MetricsSnapshot> listener) {
        sampler.removeListener(listener);
    }

    /** The latest snapshot, or null before the first. */
    public MetricsSnapshot latest() {
        return sampler.latest();
    }

    /**
     * Changes the worker count while the run goes.
     *
     * @throws InvalidSpecException if out of the pool kind's range
     * @throws IllegalStateException if the run has ended
     */
    public void resize(int workers) {
        if (state.ended()) {
            throw new IllegalStateException("the run has ended");
        }
        try {
            pool.resize(workers);
        } catch (IllegalArgumentException e) {
            throw new InvalidSpecException("--workers", e.getMessage());
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("the run is ending", e);
        }
    }

    /** Stops the run: no more submissions, queued tasks cancelled, running ones interrupted. Returns at once. */
    public void stop() {
        if (state.ended() || stopRequested) {
            return;
        }
        stopRequested = true;
        driver.interrupt();
        Thread.ofPlatform().name("poolscope-stopper").daemon(true).start(() -> {
            try {
                pool.shutdownNow();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "stopping the pool failed", e);
            }
        });
    }

    /** Completes with the report when the run ends (never exceptionally: a failed run reports FAILED). */
    public CompletableFuture<RunReport> report() {
        return report;
    }

    /**
     * Waits for the report.
     *
     * @throws TimeoutException if the run has not ended in time
     */
    public RunReport await(Duration timeout) throws InterruptedException, TimeoutException {
        try {
            return report.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private void drive() {
        long cpuBefore = ProcessCpu.nanos();
        long t0 = System.nanoTime();
        startNanos = t0;
        long cpuAtEnd = -1;
        RunState end = RunState.COMPLETED;
        List<String> notes = new ArrayList<>();
        try {
            submitAll(t0);
            // wait for every submitted task to end before shutting down, so the pool can still be resized
            long n = submittedByDriver;
            boolean allEnded;
            while (!(allEnded = ended.tryAcquire((int) Math.min(n, Integer.MAX_VALUE), 100, TimeUnit.MILLISECONDS))) {
                if (stopRequested) {
                    break;
                }
            }
            if (allEnded) {
                cpuAtEnd = ProcessCpu.nanos(); // the CPU time of the wall time, without the teardown's
            }
            pool.shutdown();
            while (!pool.awaitTermination(100, TimeUnit.MILLISECONDS)) {
                if (stopRequested) {
                    break;
                }
            }
            if (stopRequested) {
                end = RunState.STOPPED;
                if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
                    notes.add("some tasks did not stop within 10 s of the stop request");
                }
            }
        } catch (InterruptedException e) {
            end = RunState.STOPPED;
            Thread.interrupted(); // the stop request interrupted us; now wait for the pool in peace
            try {
                pool.shutdownNow();
                if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
                    notes.add("some tasks did not stop within 10 s of the stop request");
                }
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        } catch (RuntimeException | Error e) {
            end = RunState.FAILED;
            notes.add("the engine failed: " + e);
            LOG.log(System.Logger.Level.ERROR, "run failed", e);
            pool.shutdownNow();
        }
        if (stopRequested && end == RunState.COMPLETED) {
            end = RunState.STOPPED;
        }
        long terminated = System.nanoTime();
        long cpu = (cpuAtEnd >= 0 ? cpuAtEnd : ProcessCpu.nanos()) - cpuBefore;
        finish(end, t0, terminated, cpu, notes);
    }

    private void submitAll(long t0) throws InterruptedException {
        long dueOffset = 0;
        for (long i = 0; i < spec.tasks(); i++) {
            if (stopRequested || Thread.currentThread().isInterrupted()) {
                throw new InterruptedException();
            }
            long due = switch (spec.arrival()) {
                case Arrival.AllAtOnce a -> 0;
                case Arrival.Poisson p -> dueOffset += p.gapNanos(i, spec.seed());
                default -> spec.arrival().dueNanos(i, spec.seed());
            };
            if (due > 0) {
                long wait;
                while ((wait = t0 + due - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                    if (Thread.interrupted()) {
                        throw new InterruptedException();
                    }
                }
            }
            if (inFlight != null) {
                inFlight.acquire();
            }
            ObservedTask<Object> task = pool.newTask(new WorkloadTask(spec.workload(), spec.seed(), i, source));
            task.onDone(onTaskDone);
            try {
                pool.execute(task);
            } catch (RejectedExecutionException e) {
                // counted as rejected by the pool; the run goes on
            }
            submittedByDriver = i + 1;
        }
    }

    /**
     * Completes the report. The wall time ends at the last task's end instant
     * (read now that the pool has terminated, so every worker has recorded its
     * last task); the rest, up to {@code terminated}, is the pool's teardown.
     */
    private void finish(RunState end, long t0, long terminated, long cpu, List<String> notes) {
        try {
            sampler.close();
            MetricsSnapshot last = sampler.finalSample();
            notes.addAll(pool.notes());
            long requested = spec.tasks();
            if (end == RunState.STOPPED && submittedByDriver < requested) {
                notes.add("stopped after submitting " + submittedByDriver + " of " + requested + " tasks");
            }
            var counts = pool.metrics().counts();
            long lastEnd = pool.metrics().lastEndNanos();
            long wallEnd = lastEnd == PoolMetrics.NO_END ? terminated : Math.min(terminated, Math.max(t0, lastEnd));
            long wall = wallEnd - t0;
            long teardown = terminated - wallEnd;
            RunReport r = new RunReport(spec, end, pool.workers(), counts, wall, teardown, counts.throughput(wall), last.totalLatency(),
                    last.totalWait(), last.totalService(), cpu, pool.metrics().restarts(), withFigures(pool.workerDetails(), last),
                    pool.metrics().errors().entries(), sampler.series(), notes, submittedByDriver, pool.stalls(t0),
                    byPriority == null ? java.util.Map.of() : byPriority.summary());
            state = end;
            report.complete(r);
        } catch (RuntimeException | Error e) {
            state = RunState.FAILED;
            report.completeExceptionally(e);
        } finally {
            if (!pool.isTerminated()) {
                pool.shutdownNow();
            }
        }
    }

    /** The details with each slot's last CPU time and memory as the final snapshot has them, so report and snapshot agree. */
    private static List<WorkerDetail> withFigures(List<WorkerDetail> details, MetricsSnapshot last) {
        java.util.Map<Integer, WorkerSnapshot> bySlot = new java.util.HashMap<>();
        for (WorkerSnapshot w : last.workers()) {
            if (w.slot() >= 0) {
                bySlot.put(w.slot(), w);
            }
        }
        List<WorkerDetail> out = new ArrayList<>(details.size());
        for (WorkerDetail d : details) {
            WorkerSnapshot w = bySlot.get(d.id());
            out.add(w == null ? d : d.withFigures(w.cpuNanos(), w.rssBytes()));
        }
        return out;
    }

    /** Stops the run if it is still going and waits up to 15 s for it to end. */
    @Override
    public void close() {
        stop();
        try {
            report.get(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            pool.shutdownNow();
        }
    }

    @Override
    public String toString() {
        return "Run[" + spec.describe() + ", " + state.label() + ", submitted=" + submittedByDriver + ", " + pool + "]";
    }
}
