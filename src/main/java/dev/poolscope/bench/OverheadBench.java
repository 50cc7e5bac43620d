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
 * <li>Each side is one long-lived executor, as a real pool is and as the JMH
 *     benchmark keeps one per trial: the bare one and the PoolScope pool, which
 *     runs with a {@link MetricsSampler} harvesting its recorders every 100 ms,
 *     as during a real run. One batch: one thread calls {@code execute} with the
 *     same {@link Runnable} N times; each task counts a latch down; the batch's
 *     time runs from the first {@code execute} to the latch opening. (This
 *     bench first made a fresh executor per batch; a warm bare executor is
 *     faster on no-op tasks, 13-20 M/s against about 10 M/s here, so the no-op
 *     figures measured now are the higher, steady-state ones.)</li>
 * <li>Two warm-up batches of each side are discarded, then the sides alternate
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
        WorkerPool pool = registry.create(kind, PoolConfig.of(workers));
        MetricsSampler sampler = new MetricsSampler(pool.metrics(), pool, Duration.ofMillis(100));
        sampler.start();
        ExecutorService bare = BareExecutors.create(kind, workers).orElseThrow();
        try {
            // warm-up, discarded: threads started, code compiled on both sides
            for (int i = 0; i < 2; i++) {
                batch(bare, type, Math.max(1, n / 2));
                batch(pool, type, Math.max(1, n / 2));
            }
            List<Double> bareRates = new ArrayList<>();
            List<Double> observed = new ArrayList<>();
            for (int r = 0; r < config.rounds(); r++) {
                boolean observedFirst = r % 2 == 1;
                for (int side = 0; side < 2; side++) {
                    boolean obs = (side == 0) == observedFirst;
                    (obs ? observed : bareRates).add(batch(obs ? pool : bare, type, n));
                }
            }
            long ok = pool.metrics().counts().succeeded();
            long expected = 2L * Math.max(1, n / 2) + (long) config.rounds() * n;
            // the latch opens inside the last task, so its end may not be counted yet
            if (ok < expected - workers) {
                throw new IllegalStateException("pool counted " + ok + " of " + expected + " tasks");
            }
            double b = Stats.median(bareRates);
            double o = Stats.median(observed);
            return new Result(kind, type.label(), Stats.round(b, 0), Stats.round(o, 0), Stats.round(o / b, 3),
                    Stats.round(1e9 / o - 1e9 / b, 1));
        } finally {
            sampler.close();
            for (ExecutorService ex : List.of(pool, bare)) {
                ex.shutdown();
                if (!ex.awaitTermination(30, TimeUnit.SECONDS)) {
                    ex.shutdownNow();
                }
            }
        }
    }

    /** One timed batch on a running executor: returns tasks per second. */
    private double batch(ExecutorService ex, TaskType type, int n) throws InterruptedException {
        CountDownLatch latch = new CountDownLatch(n);
        Runnable task = type == TaskType.NOOP ? latch::countDown : spin(latch, config.spinNanos());
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            ex.execute(task);
        }
        if (!latch.await(5, TimeUnit.MINUTES)) {
            throw new IllegalStateException("an overhead batch did not finish in 5 minutes");
        }
        return n / ((System.nanoTime() - t0) / 1e9);
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
