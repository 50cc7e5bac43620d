package dev.poolscope.bench.jmh;

import dev.poolscope.agent.boot.PoolHooks;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.concurrent.TimeUnit;

/**
 * The deep probe's hooks alone, on one thread: the three calls the advice makes for one task ({@code execute},
 * {@code beforeExecute}, {@code afterExecute}) around a no-op task, against the no-op task alone. No thread hand-off
 * is measured, so the figure moves less with the machine's load than {@link ProbeCostBenchmark}'s; what it leaves
 * out is the cache traffic between the submitting thread and the worker. {@code clock} is one {@code System.nanoTime}
 * in the same sitting: on a loaded virtual machine every clock reading slows down, and the hooks with it.
 *
 * <p>Run from the project folder:
 * <pre>
 * mvn -Pjmh -DskipTests package
 * java -jar target/benchmarks.jar ProbeHooksBenchmark
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ProbeHooksBenchmark {
    /** CPU sampling exponent: 8 is {@code watch --deep}'s default, 6 what {@code --twin} asks for. */
    @Param({"8", "6"})
    public int cpuSampleBits;

    private final Object pool = new Object();
    private final Runnable task = () -> { };

    @Setup
    public void on() {
        PoolHooks.enable(2, cpuSampleBits, 4);
    }

    @TearDown
    public void off() {
        PoolHooks.disable();
    }

    @Benchmark
    public void bare(Blackhole bh) {
        bh.consume(task);
        task.run();
    }

    /** One clock reading, the unit the hooks' cost scales with on a loaded virtual machine. */
    @Benchmark
    public long clock() {
        return System.nanoTime();
    }

    @Benchmark
    public void hooks(Blackhole bh) {
        bh.consume(task);
        if (PoolHooks.onExecute(pool, task)) {
            PoolHooks.onExecuted(pool);
        }
        PoolHooks.onBefore(pool, task);
        task.run();
        PoolHooks.onAfter(pool);
    }
}
