package dev.poolscope.bench;

import dev.poolscope.metrics.MetricsSampler;
import dev.poolscope.pool.PoolConfig;
import dev.poolscope.pool.PoolKind;
import dev.poolscope.pool.PoolRegistry;
import dev.poolscope.pool.WorkerPool;
import dev.poolscope.workload.Work;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * What observation costs per task: each thread-pool kind against its bare JDK
 * executor ({@link BareExecutors}) of the same size, on no-op tasks and on
 * short CPU tasks.
 *
 * <h2>Method</h2>
 * <ol>
 * <li>One trial: a fresh executor with its threads started; one thread calls
 *     {@code execute} with the same {@link Runnable} N times; each task counts a
 *     latch down; the trial's time runs from the first {@code execute} to the
 *     latch opening. The observed pool runs with a {@link MetricsSampler}
 *     flipping its recorders every 100 ms, as during a real run.</li>
 * <li>A warm-up round of both sides is discarded, then the sides alternate
 *     (bare, observed, observed, bare, ...) for the configured rounds, so that
 *     machine drift hits both alike; each side's rate is the median of its trials.</li>
 * <li>{@code addedNanosPerTask} = 1e9/observed - 1e9/bare: the wall time each
 *     task costs more, all threads together.</li>
 * </ol>
 */
public final class OverheadBench {
    /** Tasks the overhead section measures. */
    public enum TaskType {
        /** Returns at once: the pool's own cost. */
        NOOP("noop"),
        /** Spins the CPU for the configured time (10 µs). */
        SPIN("cpu10us");

        private final String label;

        TaskType(String label) {
            this.label = label;
        }

        /** The name used in reports. */
        public String label() {
            return label;
        }
    }

    /**
     * One kind and task: median rates of both sides.
     *
     * @param pool the kind's registry name
     * @param task {@code noop} or {@code cpu10us}
     * @param barePerSecond tasks per second through the bare JDK executor
     * @param observedPerSecond tasks per second through the PoolScope pool, metrics on
     * @param ratio observed / bare (1.0 = no cost)
     * @param addedNanosPerTask wall nanoseconds each task costs more when observed
     */
    public record Result(String pool, String task, double barePerSecond, double observedPerSecond, double ratio,
                         double addedNanosPerTask) {
    }

    private final BenchConfig config;
    private final PoolRegistry registry;
    private final int workers;
    private final Consumer<String> progress;

    /** A bench over the registry's thread-pool kinds that have a bare baseline. */
    public OverheadBench(BenchConfig config, PoolRegistry registry, int workers, Consumer<String> progress) {
        this.config = config;
        this.registry = registry;
        this.workers = workers;
        this.progress = progress;
    }

    /** Runs every kind and task. */
    public List<Result> run() throws InterruptedException {
        List<Result> out = new ArrayList<>();
        for (PoolKind kind : registry.kinds()) {
            if (kind.usesProcesses() || !BareExecutors.kinds().contains(kind.name())) {
                continue;
            }
            for (TaskType type : TaskType.values()) {
                progress.accept("overhead: " + kind.name() + " " + type.label());
                out.add(measure(kind.name(), type));
            }
        }
        return out;
    }

    /** Measures one kind and task type, sides interleaved. */
    public Result measure(String kind, TaskType type) throws InterruptedException {
        int n = type == TaskType.NOOP ? config.noopTasks() : config.spinTasks();
        // warm-up, discarded
        trial(kind, type, Math.max(1, n / 2), false);
        trial(kind, type, Math.max(1, n / 2), true);
        List<Double> bare = new ArrayList<>();
        List<Double> observed = new ArrayList<>();
        for (int r = 0; r < config.rounds(); r++) {
            boolean observedFirst = r % 2 == 1;
            for (int side = 0; side < 2; side++) {
                boolean obs = (side == 0) == observedFirst;
                double rate = trial(kind, type, n, obs);
                (obs ? observed : bare).add(rate);
            }
        }
        double b = Stats.median(bare);
        double o = Stats.median(observed);
        return new Result(kind, type.label(), Stats.round(b, 0), Stats.round(o, 0), Stats.round(o / b, 3),
                Stats.round(1e9 / o - 1e9 / b, 1));
    }

    /** One trial: returns tasks per second. */
    double trial(String kind, TaskType type, int n, boolean observed) throws InterruptedException {
        ExecutorService ex;
        MetricsSampler sampler = null;
        if (observed) {
            WorkerPool pool = registry.create(kind, PoolConfig.of(workers));
            sampler = new MetricsSampler(pool.metrics(), pool, Duration.ofMillis(100));
            sampler.start();
            ex = pool;
        } else {
            ex = BareExecutors.create(kind, workers).orElseThrow();
        }
        try {
            CountDownLatch latch = new CountDownLatch(n);
            Runnable task = type == TaskType.NOOP ? latch::countDown : spin(latch, config.spinNanos());
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                ex.execute(task);
            }
            if (!latch.await(5, TimeUnit.MINUTES)) {
                throw new IllegalStateException("overhead trial on " + kind + " did not finish in 5 minutes");
            }
            long wall = System.nanoTime() - t0;
            if (observed) {
                long ok = ((WorkerPool) ex).metrics().counts().succeeded();
                // the latch opens inside the last task, so its end may not be counted yet
                if (ok < n - workers) {
                    throw new IllegalStateException("pool counted " + ok + " of " + n + " tasks");
                }
            }
            return n / (wall / 1e9);
        } finally {
            if (sampler != null) {
                sampler.close();
            }
            ex.shutdown();
            if (!ex.awaitTermination(30, TimeUnit.SECONDS)) {
                ex.shutdownNow();
            }
        }
    }

    private static Runnable spin(CountDownLatch latch, long nanos) {
        return () -> {
            try {
                Work.spinFor(nanos);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            latch.countDown();
        };
    }
}
