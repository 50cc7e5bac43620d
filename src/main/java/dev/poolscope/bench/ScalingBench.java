package dev.poolscope.bench;

import dev.poolscope.engine.Run;
import dev.poolscope.engine.RunEngine;
import dev.poolscope.engine.RunReport;
import dev.poolscope.engine.RunSpec;
import dev.poolscope.engine.RunState;
import dev.poolscope.pool.PoolKind;
import dev.poolscope.workload.WorkloadSpec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * How each pool kind scales CPU work: the {@code cpu} workload through a full
 * {@link Run} on one worker and on as many workers as cores. Both runs do the
 * same work ({@code cores x cpuTasks} tasks), alternating 1, N, N, 1, ...;
 * the speedup is the median one-worker wall time over the median N-worker wall
 * time. A run's wall time starts at its first submission, after its pool was
 * created (for a process pool, worker start-up overlaps the first tasks).
 */
public final class ScalingBench {
    /**
     * One kind.
     *
     * @param pool the kind's name
     * @param workers the N of the N-worker runs (the number of cores)
     * @param speedup one-worker wall time / N-worker wall time (ideal: N)
     * @param oneWorkerSeconds median wall time on one worker
     * @param manyWorkersSeconds median wall time on N workers
     * @param manyWorkersCoresUsed median CPU time of this JVM over wall time during the N-worker runs: how many
     *        cores the machine actually gave the run (below N when other processes compete; for process pools
     *        the workers' CPU is not included)
     */
    public record Result(String pool, int workers, double speedup, double oneWorkerSeconds, double manyWorkersSeconds,
                         double manyWorkersCoresUsed) {
    }

    private final BenchConfig config;
    private final RunEngine engine;
    private final int cores;
    private final Consumer<String> progress;

    public ScalingBench(BenchConfig config, RunEngine engine, int cores, Consumer<String> progress) {
        this.config = config;
        this.engine = engine;
        this.cores = cores;
        this.progress = progress;
    }

    /** Runs every kind of the engine's registry. */
    public List<Result> run() throws InterruptedException, TimeoutException {
        List<Result> out = new ArrayList<>();
        for (PoolKind kind : engine.pools().kinds()) {
            progress.accept("scaling: " + kind.name());
            out.add(measure(kind.name()));
        }
        return out;
    }

    /** Measures one kind. */
    public Result measure(String kind) throws InterruptedException, TimeoutException {
        WorkloadSpec cpu = WorkloadSpec.parse("cpu:size=" + config.cpuSize());
        long tasks = (long) config.cpuTasks() * this.cores;
        // warm-up on N workers, a quarter of the work
        runOnce(RunSpec.of(kind, this.cores, cpu, Math.max(this.cores, tasks / 4)));
        List<Double> one = new ArrayList<>();
        List<Double> many = new ArrayList<>();
        List<Double> cores = new ArrayList<>();
        for (int r = 0; r < config.rounds(); r++) {
            boolean manyFirst = r % 2 == 1;
            for (int side = 0; side < 2; side++) {
                boolean isMany = (side == 0) == manyFirst;
                RunReport rep = runOnce(RunSpec.of(kind, isMany ? this.cores : 1, cpu, tasks));
                (isMany ? many : one).add(rep.wallSeconds());
                if (isMany) {
                    cores.add(rep.cpuNanos() / (double) rep.wallNanos());
                }
            }
        }
        double o = Stats.median(one);
        double m = Stats.median(many);
        return new Result(kind, this.cores, Stats.round(o / m, 2), Stats.round(o, 3), Stats.round(m, 3),
                Stats.round(Stats.median(cores), 2));
    }

    private RunReport runOnce(RunSpec spec) throws InterruptedException, TimeoutException {
        Run run = engine.start(spec);
        try {
            RunReport r = run.await(Duration.ofMinutes(5));
            if (r.state() != RunState.COMPLETED || r.counts().succeeded() != spec.tasks()) {
                throw new IllegalStateException("scaling run " + spec.describe() + " ended " + r.state().label()
                        + " with " + r.counts().succeeded() + " tasks succeeded; notes: " + r.notes());
            }
            return r;
        } finally {
            run.close();
        }
    }
}
