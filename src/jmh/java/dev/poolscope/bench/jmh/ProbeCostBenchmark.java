package dev.poolscope.bench.jmh;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import dev.poolscope.agent.boot.PoolEntry;
import dev.poolscope.agent.boot.PoolHooks;

import java.lang.management.ManagementFactory;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * What the deep probe adds per task: the same no-op tasks through a plain {@code ThreadPoolExecutor} of 2
 * threads, in a JVM without the agent ({@code bare}) and in one with it ({@code probed}, the agent loaded with
 * {@code -javaagent}, which installs the same advice as {@code poolscope watch --deep}). The score is the time per
 * task; the added cost is {@code probed - bare}.
 *
 * <p>{@code bareDrained} and {@code probedDrained} take the hand-off out: one worker is held by a gate task while
 * the benchmark thread submits the batch (each {@code execute} with its advice, into the queue), then the gate opens
 * and the worker alone runs the batch (each task with its {@code beforeExecute} and {@code afterExecute} advice).
 * Each phase has one thread running, so the figure moves less when other programs share the cores. A probed fork
 * checks at its end that the advice saw its pool, so it cannot measure a pool the agent missed.
 *
 * <p>Run from the project folder (the agent jar's path is relative to it):
 * <pre>
 * mvn -Pjmh -DskipTests package
 * java -jar target/benchmarks.jar ProbeCostBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ProbeCostBenchmark {
    /** Tasks per invocation. */
    static final int BATCH = 1000;
    private static final String AGENT = "-javaagent:target/classes/dev/poolscope/attach/poolscope-agent.jar=idleMillis=0,dir=target/classes/dev/poolscope/attach";

    /** Tasks per invocation of the drained pair. */
    static final int DRAINED = 10_000;

    private ThreadPoolExecutor pool;
    private ThreadPoolExecutor single;
    private volatile CountDownLatch latch;
    private final Runnable task = () -> latch.countDown();

    @Setup(Level.Trial)
    public void start() {
        pool = new ThreadPoolExecutor(2, 2, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>());
        pool.prestartAllCoreThreads();
        single = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>());
        single.prestartAllCoreThreads();
    }

    @TearDown(Level.Trial)
    public void stop() throws InterruptedException {
        boolean agent = ManagementFactory.getRuntimeMXBean().getInputArguments().stream().anyMatch(a -> a.startsWith("-javaagent"));
        if (agent && PoolHooks.enabled() && !seen(pool) && !seen(single)) {
            throw new IllegalStateException("the probe's advice never saw the benchmark's pools");
        }
        for (ThreadPoolExecutor p : new ThreadPoolExecutor[]{pool, single}) {
            p.shutdown();
            if (!p.awaitTermination(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("pool did not end");
            }
        }
    }

    private static boolean seen(ThreadPoolExecutor p) {
        for (PoolEntry e : PoolHooks.pools()) {
            if (e.pool.get() == p && e.recordedWorkers() > 0) {
                return true;
            }
        }
        return false;
    }

    private void drained() throws InterruptedException {
        CountDownLatch gate = new CountDownLatch(1);
        latch = new CountDownLatch(DRAINED);
        single.execute(() -> {
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        for (int i = 0; i < DRAINED; i++) {
            single.execute(task);
        }
        gate.countDown();
        latch.await();
    }

    @Benchmark
    @Fork(1)
    @OperationsPerInvocation(DRAINED)
    public void bareDrained() throws InterruptedException {
        drained();
    }

    @Benchmark
    @Fork(value = 1, jvmArgsAppend = AGENT)
    @OperationsPerInvocation(DRAINED)
    public void probedDrained() throws InterruptedException {
        drained();
    }

    private void batch() throws InterruptedException {
        latch = new CountDownLatch(BATCH);
        for (int i = 0; i < BATCH; i++) {
            pool.execute(task);
        }
        latch.await();
    }

    @Benchmark
    @Fork(1)
    @OperationsPerInvocation(BATCH)
    public void bare() throws InterruptedException {
        batch();
    }

    @Benchmark
    @Fork(value = 1, jvmArgsAppend = AGENT)
    @OperationsPerInvocation(BATCH)
    public void probed() throws InterruptedException {
        batch();
    }
}
