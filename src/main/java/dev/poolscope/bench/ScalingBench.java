package dev.poolscope.bench;

import dev.poolscope.engine.RunEngine;
import dev.poolscope.metrics.MetricsSampler;
import dev.poolscope.metrics.ProcessCpu;
import dev.poolscope.pool.PoolConfig;
import dev.poolscope.pool.PoolKind;
import dev.poolscope.pool.WorkerPool;
import dev.poolscope.workload.TaskSource;
import dev.poolscope.workload.WorkloadSpec;
import dev.poolscope.workload.WorkloadTask;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * How each pool kind scales CPU work: the {@code cpu} workload on one worker
 * and on as many workers as cores. Both sides do the same work
 * ({@code cores x cpuTasks} tasks), alternating 1, N, N, 1, ...; the speedup
 * is the median one-worker wall time over the median N-worker wall time.
 *
 * <p>Each trial creates a pool from the registry with its metrics sampled
 * every 100 ms, as in a run, and first runs a quarter of the work on it,
 * untimed: the speedup is the warm pool's. That matters for process pools,
 * whose new worker JVMs compile the task's code before it runs fast: measured
 * here, each fresh worker spends 60-120 ms of CPU on that, which on a 2-core
 * machine the other worker's task pays for (a cold 0.8 s trial of
 * {@code process} scaled about 1.8x where a warm one scaled 1.96x). Worker
 * start-up itself is outside the timing, as in a run (a pool is ready when
 * its constructor returns); it is measured in {@code workerStartupMillis}.
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
    public List<Result> run() throws InterruptedException, ExecutionException, TimeoutException {
        List<Result> out = new ArrayList<>();
        for (PoolKind kind : engine.pools().kinds()) {
            if (kind.name().equals("cluster")) {
                continue; // measured on members of one thread each in the cluster section
            }
            progress.accept("scaling: " + kind.name());
            out.add(measure(kind.name()));
        }
        return out;
    }

    /** Measures one kind. */
    public Result measure(String kind) throws InterruptedException, ExecutionException, TimeoutException {
        WorkloadSpec cpu = WorkloadSpec.parse("cpu:size=" + config.cpuSize());
        int tasks = config.cpuTasks() * this.cores;
        List<Double> one = new ArrayList<>();
        List<Double> many = new ArrayList<>();
        List<Double> cores = new ArrayList<>();
        for (int r = 0; r < config.rounds(); r++) {
            boolean manyFirst = r % 2 == 1;
            for (int side = 0; side < 2; side++) {
                boolean isMany = (side == 0) == manyFirst;
                double[] t = trial(kind, isMany ? this.cores : 1, cpu, tasks);
                (isMany ? many : one).add(t[0]);
                if (isMany) {
                    cores.add(t[1]);
                }
            }
        }
        double o = Stats.median(one);
        double m = Stats.median(many);
        return new Result(kind, this.cores, Stats.round(o / m, 2), Stats.round(o, 3), Stats.round(m, 3),
                Stats.round(Stats.median(cores), 2));
    }

    /** One trial on a new, warmed pool: {wall seconds, cores this JVM used}. */
    private double[] trial(String kind, int workers, WorkloadSpec cpu, int tasks)
            throws InterruptedException, ExecutionException, TimeoutException {
        WorkerPool pool = engine.pools().create(kind, PoolConfig.of(workers));
        MetricsSampler sampler = new MetricsSampler(pool.metrics(), pool, Duration.ofMillis(100));
        sampler.start();
        try {
            TaskSource source = WorkloadTask.resolve(cpu, 42);
            runAll(pool, cpu, source, 0, Math.max(workers, tasks / 4));
            long cpu0 = ProcessCpu.nanos();
            long t0 = System.nanoTime();
            runAll(pool, cpu, source, tasks, tasks);
            long wall = System.nanoTime() - t0;
            long used = ProcessCpu.nanos() - cpu0;
            return new double[] {wall / 1e9, used / (double) wall};
        } finally {
            sampler.close();
            pool.shutdown();
            if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        }
    }

    private static void runAll(WorkerPool pool, WorkloadSpec spec, TaskSource source, long first, int n)
            throws InterruptedException, ExecutionException, TimeoutException {
        List<Future<Object>> futures = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            futures.add(pool.submit(new WorkloadTask(spec, 42, first + i, source)));
        }
        for (Future<Object> f : futures) {
            f.get(5, TimeUnit.MINUTES);
        }
    }
}
