package dev.poolscope.bench.jmh;

import dev.poolscope.jfr.TaskEvent;
import dev.poolscope.jfr.TaskEvents;
import dev.poolscope.metrics.MetricsSampler;
import dev.poolscope.metrics.Outcome;
import dev.poolscope.metrics.PoolMetrics;
import dev.poolscope.metrics.WorkerRecorder;
import dev.poolscope.pool.PoolConfig;
import dev.poolscope.pool.PoolRegistry;
import dev.poolscope.pool.WorkerPool;
import jdk.jfr.Recording;
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
import java.util.concurrent.TimeUnit;

/**
 * What the {@code dev.poolscope.Task} JFR event costs per task, with no
 * recording ({@code recording=none}) and with one that has PoolScope's events
 * enabled without stack traces ({@code recording=jfr}, as {@code run --jfr}
 * starts it):
 * <ul>
 * <li>{@code recordTask}: one worker recorder's start and finish of a task
 *     on one thread (the metrics' task path alone, where the event is written);</li>
 * <li>{@code poolTask}: {@value #BATCH} no-op tasks through a {@code fixed}
 *     pool of one worker per core, per task;</li>
 * <li>{@code enabledCheck}: the check the task path makes when nothing records.</li>
 * </ul>
 * The difference between the two {@code recording} rows of one benchmark is
 * the event's cost. The recording keeps at most 64 MB on disk.
 *
 * <pre>
 * ./mvnw -Pjmh -DskipTests package
 * java -jar target/benchmarks.jar JfrEventBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class JfrEventBenchmark {
    /** Tasks per {@code poolTask} invocation. */
    public static final int BATCH = 100_000;

    /** {@code none} or {@code jfr}. */
    @Param({"none", "jfr"})
    public String recording;

    private Recording jfr;
    private WorkerRecorder worker;
    private long taskId;
    private WorkerPool pool;
    private MetricsSampler sampler;
    private CountDownLatch latch;
    private Runnable countDown;

    @Setup(Level.Trial)
    public void setUp() {
        if (recording.equals("jfr")) {
            jfr = new Recording();
            jfr.enable(TaskEvent.NAME).withoutStackTrace().withThreshold(Duration.ZERO);
            jfr.setMaxSize(64L << 20);
            jfr.setToDisk(true);
            jfr.start();
            if (!TaskEvents.enabled()) {
                throw new IllegalStateException("task events are not enabled by the recording");
            }
        }
        worker = new PoolMetrics("bench").addWorker("bench-0", false);
        pool = PoolRegistry.standard().create("fixed", PoolConfig.of(Runtime.getRuntime().availableProcessors()));
        sampler = new MetricsSampler(pool.metrics(), pool, Duration.ofMillis(100));
        sampler.start();
        countDown = () -> latch.countDown();
    }

    @Benchmark
    public void recordTask() {
        long id = taskId++;
        long t = System.nanoTime();
        worker.taskStarted(id, t);
        worker.taskFinished(id, t - 1_000, t, System.nanoTime(), Outcome.SUCCEEDED);
    }

    @Benchmark
    public boolean enabledCheck() {
        return TaskEvents.enabled();
    }

    @Setup(Level.Invocation)
    public void newLatch() {
        latch = new CountDownLatch(BATCH);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void poolTask() throws InterruptedException {
        WorkerPool p = pool;
        Runnable r = countDown;
        for (int i = 0; i < BATCH; i++) {
            p.execute(r);
        }
        latch.await();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
        sampler.close();
        pool.shutdown();
        pool.awaitTermination(30, TimeUnit.SECONDS);
        if (jfr != null) {
            jfr.close();
        }
    }
}
