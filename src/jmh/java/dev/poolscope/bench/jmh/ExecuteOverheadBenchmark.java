package dev.poolscope.bench.jmh;

import dev.poolscope.bench.BareExecutors;
import dev.poolscope.metrics.MetricsSampler;
import dev.poolscope.pool.PoolConfig;
import dev.poolscope.pool.PoolRegistry;
import dev.poolscope.pool.WorkerPool;
import dev.poolscope.workload.Work;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What observation costs per task: {@value #BATCH} tasks handed to
 * {@code execute} by one thread, waited for with a latch, through a PoolScope
 * pool of each thread kind (metrics on, a sampler flipping them every 100 ms)
 * and through the bare JDK executor of the same kind and size
 * ({@link BareExecutors}); the score is the average time per task. The
 * {@code side=bare} and {@code side=observed} rows of one kind are the
 * comparison {@code poolscope bench} reports as {@code addedNanosPerTask}.
 *
 * <p>Run (the kinds default to the thread kinds of the registry; JMH runs the
 * parameter combinations one after another, so compare rows from one run):
 * <pre>
 * mvn -Pjmh -DskipTests package
 * java -jar target/benchmarks.jar ExecuteOverheadBenchmark
 * java -jar target/benchmarks.jar ExecuteOverheadBenchmark -p kind=fixed -p task=noop -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class ExecuteOverheadBenchmark {
    /** Tasks per benchmark invocation. */
    public static final int BATCH = 100_000;

    /** A registry name of a thread-pool kind (checked against {@link PoolRegistry#standard()}). */
    @Param({"fixed", "virtual", "forkjoin"})
    public String kind;

    /** {@code bare}: the JDK executor; {@code observed}: the PoolScope pool. */
    @Param({"bare", "observed"})
    public String side;

    /** {@code noop} or {@code cpu10us}. */
    @Param({"noop", "cpu10us"})
    public String task;

    private ExecutorService executor;
    private MetricsSampler sampler;
    private CountDownLatch latch;
    private Runnable runnable;

    @Setup(Level.Trial)
    public void setUp() {
        int workers = Runtime.getRuntime().availableProcessors();
        if (PoolRegistry.standard().get(kind).usesProcesses()) {
            throw new IllegalArgumentException("kind '" + kind + "' uses processes; see ProcessRoundTripBenchmark");
        }
        if (side.equals("observed")) {
            WorkerPool pool = PoolRegistry.standard().create(kind, PoolConfig.of(workers));
            sampler = new MetricsSampler(pool.metrics(), pool, Duration.ofMillis(100));
            sampler.start();
            executor = pool;
        } else {
            executor = BareExecutors.create(kind, workers).orElseThrow();
        }
        runnable = task.equals("noop") ? () -> latch.countDown() : () -> {
            try {
                Work.spinFor(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            latch.countDown();
        };
    }

    @Setup(Level.Invocation)
    public void newLatch() {
        latch = new CountDownLatch(BATCH);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void execute() throws InterruptedException {
        ExecutorService ex = executor;
        Runnable r = runnable;
        for (int i = 0; i < BATCH; i++) {
            ex.execute(r);
        }
        latch.await();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
        if (sampler != null) {
            sampler.close();
        }
        executor.shutdown();
        executor.awaitTermination(30, TimeUnit.SECONDS);
    }
}
