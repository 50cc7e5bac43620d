package dev.poolscope.tuning;

import dev.poolscope.engine.Run;
import dev.poolscope.engine.RunEngine;
import dev.poolscope.engine.RunReport;
import dev.poolscope.engine.RunSpec;
import dev.poolscope.engine.RunState;
import dev.poolscope.metrics.Percentiles;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;

/**
 * Runs a {@link SweepSpec}: the base run for every pool kind and worker count,
 * {@code repetitions} times, one run at a time (never in parallel: runs would
 * compete for the same cores and spoil each other's figures).
 *
 * <h2>Order</h2>
 * Repetitions go in rounds: round 1 measures every point once, round 2 again,
 * and so on, so that a burst of load from elsewhere on the machine spreads over
 * many points instead of spoiling all repetitions of one. Each point reports
 * the median of its repetitions.
 *
 * <h2>Life cycle</h2>
 * NEW -> (run) RUNNING -> DONE, or -> CANCELLED when {@link #cancel()} is called
 * from any thread: the current run is stopped and {@link #run} returns the
 * points measured so far, marked cancelled. A sweep runs once.
 */
public final class Sweep {
    private static final Duration POLL = Duration.ofMillis(100);

    private final RunEngine engine;
    private final SweepSpec spec;
    private final int cores;
    private volatile boolean cancelled;
    private volatile Run current;
    private boolean started;

    /**
     * A sweep on an engine.
     *
     * @throws dev.poolscope.engine.InvalidSpecException if the spec is invalid for the engine's registries
     */
    public Sweep(RunEngine engine, SweepSpec spec) {
        this(engine, spec, Runtime.getRuntime().availableProcessors());
    }

    /** A sweep that quotes {@code cores} in its explanations (for tests). */
    public Sweep(RunEngine engine, SweepSpec spec, int cores) {
        spec.validate(engine.pools(), engine.workloads());
        this.engine = engine;
        this.spec = spec;
        this.cores = cores;
    }

    /** The spec. */
    public SweepSpec spec() {
        return spec;
    }

    /**
     * Runs the sweep on the calling thread and returns what it found.
     *
     * @throws InterruptedException if the calling thread is interrupted (the current run is stopped)
     * @throws IllegalStateException if called twice
     */
    public SweepResult run(SweepListener listener) throws InterruptedException {
        synchronized (this) {
            if (started) {
                throw new IllegalStateException("a sweep runs once");
            }
            started = true;
        }
        Map<String, Acc> acc = new LinkedHashMap<>();
        try {
            if (spec.warmup() && !cancelled) {
                RunSpec w = spec.pointSpec(spec.pools().get(0), spec.workers().get(spec.workers().size() - 1));
                listener.warmingUp(w);
                measure(w);
            }
            int total = spec.totalRuns();
            int done = 0;
            for (int round = 1; round <= spec.repetitions(); round++) {
                for (String pool : spec.pools()) {
                    for (int n : spec.workers()) {
                        if (cancelled) {
                            return SweepResult.analyse(spec, points(acc), true, cores);
                        }
                        RunSpec rs = spec.pointSpec(pool, n);
                        listener.runStarting(rs, done, total, round);
                        MachineLoad.Mark mark = MachineLoad.start();
                        RunReport r = measure(rs);
                        // worker processes are "other processes" to /proc/stat: for process pools the figure is unknown
                        double others = engine.pools().get(SweepSpec.kindOf(pool)).usesProcesses() ? Double.NaN : mark.otherCores();
                        if (r.state() != RunState.COMPLETED) {
                            // stopped by cancel, or failed: leave it out
                            if (cancelled) {
                                return SweepResult.analyse(spec, points(acc), true, cores);
                            }
                            throw new IllegalStateException("run " + rs.describe() + " ended " + r.state().label()
                                    + (r.notes().isEmpty() ? "" : ": " + String.join("; ", r.notes())));
                        }
                        Acc a = acc.computeIfAbsent(pool + "\u0000" + n, k -> new Acc(pool, n));
                        a.add(r, others);
                        done++;
                        List<SweepPoint> pts = points(acc);
                        listener.pointMeasured(a.point(), SweepResult.analyse(spec, pts, false, cores), done, total);
                    }
                }
            }
            return SweepResult.analyse(spec, points(acc), false, cores);
        } catch (CancellationException e) {
            return SweepResult.analyse(spec, points(acc), true, cores);
        }
    }

    /** Cancels the sweep from any thread; the current run is stopped. Returns at once. */
    public void cancel() {
        cancelled = true;
        Run r = current;
        if (r != null) {
            r.stop();
        }
    }

    /** True once {@link #cancel()} has been called. */
    public boolean isCancelled() {
        return cancelled;
    }

    private RunReport measure(RunSpec rs) throws InterruptedException {
        Run run = engine.start(rs);
        current = run;
        try {
            if (cancelled) {
                run.stop();
            }
            while (true) {
                try {
                    return run.await(POLL);
                } catch (TimeoutException e) {
                    if (cancelled) {
                        run.stop();
                    }
                }
            }
        } catch (InterruptedException e) {
            run.stop();
            throw e;
        } finally {
            current = null;
        }
    }

    private static List<SweepPoint> points(Map<String, Acc> acc) {
        List<SweepPoint> out = new ArrayList<>();
        acc.values().forEach(a -> out.add(a.point()));
        return out;
    }

    /** A point's repetitions so far (used by the sweep's thread only). */
    private static final class Acc {
        final String pool;
        final int workers;
        final List<Double> throughputs = new ArrayList<>();
        final List<Double> p50s = new ArrayList<>();
        final List<Double> p99s = new ArrayList<>();
        final List<Double> background = new ArrayList<>();
        final List<Double> cores = new ArrayList<>();
        final List<Double> cpuPerBusy = new ArrayList<>();
        long failed;

        Acc(String pool, int workers) {
            this.pool = pool;
            this.workers = workers;
        }

        void add(RunReport r, double otherCores) {
            if (!Double.isNaN(otherCores)) {
                background.add(otherCores);
            }
            throughputs.add(r.throughputPerSecond());
            cores.add(r.wallNanos() > 0 ? r.cpuNanos() / (double) r.wallNanos() : 0);
            double busy = r.service().mean() * r.counts().ran();
            cpuPerBusy.add(busy > 0 ? r.cpuNanos() / busy : 0);
            p50s.add(Percentiles.micros(r.latency().p50()));
            p99s.add(Percentiles.micros(r.latency().p99()));
            failed += r.counts().failed() + r.counts().rejected() + r.counts().timedOut();
        }

        SweepPoint point() {
            return new SweepPoint(pool, workers, SweepPoint.median(throughputs), SweepPoint.median(p50s),
                    SweepPoint.median(p99s), throughputs, failed,
                    background.isEmpty() ? Double.NaN : SweepPoint.median(background), SweepPoint.median(cores),
                    SweepPoint.median(cpuPerBusy));
        }
    }

    @Override
    public String toString() {
        return "Sweep[" + String.join(",", spec.pools()) + " x " + WorkerCounts.format(spec.workers()) + ", "
                + spec.base().workload() + ", " + spec.base().tasks() + " tasks, repeat " + spec.repetitions()
                + (cancelled ? ", cancelled" : "") + "]";
    }
}
