package dev.poolscope.bench;

import dev.poolscope.pool.ObservedTask;
import dev.poolscope.pool.PoolConfig;
import dev.poolscope.pool.PoolKind;
import dev.poolscope.pool.PoolRegistry;
import dev.poolscope.pool.WorkerDetail;
import dev.poolscope.pool.WorkerPool;
import dev.poolscope.workload.TaskSource;
import dev.poolscope.workload.WorkloadSpec;
import dev.poolscope.workload.WorkloadTask;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * How close the process pool comes to the pipe it talks over: a tiny task's
 * round trip and pipelined no-op throughput through a one-worker process pool,
 * against {@link PipeBench}'s raw ping-pong and pipelined frames with one child
 * JVM, the two sides alternating round by round. Also the time from starting a
 * worker process to its ready handshake.
 *
 * <p>The process pool is the registry's kind named {@value #KIND}; without it
 * the raw figures are still measured and the pool's are null with a reason.
 */
public final class ProcessPoolBench {
    /** The process pool's registry name. */
    public static final String KIND = "process";
    private static final WorkloadSpec NOOP = WorkloadSpec.of("noop");
    private static final long SEED = 42;

    /**
     * Pipelined throughput: raw frames against no-op tasks.
     *
     * @param pipePerSecond raw frames per second through one child
     * @param poolPerSecond no-op tasks per second through the pool
     * @param ratio pool / pipe
     * @param workers the pool's workers (one child JVM each)
     */
    public record Pipelined(double pipePerSecond, Double poolPerSecond, Double ratio, int workers) {
    }

    /**
     * The {@code processRoundTrip} section.
     *
     * @param pipeMicrosP50 raw ping-pong round trip, median
     * @param pipeMicrosP99 raw ping-pong round trip, 99th percentile
     * @param poolMicrosP50 {@code submit(noop).get()} through the pool, median
     * @param poolMicrosP99 the same, 99th percentile
     * @param ratio poolMicrosP50 / pipeMicrosP50
     * @param pipelined pipelined throughput
     * @param reason why the pool's figures are missing, or null
     * @param pipeWakeup how the raw sides wait for a message ({@value PipeBench#WAKEUP}: as the pool's do)
     */
    public record RoundTrip(double pipeMicrosP50, double pipeMicrosP99, Double poolMicrosP50, Double poolMicrosP99,
                            Double ratio, Pipelined pipelined, String reason, String pipeWakeup) {
    }

    /**
     * The {@code workerStartupMillis} section.
     *
     * @param p50 median start-to-ready time of the pool's worker processes
     * @param max the longest
     * @param samples how many starts were measured
     * @param rawJvmP50 median time for a bare echo JVM to answer its first frame (the floor)
     * @param source where p50 and max come from
     */
    public record Startup(Double p50, Double max, int samples, double rawJvmP50, String source) {
    }

    private final BenchConfig config;
    private final PoolRegistry registry;
    private final Consumer<String> progress;

    public ProcessPoolBench(BenchConfig config, PoolRegistry registry, Consumer<String> progress) {
        this.config = config;
        this.registry = registry;
        this.progress = progress;
    }

    /** The process pool kind, if it is on the class path. */
    public Optional<PoolKind> kind() {
        return registry.find(KIND).filter(PoolKind::usesProcesses);
    }

    /** One warm-up trial of one side; returns its pipelined rate. */
    private interface Trial {
        double run() throws IOException, InterruptedException, ExecutionException;
    }

    /**
     * Repeats a side's trial, discarded, until its code runs compiled: for at
     * least 1 s ({@code quick}), 2 s ({@code full}) or 50 ms ({@code tiny}),
     * then until the last {@value #STEADY_TRIALS} pipelined rates lie within
     * {@value #STEADY_SPREAD} of each other, for at most 5x the least time.
     * A process pool runs far more code per message than the raw pipe, so a
     * fixed warm-up would compare its compiling phase with the pipe's steady
     * state.
     */
    private void warmUp(Trial trial) throws IOException, InterruptedException, ExecutionException {
        long least = config.mode().equals("tiny") ? 50_000_000L : config.mode().equals("full") ? 2_000_000_000L : 1_000_000_000L;
        long start = System.nanoTime();
        List<Double> rates = new ArrayList<>();
        while (true) {
            rates.add(trial.run());
            long spent = System.nanoTime() - start;
            if (spent >= 5 * least || spent >= least && steady(rates)) {
                return;
            }
        }
    }

    /** Trials in a row whose rates must agree before the warm-up ends. */
    static final int STEADY_TRIALS = 3;
    /** How far apart (max / min - 1) those rates may be. */
    static final double STEADY_SPREAD = 0.10;

    /** True if the last {@value #STEADY_TRIALS} rates lie within {@value #STEADY_SPREAD} of each other. */
    static boolean steady(List<Double> rates) {
        if (rates.size() < STEADY_TRIALS) {
            return false;
        }
        List<Double> last = rates.subList(rates.size() - STEADY_TRIALS, rates.size());
        double min = last.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double max = last.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        return min > 0 && max / min - 1 <= STEADY_SPREAD;
    }

    /** Measures round trips and pipelined throughput, the sides interleaved, after each side's warm-up to a steady rate. */
    public RoundTrip roundTrip() throws IOException, InterruptedException, ExecutionException {
        Optional<PoolKind> kind = kind();
        List<Double> pipeP50 = new ArrayList<>();
        List<Double> pipeP99 = new ArrayList<>();
        List<Double> poolP50 = new ArrayList<>();
        List<Double> poolP99 = new ArrayList<>();
        List<Double> pipeRate = new ArrayList<>();
        List<Double> poolRate = new ArrayList<>();
        int n = config.pingPongs();
        int m = config.pipelined();
        try (PipeBench pipe = PipeBench.start(); PoolHandle pool = kind.isPresent() ? new PoolHandle(1) : null) {
            progress.accept("process round trip: warm-up");
            // each side streams until its rate is steady before anything counts, so both run compiled code
            warmUp(() -> {
                pipe.pingPong(Math.max(100, n / 2));
                return pipe.pipelined(Math.max(1000, m / 4));
            });
            if (pool != null) {
                warmUp(() -> {
                    pool.pingPong(Math.max(100, n / 2));
                    return pool.pipelined(Math.max(1000, m / 4));
                });
            }
            for (int r = 0; r < config.rounds(); r++) {
                progress.accept("process round trip: round " + (r + 1) + " of " + config.rounds());
                boolean poolFirst = r % 2 == 1;
                for (int side = 0; side < 2; side++) {
                    boolean usePool = (side == 0) == poolFirst;
                    if (usePool && pool == null) {
                        continue;
                    }
                    long[] rtt = usePool ? pool.pingPong(n) : pipe.pingPong(n);
                    double p50 = Stats.percentile(rtt, 50) / 1e3;
                    double p99 = Stats.percentile(rtt, 99) / 1e3;
                    double rate = usePool ? pool.pipelined(m) : pipe.pipelined(m);
                    (usePool ? poolP50 : pipeP50).add(p50);
                    (usePool ? poolP99 : pipeP99).add(p99);
                    (usePool ? poolRate : pipeRate).add(rate);
                }
            }
        }
        double pipe50 = Stats.median(pipeP50);
        double pipeR = Stats.median(pipeRate);
        if (kind.isEmpty()) {
            return new RoundTrip(Stats.round(pipe50, 1), Stats.round(Stats.median(pipeP99), 1), null, null, null,
                    new Pipelined(Stats.round(pipeR, 0), null, null, 1), noPoolReason(), PipeBench.WAKEUP);
        }
        double pool50 = Stats.median(poolP50);
        double poolR = Stats.median(poolRate);
        return new RoundTrip(Stats.round(pipe50, 1), Stats.round(Stats.median(pipeP99), 1), Stats.round(pool50, 1),
                Stats.round(Stats.median(poolP99), 1), Stats.round(pool50 / pipe50, 2),
                new Pipelined(Stats.round(pipeR, 0), Stats.round(poolR, 0), Stats.round(poolR / pipeR, 3), 1), null,
                PipeBench.WAKEUP);
    }

    /** Measures worker start-to-ready times (the pool's own figures) and a bare JVM's for comparison. */
    public Startup startup() throws IOException, InterruptedException, ExecutionException {
        List<Double> raw = new ArrayList<>();
        List<Double> pool = new ArrayList<>();
        boolean hasPool = kind().isPresent();
        for (int i = 0; i < config.startups(); i++) {
            progress.accept("worker startup: " + (i + 1) + " of " + config.startups());
            try (PipeBench pipe = PipeBench.start()) {
                raw.add(pipe.startupMillis());
            }
            if (hasPool) {
                try (PoolHandle h = new PoolHandle(1)) {
                    h.pool.submit(h.task(0)).get(30, TimeUnit.SECONDS);
                    for (WorkerDetail d : h.pool.workerDetails()) {
                        pool.addAll(d.startupMillis());
                    }
                } catch (java.util.concurrent.TimeoutException e) {
                    throw new IllegalStateException("a process worker did not answer within 30 s", e);
                }
            }
        }
        double rawP50 = Stats.round(Stats.median(raw), 1);
        if (!hasPool) {
            return new Startup(null, null, 0, rawP50, noPoolReason());
        }
        if (pool.isEmpty()) {
            return new Startup(null, null, 0, rawP50, "the process pool reported no startup times");
        }
        return new Startup(Stats.round(Stats.median(pool), 1),
                Stats.round(pool.stream().mapToDouble(Double::doubleValue).max().orElse(0), 1), pool.size(), rawP50,
                "the process pool's own start-to-ready figures");
    }

    static String noPoolReason() {
        return "no '" + KIND + "' pool kind on the class path";
    }

    /** A process pool of some workers and a no-op task source; closing it shuts the pool down. */
    final class PoolHandle implements AutoCloseable {
        final WorkerPool pool;
        final TaskSource source = WorkloadTask.resolve(NOOP, SEED);

        PoolHandle(int workers) {
            pool = registry.create(KIND, PoolConfig.of(workers));
        }

        WorkloadTask task(long i) {
            return new WorkloadTask(NOOP, SEED, i, source);
        }

        long[] pingPong(int n) throws InterruptedException, ExecutionException {
            long[] rtt = new long[n];
            for (int i = 0; i < n; i++) {
                WorkloadTask t = task(i);
                long t0 = System.nanoTime();
                pool.submit(t).get();
                rtt[i] = System.nanoTime() - t0;
            }
            return rtt;
        }

        double pipelined(int n) throws InterruptedException {
            CountDownLatch latch = new CountDownLatch(n);
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                ObservedTask<Object> t = pool.newTask(task(i));
                t.onDone(x -> latch.countDown());
                pool.execute(t);
            }
            if (!latch.await(5, TimeUnit.MINUTES)) {
                throw new IllegalStateException("pipelined no-op tasks through the process pool did not finish in 5 minutes");
            }
            return n / ((System.nanoTime() - t0) / 1e9);
        }

        @Override
        public void close() throws InterruptedException {
            pool.shutdown();
            if (!pool.awaitTermination(20, TimeUnit.SECONDS)) {
                pool.shutdownNow();
                pool.awaitTermination(5, TimeUnit.SECONDS);
            }
        }
    }
}
