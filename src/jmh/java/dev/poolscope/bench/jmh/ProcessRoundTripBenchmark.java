package dev.poolscope.bench.jmh;

import dev.poolscope.bench.PipeBench;
import dev.poolscope.bench.PipeEcho;
import dev.poolscope.bench.ProcessPoolBench;
import dev.poolscope.pool.ObservedTask;
import dev.poolscope.pool.PoolConfig;
import dev.poolscope.pool.PoolRegistry;
import dev.poolscope.pool.WorkerPool;
import dev.poolscope.workload.TaskSource;
import dev.poolscope.workload.WorkloadSpec;
import dev.poolscope.workload.WorkloadTask;
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

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The process pool against the raw pipe it talks over: one child JVM either
 * way. {@code roundTrip}: one tiny task's round trip ({@code side=pool}:
 * {@code submit(noop).get()} on a one-worker process pool) against one
 * {@value PipeEcho#FRAME}-byte frame's ping-pong with a {@link PipeEcho} child
 * ({@code side=pipe}); sample mode gives p50 and p99. {@code pipelined}:
 * {@value #PIPELINED} no-op tasks or frames in flight at once, time per message.
 * The pool side needs the {@code process} kind on the class path.
 *
 * <p>Run:
 * <pre>
 * mvn -Pjmh -DskipTests package
 * java -jar target/benchmarks.jar ProcessRoundTripBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ProcessRoundTripBenchmark {
    /** Messages per pipelined invocation. */
    public static final int PIPELINED = 20_000;
    private static final WorkloadSpec NOOP = WorkloadSpec.of("noop");

    /** {@code pipe}: raw frames; {@code pool}: the process pool. */
    @Param({"pipe", "pool"})
    public String side;

    private PipeBench pipe;
    private WorkerPool pool;
    private TaskSource source;
    private final byte[] frame = new byte[PipeEcho.FRAME];
    private long index;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        if (side.equals("pipe")) {
            pipe = PipeBench.start();
        } else {
            pool = PoolRegistry.standard().create(ProcessPoolBench.KIND, PoolConfig.of(1));
            source = WorkloadTask.resolve(NOOP, 42);
            pool.submit(task()).get();
        }
    }

    private WorkloadTask task() {
        return new WorkloadTask(NOOP, 42, index++, source);
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Object roundTrip() throws Exception {
        if (pipe != null) {
            pipe.roundTrip(frame);
            return frame;
        }
        return pool.submit(task()).get();
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    @OperationsPerInvocation(PIPELINED)
    public void pipelined() throws Exception {
        if (pipe != null) {
            pipe.pipelined(PIPELINED);
            return;
        }
        CountDownLatch latch = new CountDownLatch(PIPELINED);
        for (int i = 0; i < PIPELINED; i++) {
            ObservedTask<Object> t = pool.newTask(task());
            t.onDone(x -> latch.countDown());
            pool.execute(t);
        }
        latch.await();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
        if (pipe != null) {
            pipe.close();
        }
        if (pool != null) {
            pool.shutdown();
            pool.awaitTermination(20, TimeUnit.SECONDS);
        }
    }
}
